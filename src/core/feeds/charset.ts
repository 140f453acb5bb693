// Feed bytes -> text: a byte-order mark, then the HTTP Content-Type charset, then the XML
// declaration's encoding=, then what the bytes say (core/charset's rules for declared charsets).
import type { Decoded } from "../charset/decode.js";
import { charsetFromContentType, decodeDeclared, normaliseCharset } from "../charset/declared.js";

/** How far into the body an XML declaration may sit (after whitespace a careless server emitted). */
const DECLARATION_BYTES = 1024;

export function decodeFeed(bytes: Uint8Array, contentType?: string): Decoded {
  return decodeDeclared(bytes, charsetFromContentType(contentType) ?? charsetFromXmlDeclaration(bytes));
}

/** `<?xml version="1.0" encoding="windows-1251"?>` -> "windows-1251". */
function charsetFromXmlDeclaration(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, DECLARATION_BYTES)).toString("latin1");
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head);
  return match?.[1] ? normaliseCharset(match[1]) : undefined;
}
