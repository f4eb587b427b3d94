import { expectChecksum, expectSignature, fallback, uint, type H5Bytes } from './h5-bytes.js';
import { h5Lookup3 } from './h5-lookup3.js';

/** A direct block of a fractal heap: where it starts in the heap's address space, and its bytes. */
interface DirectBlock {
  heapOffset: number;
  bytes: Buffer;
}

/**
 * A fractal heap (HDF5 spec III.G) holding managed objects only — what a group's dense link storage
 * uses. Its root is a direct block or an indirect block of direct blocks; deeper indirect blocks,
 * I/O filters, huge and tiny objects are fallbacks.
 */
export class H5FractalHeap {
  private readonly blocks: DirectBlock[] = [];
  private readonly offsetBytes: number;
  private readonly lengthBytes: number;
  readonly idLength: number;

  constructor(private readonly file: H5Bytes, address: number) {
    const { offsetSize: O, lengthSize: L } = file;
    const size = 4 + 1 + 2 + 2 + 1 + 4 + L + O + L + O + 8 * L + 2 + L + L + 2 + 2 + O + 2;
    const h = file.read(address, size + 4);
    expectSignature(h, 0, 'FRHP');
    if (h[4] !== 0) fallback(`fractal heap version ${h[4]}`);
    expectChecksum(h, 0, size, 'fractal heap header');
    this.idLength = uint(h, 5, 2);
    if (uint(h, 7, 2) !== 0) fallback('filtered fractal heap');
    const checksummed = (h[9] & 0x02) !== 0;
    let at = 10 + 4 + L + O + L + O + 8 * L;
    const width = uint(h, at, 2);
    const startSize = file.length(h, at + 2);
    const maxDirect = file.length(h, at + 2 + L);
    const maxHeapBits = uint(h, at + 2 + 2 * L, 2);
    at += 2 + 2 * L + 2 + 2;
    const root = file.address(h, at);
    const rows = uint(h, at + O, 2);
    this.offsetBytes = Math.ceil(maxHeapBits / 8);
    this.lengthBytes = this.idLength - 1 - this.offsetBytes;
    if (this.lengthBytes < 1 || this.lengthBytes > 8 || width < 1 || width > 1024 || startSize < 1) fallback('odd fractal heap parameters');
    if (root === null) return;
    const block = (addr: number, heapOffset: number, blockSize: number): void => {
      const bytes = file.read(addr, blockSize);
      expectSignature(bytes, 0, 'FHDB');
      if (bytes[4] !== 0 || uint(bytes, 5 + O, this.offsetBytes) !== heapOffset) fallback('fractal heap direct block header');
      if (checksummed) {
        const at = 5 + O + this.offsetBytes;
        // HDF5 checksums the whole block with its checksum field zeroed
        const zeroed = Buffer.from(bytes);
        zeroed.writeUInt32LE(0, at);
        if (h5Lookup3(zeroed) !== uint(bytes, at, 4)) fallback('fractal heap direct block: checksum mismatch');
      }
      this.blocks.push({ heapOffset, bytes });
    };
    if (rows === 0) {
      block(root, 0, startSize);
      return;
    }
    // the doubling table: rows 0 and 1 of `width` blocks of startSize, then doubling per row
    const directRows = Math.log2(maxDirect) - Math.log2(startSize) + 2;
    if (!Number.isInteger(directRows) || rows > directRows) fallback('indirect blocks below the root');
    const entries = rows * width;
    const ib = file.read(root, 5 + O + this.offsetBytes + entries * O + 4);
    expectSignature(ib, 0, 'FHIB');
    if (ib[4] !== 0 || uint(ib, 5 + O, this.offsetBytes) !== 0) fallback('fractal heap indirect block header');
    expectChecksum(ib, 0, ib.length - 4, 'fractal heap indirect block');
    let heapOffset = 0;
    for (let r = 0; r < rows; r++) {
      const blockSize = r === 0 ? startSize : startSize * 2 ** (r - 1);
      for (let c = 0; c < width; c++, heapOffset += blockSize) {
        const addr = file.address(ib, 5 + O + this.offsetBytes + (r * width + c) * O);
        if (addr !== null) block(addr, heapOffset, blockSize);
      }
    }
  }

  /** The bytes of the managed object a heap ID names. */
  object(id: Uint8Array): Buffer {
    if (id.length !== this.idLength || (id[0] & 0xf0) !== 0) fallback('not a version-0 managed heap ID');
    const offset = uint(id, 1, this.offsetBytes);
    const length = uint(id, 1 + this.offsetBytes, this.lengthBytes);
    const blk = this.blocks.find((b) => offset >= b.heapOffset && offset + length <= b.heapOffset + b.bytes.length);
    if (!blk) fallback(`heap object at ${offset} is in no direct block`);
    return blk.bytes.subarray(offset - blk.heapOffset, offset - blk.heapOffset + length);
  }
}
