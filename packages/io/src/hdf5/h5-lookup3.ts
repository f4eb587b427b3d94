const rot = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/**
 * Jenkins lookup3 `hashlittle` of `bytes` (seed `init`), as HDF5 checksums its metadata (superblock
 * v2+, object header v2, fractal heap, v2 B-tree) and hashes link names for its name index —
 * B. Jenkins, lookup3.c (2006); HDF5 `H5_checksum_lookup3`.
 * @example h5Lookup3(Buffer.from('x')) // the hash HDF5 stores for the link name "x"
 */
export function h5Lookup3(bytes: Uint8Array, init = 0): number {
  let length = bytes.length;
  let a = (0xdeadbeef + length + init) | 0;
  let b = a;
  let c = a;
  let k = 0;
  const word = (at: number): number => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
  while (length > 12) {
    a = (a + word(k)) | 0;
    b = (b + word(k + 4)) | 0;
    c = (c + word(k + 8)) | 0;
    a = (a - c) | 0; a ^= rot(c, 4); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 6); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 8); b = (b + a) | 0;
    a = (a - c) | 0; a ^= rot(c, 16); c = (c + b) | 0;
    b = (b - a) | 0; b ^= rot(a, 19); a = (a + c) | 0;
    c = (c - b) | 0; c ^= rot(b, 4); b = (b + a) | 0;
    length -= 12;
    k += 12;
  }
  if (length === 0) return c >>> 0;
  // the tail: up to 12 bytes added little-endian into a, b, c
  const tail = [0, 0, 0];
  for (let i = 0; i < length; i++) tail[i >> 2] += bytes[k + i] << (8 * (i & 3));
  a = (a + tail[0]) | 0;
  b = (b + tail[1]) | 0;
  c = (c + tail[2]) | 0;
  c ^= b; c = (c - rot(b, 14)) | 0;
  a ^= c; a = (a - rot(c, 11)) | 0;
  b ^= a; b = (b - rot(a, 25)) | 0;
  c ^= b; c = (c - rot(b, 16)) | 0;
  a ^= c; a = (a - rot(c, 4)) | 0;
  b ^= a; b = (b - rot(a, 14)) | 0;
  c ^= b; c = (c - rot(b, 24)) | 0;
  return c >>> 0;
}
