// Text whose charset a header or the document itself declares (feeds, web pages): a byte-order
// mark wins, then the declaration, then sniffing the bytes (decodeText, ./decode.ts), which also
// takes over when a declaration cannot be right.
import iconv from "iconv-lite";
import { decodeText, type Decoded } from "./decode.js";

/** `text/xml; charset="ISO-8859-1"` -> the iconv name, or undefined when absent or unknown. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType ? /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType) : null;
  return match?.[1] ? normaliseCharset(match[1]) : undefined;
}

/** WHATWG's rule that matters in practice: Latin-1 and ASCII labels mean windows-1252, the superset
 * real "ISO-8859-1" text uses (curly quotes and dashes in 0x80-0x9F). Unknown labels are ignored. */
export function normaliseCharset(label: string): string | undefined {
  const name = label.trim().toLowerCase();
  if (/^(?:iso[-_ ]?8859-1|iso8859-1|latin-?1|l1|us-ascii|ascii|iso-ir-100|cp819|ibm819|x-user-defined)$/.test(name)) return "windows-1252";
  if (name === "utf8" || name === "unicode-1-1-utf-8") return "utf-8";
  return iconv.encodingExists(name) ? name : undefined;
}

/** Decodes `bytes` as `declared` says, unless a BOM or the bytes themselves say better. */
export function decodeDeclared(bytes: Uint8Array, declared: string | undefined): Decoded {
  const sniffed = decodeText(bytes);
  if (!sniffed.ok || hasBom(bytes)) return sniffed;
  // UTF-8, UTF-16 and UTF-32 are what decodeText recognises from the bytes themselves (and it
  // repairs UTF-8 with stray legacy bytes); a declaration adds nothing there.
  if (declared === undefined || /^utf-?(8|16|32)/.test(declared)) return sniffed;
  // A single-byte charset declared over bytes that are valid UTF-8 with multibyte characters: the
  // declaration is a server default or a stale template (Latin-1 text is never valid UTF-8 this way).
  // (decodeText says "utf-8" only when the whole body decoded strictly.)
  if (sniffed.charset === "utf-8" && isSingleByte(declared) && bytes.some((byte) => byte >= 0x80)) return sniffed;
  return { ok: true, text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), declared), charset: declared };
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
