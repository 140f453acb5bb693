// Bytes -> text: byte-order marks, UTF-8, UTF-16 without a BOM, legacy charsets (via chardet and
// iconv-lite), and refusing binary files.
import chardet from "chardet";
import iconv from "iconv-lite";

export type Decoded = { ok: true; text: string; charset: string } | { ok: false; reason: string };

/** How much of a file the sniffers look at: enough to judge, cheap on a 10 MB file. */
const SNIFF_BYTES = 64 * 1024;

const BOMS: Array<{ bytes: number[]; charset: string }> = [
  // UTF-32 first: its LE mark starts with the UTF-16 LE one.
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: "utf-32le" },
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: "utf-32be" },
  { bytes: [0xef, 0xbb, 0xbf], charset: "utf-8" },
  { bytes: [0xff, 0xfe], charset: "utf-16le" },
  { bytes: [0xfe, 0xff], charset: "utf-16be" },
];

/** chardet's names for Western text, all decoded as cp1252: ISO-8859-1 files in the wild are nearly
 * always cp1252 (curly quotes and dashes in 0x80-0x9F, which Latin-1 makes invisible controls). */
const WESTERN = new Set(["windows-1252", "ISO-8859-1", "ASCII"]);
/** chardet confidences (0-100) below which, or this close to cp1252's, a guess is not trusted. */
const MIN_CONFIDENCE = 40;
const MIN_LEAD = 20;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UTF16_NOT_TEXT = /[\u0000-\u0008\u000E-\u001F\uFFFD]/;

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: "File is empty." };

  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
  if (bom) {
    const body = bytes.subarray(bom.bytes.length);
    if (bom.charset === "utf-8") return decodeUtf8OrMixed(body);
    return { ok: true, text: iconv.decode(Buffer.from(body), bom.charset, { stripBOM: false }), charset: bom.charset };
  }

  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.includes(0)) {
    const utf16 = sniffUtf16(sample);
    const text = utf16 && iconv.decode(Buffer.from(bytes), utf16);
    // Binary data can have a NUL in every other byte too; real text has no control characters.
    if (!utf16 || !text || UTF16_NOT_TEXT.test(text)) return { ok: false, reason: "File looks like a binary file, not text (it contains NUL bytes)." };
    return { ok: true, text, charset: utf16 };
  }
  if (controlShare(sample) > 0.1) return { ok: false, reason: "File looks like a binary file, not text (it is full of control bytes)." };

  return decodeUtf8OrMixed(bytes);
}

function decodeUtf8OrMixed(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: utf8.decode(bytes), charset: "utf-8" };
  } catch {
    // Not valid UTF-8: either a legacy charset, or UTF-8 with a few stray legacy bytes.
  }
  const mixed = decodeMixed(bytes);
  if (mixed.validMultibyte >= mixed.invalidBytes) return { ok: true, text: mixed.text, charset: "utf-8 (with stray windows-1252 bytes)" };
  return decodeLegacy(bytes);
}

/**
 * chardet guesses poorly on short Latin text (French comes out as windows-1250, a few accents as
 * KOI8-R), and those guesses garble letters. So cp1252 — the superset real Latin files use — wins
 * unless chardet is fairly sure of something else and clearly prefers it to cp1252 / Latin-1.
 */
function decodeLegacy(bytes: Uint8Array): Decoded {
  const matches = chardet.analyse(bytes.subarray(0, SNIFF_BYTES * 4));
  const westernScore = Math.max(0, ...matches.filter((m) => WESTERN.has(m.name)).map((m) => m.confidence));
  const top = matches[0];
  if (top && !WESTERN.has(top.name) && top.confidence >= MIN_CONFIDENCE && top.confidence - westernScore >= MIN_LEAD) {
    const charset = top.name;
    if (!/^UTF-/i.test(charset) && iconv.encodingExists(charset)) {
      const text = iconv.decode(Buffer.from(bytes), charset);
      if (!text.includes("\uFFFD")) return { ok: true, text, charset };
    }
  }
  // cp1252 decodes every byte but five unassigned ones (which cleaning removes).
  return { ok: true, text: iconv.decode(Buffer.from(bytes), "windows-1252"), charset: "windows-1252" };
}

/** UTF-16 without a BOM: mostly-Latin text has a NUL in every other byte, on one side only. */
function sniffUtf16(sample: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const pairs = Math.floor(sample.length / 2);
  if (pairs === 0) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.02) return "utf-16le";
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.02) return "utf-16be";
  return undefined;
}

/** Share of C0 control bytes other than whitespace and ESC (which ISO-2022 text uses). */
function controlShare(sample: Uint8Array): number {
  let controls = 0;
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls++;
  }
  return sample.length === 0 ? 0 : controls / sample.length;
}

/** Length of the valid UTF-8 sequence starting at i (WHATWG rules: no overlongs, no surrogates), or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const byte = bytes[i + k];
    if (byte === undefined || byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return 0;
  }
  return length;
}

/** UTF-8 where valid, each invalid byte as cp1252: repairs files glued together from two sources. */
function decodeMixed(bytes: Uint8Array): { text: string; validMultibyte: number; invalidBytes: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let runStart = 0;
  let validMultibyte = 0;
  let invalidBytes = 0;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length > 0) {
      validMultibyte++;
      i += length;
      continue;
    }
    invalidBytes++;
    parts.push(buffer.toString("utf8", runStart, i), iconv.decode(buffer.subarray(i, i + 1), "windows-1252"));
    i++;
    runStart = i;
  }
  parts.push(buffer.toString("utf8", runStart));
  return { text: parts.join(""), validMultibyte, invalidBytes };
}
