// Feed bytes -> text. Order of trust: a byte-order mark, then the HTTP Content-Type charset, then the
// XML declaration's encoding=, then valid UTF-8, then a chardet guess (the last two, and the refusal
// of empty and binary bodies, are ingest's decodeText).
import iconv from "iconv-lite";
import { decodeText, type Decoded } from "../ingest/decode.js";

/** How far into the body an XML declaration may sit (after whitespace a careless server emitted). */
const DECLARATION_BYTES = 1024;

export function decodeFeed(bytes: Uint8Array, contentType?: string): Decoded {
  const sniffed = decodeText(bytes);
  if (!sniffed.ok || hasBom(bytes)) return sniffed;

  const declared = charsetFromContentType(contentType) ?? charsetFromXmlDeclaration(bytes);
  // UTF-8, UTF-16 and UTF-32 are what decodeText recognises from the bytes themselves (and it
  // repairs UTF-8 with stray legacy bytes); a declaration adds nothing there.
  if (declared === undefined || /^utf-?(8|16|32)/.test(declared)) return sniffed;
  // A single-byte charset declared over bytes that are valid UTF-8 with multibyte characters: the
  // declaration is a server default or a stale template (Latin-1 text is never valid UTF-8 this way).
  // (decodeText says "utf-8" only when the whole body decoded strictly.)
  if (sniffed.charset === "utf-8" && isSingleByte(declared) && bytes.some((byte) => byte >= 0x80)) return sniffed;
  return { ok: true, text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declared), charset: declared };
}

/** `text/xml; charset="ISO-8859-1"` -> the iconv name, or undefined when absent or unknown. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType ? /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType) : null;
  return match?.[1] ? normaliseCharset(match[1]) : undefined;
}

/** `<?xml version="1.0" encoding="windows-1251"?>` -> "windows-1251". */
export function charsetFromXmlDeclaration(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECLARATION_BYTES)).toString("latin1");
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head);
  return match?.[1] ? normaliseCharset(match[1]) : undefined;
}

/** WHATWG's rule that matters in practice: Latin-1 and ASCII labels mean windows-1252, the superset
 * real "ISO-8859-1" text uses (curly quotes and dashes in 0x80-0x9F). Unknown labels are ignored. */
function normaliseCharset(label: string): string | undefined {
  const name = label.trim().toLowerCase();
  if (/^(?:iso[-_ ]?8859-1|iso8859-1|latin-?1|l1|us-ascii|ascii|iso-ir-100|cp819|ibm819)$/.test(name)) return "windows-1252";
  if (name === "utf8") return "utf-8";
  return iconv.encodingExists(name) ? name : undefined;
}

function hasBom(bytes: Uint8Array): boolean {
  return (
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff)
  );
}

function isSingleByte(charset: string): boolean {
  return /^(?:windows-125\d|cp125\d|iso-?8859-\d+|koi8-?[ru]|macintosh|mac-?roman|cp8[56]\d|ibm8[56]\d)$/.test(charset);
}
