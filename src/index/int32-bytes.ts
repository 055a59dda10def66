/**
 * The `Int32Array` a file's bytes hold. Copied into a fresh buffer because Node may hand out a
 * Buffer at an offset of its shared pool that is not 4-byte aligned, which a typed array refuses.
 */
export function int32FromBytes(bytes: Uint8Array): Int32Array {
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
