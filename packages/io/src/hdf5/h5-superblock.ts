import { ioError } from '../common/io-error.js';
import { openForRead, readExactly } from '../common/open-file.js';
import { expectChecksum, fallback, type H5Bytes } from './h5-bytes.js';

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function readAddress(b: Buffer, at: number, size: number): number {
  return size === 8 ? Number(b.readBigUInt64LE(at)) : size === 4 ? b.readUInt32LE(at) : b.readUInt16LE(at);
}

/**
 * Check that `path` is a complete HDF5 file before the C library sees it: the signature must sit at
 * 0, 512, 1024, ... and the end-of-file address in the superblock must not lie past the file's end
 * (HDF5 spec, "Format Signature and Superblock", versions 0-3). Missing, foreign and truncated
 * files become `FileUnreadable`/`ParseError` naming the file instead of an HDF5 error stack.
 */
export async function assertCompleteHdf5(path: string): Promise<void> {
  const handle = await openForRead(path);
  try {
    const size = (await handle.stat()).size;
    for (let base = 0; base + 48 <= size; base = base === 0 ? 512 : base * 2) {
      const sb = await readExactly(handle, path, base, Math.min(96, size - base));
      if (!SIGNATURE.every((b, i) => sb[i] === b)) continue;
      const version = sb[8];
      let eofAt: number;
      let offsets: number;
      if (version === 0 || version === 1) {
        offsets = sb[13];
        eofAt = (version === 0 ? 24 : 28) + 2 * offsets;
      } else if (version === 2 || version === 3) {
        offsets = sb[9];
        eofAt = 12 + 2 * offsets;
      } else {
        throw ioError('ParseError', `${path}: unsupported HDF5 superblock version ${version}`);
      }
      if (![2, 4, 8].includes(offsets) || eofAt + offsets > sb.length) {
        throw ioError('ParseError', `${path}: damaged HDF5 superblock (size of offsets ${offsets})`);
      }
      const eof = readAddress(sb, eofAt, offsets);
      if (base + eof > size) {
        throw ioError('FileUnreadable', `${path} is truncated: the HDF5 superblock says ${base + eof} bytes, the file has ${size}`);
      }
      return;
    }
    throw ioError('ParseError', `${path} is not an HDF5 file (no HDF5 signature)`);
  } finally {
    await handle.close();
  }
}

/**
 * The root group's object header address, from a superblock at byte 0 (versions 0-3; v2+ checksum
 * verified). Sets the file's address and length sizes; anything unusual (a user block, a base
 * address, a superblock extension) is a fallback to h5wasm.
 */
export function readRootAddress(file: H5Bytes): number {
  const sb = file.read(0, Math.min(file.end, 96));
  if (!SIGNATURE.every((b, i) => sb[i] === b)) fallback('superblock not at byte 0');
  const version = sb[8];
  if (version === 0 || version === 1) {
    [file.offsetSize, file.lengthSize] = [sb[13], sb[14]];
    checkSizes(file);
    const base = version === 0 ? 24 : 28;
    if (file.address(sb, base) !== 0) fallback('base address is not 0');
    file.end = Math.min(file.end, file.address(sb, base + 2 * file.offsetSize) ?? fallback('no end-of-file address'));
    // root symbol table entry: link name offset, then the object header address
    return file.address(sb, base + 4 * file.offsetSize + file.offsetSize) ?? fallback('no root group');
  }
  if (version !== 2 && version !== 3) fallback(`superblock version ${version}`);
  [file.offsetSize, file.lengthSize] = [sb[9], sb[10]];
  checkSizes(file);
  const O = file.offsetSize;
  expectChecksum(sb, 0, 12 + 4 * O, 'superblock');
  if (file.address(sb, 12) !== 0) fallback('base address is not 0');
  if (file.address(sb, 12 + O) !== null) fallback('superblock extension');
  file.end = Math.min(file.end, file.address(sb, 12 + 2 * O) ?? fallback('no end-of-file address'));
  return file.address(sb, 12 + 3 * O) ?? fallback('no root group');
}

function checkSizes(file: H5Bytes): void {
  if (![2, 4, 8].includes(file.offsetSize) || ![2, 4, 8].includes(file.lengthSize)) fallback('odd address or length size');
}
