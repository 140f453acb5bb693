// Bytes -> text: BOMs, UTF-8, UTF-16 with and without a BOM, legacy charsets, binary refusal.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../../src/core/charset/decode.js";

function decoded(bytes: Uint8Array): { text: string; charset: string } {
  const result = decodeText(bytes);
  if (!result.ok) throw new Error(`expected text, got: ${result.reason}`);
  return { text: result.text, charset: result.charset };
}

describe("decodeText", () => {
  it("keeps valid UTF-8 as UTF-8", () => {
    const result = decoded(Buffer.from("Türkiye’s “talks” — 東京", "utf8"));
    expect(result).toEqual({ text: "Türkiye’s “talks” — 東京", charset: "utf-8" });
  });

  it("strips a UTF-8 byte-order mark", () => {
    expect(decoded(Buffer.from([0xef, 0xbb, 0xbf, 0x48, 0x69])).text).toBe("Hi");
  });

  it("decodes UTF-16 LE and BE by their byte-order marks", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Café “news”", "utf16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("Café “news”", "utf16le").swap16()]);
    expect(decoded(le)).toEqual({ text: "Café “news”", charset: "utf-16le" });
    expect(decoded(be)).toEqual({ text: "Café “news”", charset: "utf-16be" });
  });

  it("recognises UTF-16 LE without a byte-order mark instead of calling it binary", () => {
    expect(decoded(Buffer.from("Headline\nBody text here.", "utf16le"))).toEqual({ text: "Headline\nBody text here.", charset: "utf-16le" });
  });

  it("reads cp1252 quotes, dashes and 0x85 as an ellipsis, not as a NEL line break", () => {
    // “Quote” – dash … end  (0x93 0x94 0x96 0x85 are cp1252 punctuation; Latin-1 would make them C1 controls)
    const bytes = Buffer.from([0x93, 0x51, 0x75, 0x6f, 0x74, 0x65, 0x94, 0x20, 0x96, 0x20, 0x61, 0x85, 0x20, 0x63, 0x61, 0x66, 0xe9]);
    expect(decoded(bytes)).toEqual({ text: "“Quote” – a… café", charset: "windows-1252" });
  });

  it("decodes text chardet calls ISO-8859-1 as windows-1252", () => {
    const bytes = iconv.encode("Chelsea paid £15.8m for Mutu, a signing from Parma.", "windows-1252");
    expect(decoded(bytes)).toEqual({ text: "Chelsea paid £15.8m for Mutu, a signing from Parma.", charset: "windows-1252" });
  });

  it("detects Cyrillic windows-1251 and Japanese Shift_JIS", () => {
    const russian = "Москва — столица России, крупнейший по численности населения город страны. Правительство объявило о новых мерах.";
    const japanese = "東京都は日本の首都であり、人口は約千四百万人です。政府は新しい経済対策を発表しました。";
    expect(decoded(iconv.encode(russian, "windows-1251"))).toEqual({ text: russian, charset: "windows-1251" });
    expect(decoded(iconv.encode(japanese, "shift_jis"))).toEqual({ text: japanese, charset: "Shift_JIS" });
  });

  it("keeps short French cp1252 text as cp1252 although chardet's first guess is windows-1250", () => {
    const french = "Le café est fermé aujourd’hui. Il pleut à Paris, où l’élève s’ennuie.";
    expect(decoded(iconv.encode(french, "windows-1252"))).toEqual({ text: french, charset: "windows-1252" });
  });

  it("still trusts a confident non-Western guess such as Polish ISO-8859-2", () => {
    const polish = "Zażółć gęślą jaźń. Prezydent Polski spotkał się z premierem Czech w Pradze, aby omówić współpracę gospodarczą.";
    expect(decoded(iconv.encode(polish, "iso-8859-2"))).toEqual({ text: polish, charset: "ISO-8859-2" });
  });

  it("repairs UTF-8 text with a stray cp1252 byte instead of garbling the whole file", () => {
    const bytes = Buffer.concat([Buffer.from("Türkiye and Syria ", "utf8"), Buffer.from([0x96]), Buffer.from(" talks in “Moscow”", "utf8")]);
    const result = decoded(bytes);
    expect(result.text).toBe("Türkiye and Syria – talks in “Moscow”");
    expect(result.charset).toMatch(/^utf-8/);
  });

  it("refuses empty and binary input with a clear reason", () => {
    expect(decodeText(new Uint8Array())).toEqual({ ok: false, reason: "File is empty." });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]);
    const refusal = decodeText(png);
    expect(refusal.ok).toBe(false);
    expect(!refusal.ok && refusal.reason).toContain("looks like a binary file, not text");
    const controls = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(decodeText(controls)).toMatchObject({ ok: false, reason: expect.stringContaining("binary") });
  });
});
