import type { NpyDtype } from '../npy/npy-dtype.js';
import { fallback, uint, type H5Bytes } from './h5-bytes.js';
import { MSG, type H5Message } from './h5-object-header.js';

/** A dataset whose raw data is one contiguous run of the file, in C order. */
export interface H5ContiguousDataset {
  /** Dimensions, rows first (rank 1 or 2). */
  shape: number[];
  dtype: NpyDtype;
  /** Absolute file address and byte size of the raw data. */
  address: number;
  size: number;
}

function one(messages: readonly H5Message[], type: number): Buffer {
  const found = messages.filter((m) => m.type === type);
  if (found.length !== 1) fallback(`${found.length} messages of type ${type}`);
  return found[0].body;
}

/** Dataspace message v1/v2: a simple dataspace of rank 1 or 2. */
function readShape(file: H5Bytes, b: Buffer): number[] {
  const [version, rank, flags] = [b[0], b[1], b[2]];
  if (flags & 0x02) fallback('dataspace permutation');
  let at: number;
  if (version === 1) at = 8;
  else if (version === 2 && b[3] === 1) at = 4;
  else fallback(`dataspace version ${version}, type ${b[3]}`);
  if (rank !== 1 && rank !== 2) fallback(`dataspace rank ${rank}`);
  return Array.from({ length: rank }, (_, i) => file.length(b, at + i * file.lengthSize));
}

/** IEEE layouts (bit offset, precision, exponent location and size, mantissa location and size, bias, sign bit). */
const IEEE: Record<number, number[]> = { 4: [0, 32, 23, 8, 0, 23, 127, 31], 8: [0, 64, 52, 11, 0, 52, 1023, 63] };

/** Datatype message: little-endian IEEE float32/float64, or a little-endian integer of 1, 2, 4 or 8 bytes. */
function readDtype(b: Buffer): NpyDtype {
  const cls = b[0] & 0x0f;
  const [bits0, bits1] = [b[1], b[2]];
  const size = uint(b, 4, 4);
  if (cls === 0) {
    // fixed point: byte order (bit 0), padding (bits 1-2), signed (bit 3); offset and precision
    if ((bits0 & 0x07) !== 0 || ![1, 2, 4, 8].includes(size)) fallback('integer layout');
    if (uint(b, 8, 2) !== 0 || uint(b, 10, 2) !== 8 * size) fallback('integer with padding bits');
    const kind = bits0 & 0x08 ? 'i' : 'u';
    return { text: `<${kind}${size}`, kind, size, littleEndian: true };
  }
  if (cls === 1) {
    // floating point: byte order (bits 0, 6), padding (1-3), implied mantissa bit (4-5 = 2), sign bit (byte 2)
    const want = IEEE[size];
    const got = [uint(b, 8, 2), uint(b, 10, 2), b[12], b[13], b[14], b[15], uint(b, 16, 4), bits1];
    if (!want || (bits0 & 0x4f) !== 0 || (bits0 & 0x30) !== 0x20 || got.some((v, i) => v !== want[i])) fallback('not a little-endian IEEE float');
    return { text: `<f${size}`, kind: 'f', size, littleEndian: true };
  }
  return fallback(`datatype class ${cls}`);
}

/** Data layout message v3/v4, class 1 (contiguous) with its storage allocated. */
function readStorage(file: H5Bytes, b: Buffer): { address: number; size: number } {
  if ((b[0] !== 3 && b[0] !== 4) || b[1] !== 1) fallback(`layout version ${b[0]} class ${b[1]}`);
  const address = file.address(b, 2) ?? fallback('raw data not allocated');
  return { address, size: file.length(b, 2 + file.offsetSize) };
}

/**
 * The contiguous layout of a dataset's header, or a fallback: anything but one dataspace, datatype
 * and contiguous layout message (filters and external files are never `MSG` types), or raw data
 * that does not fill exactly rows x row bytes inside the file.
 */
export function contiguousDataset(file: H5Bytes, messages: readonly H5Message[]): H5ContiguousDataset {
  const shape = readShape(file, one(messages, MSG.dataspace));
  const dtype = readDtype(one(messages, MSG.datatype));
  const { address, size } = readStorage(file, one(messages, MSG.layout));
  const want = shape.reduce((a, d) => a * d, dtype.size);
  if (size !== want || !Number.isSafeInteger(want) || address + size > file.end) fallback('raw data size does not match the dataspace');
  return { shape, dtype, address, size };
}
