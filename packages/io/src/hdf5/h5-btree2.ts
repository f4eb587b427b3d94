import { expectChecksum, expectSignature, fallback, uint, type H5Bytes } from './h5-bytes.js';

/** Bytes HDF5 uses to store a count up to `max` (`H5VM_limit_enc_size`: floor(log2(max)) / 8 + 1). */
function countBytes(max: number): number {
  return Math.floor(Math.floor(Math.log2(Math.max(1, max))) / 8) + 1;
}

/**
 * All records of a version 2 B-tree (HDF5 spec III.A.2) of the given type, in no particular order,
 * for a tree of depth 0 or 1 — a group's link-name index up to some 2,000 links. A deeper tree is
 * a fallback.
 * @example btree2Records(file, nameIndex, 5, 11) // [hash, heap ID] of every link
 */
export function btree2Records(file: H5Bytes, address: number, type: number, recordSize: number): Buffer[] {
  const { offsetSize: O, lengthSize: L } = file;
  const size = 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + O + 2 + L;
  const h = file.read(address, size + 4);
  expectSignature(h, 0, 'BTHD');
  expectChecksum(h, 0, size, 'v2 B-tree header');
  if (h[4] !== 0 || h[5] !== type || uint(h, 10, 2) !== recordSize) fallback('v2 B-tree of another type');
  const nodeSize = uint(h, 6, 4);
  const depth = uint(h, 12, 2);
  const root = file.address(h, 16);
  const count = uint(h, 16 + O, 2);
  const total = file.length(h, 18 + O);
  if (root === null) {
    if (total !== 0) fallback('v2 B-tree without root');
    return [];
  }
  let out: Buffer[];
  if (depth === 0) {
    out = node(file, root, 'BTLF', type, count, recordSize);
  } else if (depth === 1) {
    // internal node: records, then count + 1 child pointers (address, records in that leaf)
    const leafMax = Math.floor((nodeSize - 10) / recordSize);
    const nrecBytes = countBytes(leafMax);
    const ptr = O + nrecBytes;
    const inner = file.read(root, 6 + count * recordSize + (count + 1) * ptr + 4);
    expectSignature(inner, 0, 'BTIN');
    if (inner[4] !== 0 || inner[5] !== type) fallback('v2 B-tree node of another type');
    expectChecksum(inner, 0, inner.length - 4, 'v2 B-tree internal node');
    out = Array.from({ length: count }, (_, i) => inner.subarray(6 + i * recordSize, 6 + (i + 1) * recordSize));
    for (let i = 0; i <= count; i++) {
      const at = 6 + count * recordSize + i * ptr;
      const n = uint(inner, at + O, nrecBytes);
      if (n > leafMax) fallback('v2 B-tree leaf count');
      out.push(...node(file, file.address(inner, at) ?? fallback('undefined v2 B-tree child'), 'BTLF', type, n, recordSize));
    }
  } else {
    fallback(`v2 B-tree of depth ${depth}`);
  }
  if (out.length !== total) fallback('v2 B-tree record count');
  return out;
}

function node(file: H5Bytes, address: number, sig: string, type: number, count: number, recordSize: number): Buffer[] {
  const b = file.read(address, 6 + count * recordSize + 4);
  expectSignature(b, 0, sig);
  if (b[4] !== 0 || b[5] !== type) fallback('v2 B-tree node of another type');
  expectChecksum(b, 0, 6 + count * recordSize, 'v2 B-tree node');
  return Array.from({ length: count }, (_, i) => b.subarray(6 + i * recordSize, 6 + (i + 1) * recordSize));
}
