// Feed charsets: BOM > HTTP charset > XML declaration > valid UTF-8 > chardet guess.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeFeed } from "../../../src/core/feeds/charset.js";
import { parseFeed, type ParsedFeed } from "../../../src/core/feeds/parse.js";

function ok(feed: ParsedFeed): Extract<ParsedFeed, { ok: true }> {
  if (!feed.ok) throw new Error(`expected a feed, got: ${feed.reason}`);
  return feed;
}

const rss = (declaration: string, title: string, itemTitle: string, body: string) =>
  `${declaration}<rss version="2.0"><channel><title>${title}</title><link>https://news.example/</link>` +
  `<item><title>${itemTitle}</title><description>${body}</description></item></channel></rss>`;

const RUSSIAN = {
  title: "Новости дня",
  item: "Правительство утвердило новый бюджет",
  body: "Депутаты обсудили расходы на образование и здравоохранение, а также налоги для малого бизнеса.",
};
const PORTUGUESE = {
  title: "Jornal de Notícias",
  item: "Mãe de utente é a nova presidente da associação",
  body: "A direção reuniu-se na sexta-feira e decidiu por unanimidade; a eleição foi às três horas da tarde, disse a secretária.",
};

describe("feed charsets", () => {
  it("decodes Windows-1251 named in the XML declaration", () => {
    const bytes = iconv.encode(rss('<?xml version="1.0" encoding="windows-1251"?>\n', RUSSIAN.title, RUSSIAN.item, RUSSIAN.body), "windows-1251");
    const feed = ok(parseFeed(bytes));
    expect(feed.title).toBe(RUSSIAN.title);
    expect(feed.items[0]?.article).toMatchObject({ title: RUSSIAN.item, body: RUSSIAN.body, source: RUSSIAN.title });
  });

  it("decodes Windows-1251 named only in the HTTP Content-Type, which beats the XML declaration", () => {
    const undeclared = iconv.encode(rss("", RUSSIAN.title, RUSSIAN.item, RUSSIAN.body), "windows-1251");
    expect(ok(parseFeed(undeclared, { contentType: "application/rss+xml; charset=windows-1251" })).items[0]?.article.title).toBe(RUSSIAN.item);
    const misdeclared = iconv.encode(rss('<?xml version="1.0" encoding="ISO-8859-1"?>', RUSSIAN.title, RUSSIAN.item, RUSSIAN.body), "windows-1251");
    expect(ok(parseFeed(misdeclared, { contentType: 'text/xml; charset="Windows-1251"' })).title).toBe(RUSSIAN.title);
  });

  it("decodes a Latin-1 feed with no XML declaration and no HTTP charset", () => {
    const bytes = iconv.encode(rss("", PORTUGUESE.title, PORTUGUESE.item, PORTUGUESE.body), "latin1");
    expect(bytes.includes(0xe3)).toBe(true); // "ã" as one Latin-1 byte, so not UTF-8
    const feed = ok(parseFeed(bytes));
    expect(feed.title).toBe(PORTUGUESE.title);
    expect(feed.items[0]?.article).toMatchObject({ title: PORTUGUESE.item, body: PORTUGUESE.body });
  });

  it("reads a declared ISO-8859-1 feed as windows-1252, so curly quotes survive", () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf'),
      Buffer.from([0xe9, 0x20, 0x93, 0x51, 0x94]), // é “Q”
      Buffer.from("</title><item><title>T</title></item></channel></rss>"),
    ]);
    expect(ok(parseFeed(bytes)).title).toBe("Café “Q”");
  });

  it("lets a byte-order mark win over the HTTP charset", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss("", RUSSIAN.title, RUSSIAN.item, RUSSIAN.body), "utf8")]);
    expect(ok(parseFeed(bytes, { contentType: "text/xml; charset=windows-1251" })).title).toBe(RUSSIAN.title);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss('<?xml version="1.0" encoding="UTF-16"?>', "Ünïcode", "Ä", "Ö"), "utf-16le")]);
    expect(ok(parseFeed(utf16)).title).toBe("Ünïcode");
  });

  it("reads valid UTF-8 as UTF-8 when a single-byte charset is declared over it (a stale server default)", () => {
    const bytes = Buffer.from(rss('<?xml version="1.0" encoding="ISO-8859-1"?>', PORTUGUESE.title, PORTUGUESE.item, PORTUGUESE.body), "utf8");
    expect(ok(parseFeed(bytes, { contentType: "text/xml; charset=iso-8859-1" })).items[0]?.article.title).toBe(PORTUGUESE.item);
  });

  it("ignores a charset label iconv does not know", () => {
    const decoded = decodeFeed(Buffer.from('<?xml version="1.0" encoding="x-made-up"?><rss/>'), "text/xml; charset=bogus");
    expect(decoded).toMatchObject({ ok: true, charset: "utf-8" });
  });
});
