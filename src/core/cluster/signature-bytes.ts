// A near-duplicate signature as stored: unsigned 32-bit values, little-endian, 4 bytes each (a BLOB or
// bytea column). Plain code, apart from cluster/state.ts's schemas, so that the stores can load it
// without building them.

/** A signature as bytes (unsigned 32-bit little-endian values), e.g. for a BLOB column. */
export function signatureToBytes(signature: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  signature.forEach((value, i) => view.setUint32(i * 4, value, true));
  return bytes;
}

export function signatureFromBytes(bytes: Uint8Array): number[] {
  if (bytes.length % 4 !== 0) throw new RangeError(`a signature is a multiple of 4 bytes, not ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(i * 4, true));
}
