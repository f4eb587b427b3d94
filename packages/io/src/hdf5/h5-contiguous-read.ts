import { closeSync, fstatSync, openSync } from 'node:fs';
import { ioError } from '../common/io-error.js';
import { decodeStrided } from '../npy/npy-dtype.js';
import { H5Bytes } from './h5-bytes.js';
import type { H5ContiguousDataset } from './h5-dataset-header.js';
import { fastH5Layout } from './h5-fast-layout.js';
import type { H5Column } from './h5-layout.js';
import { allocateH5Columns, checkH5Columns, H5_BLOCK_BYTES } from './h5-read.js';
import type { H5Reader } from './h5-reader-contract.js';
import { readRootAddress } from './h5-superblock.js';

/**
 * Read rows [start, end) of contiguous columns straight from the file: a float32 column of its own
 * dataset lands in its output array with one read; other columns go through blocks of about
 * `H5_BLOCK_BYTES` and the same converting copy (`decodeStrided`) as the h5wasm path, so values are
 * the same bit for bit.
 */
function readRows(file: H5Bytes, path: string, data: Map<string, H5ContiguousDataset>, cols: readonly H5Column[], start: number, end: number): Float32Array[] {
  const out = allocateH5Columns(path, cols, end - start);
  const short = (dataset: string, lo: number, hi: number) =>
    ioError('FileUnreadable', `${path}: rows ${lo}-${hi} of dataset ${dataset} cannot be read (corrupt or truncated data)`);
  let scratch: Buffer | undefined;
  cols.forEach((c, j) => {
    const { address } = data.get(c.dataset)!;
    const dtype = c.dtype!;
    if (dtype.kind === 'f' && dtype.size === 4 && c.rowBytes === 4) {
      const bytes = new Uint8Array(out[j].buffer, out[j].byteOffset, out[j].byteLength);
      if (!file.readInto(bytes, address + start * 4)) throw short(c.dataset, start, end);
      return;
    }
    const step = Math.max(1, Math.floor(H5_BLOCK_BYTES / c.rowBytes));
    for (let lo = start; lo < end; lo += step) {
      const hi = Math.min(end, lo + step);
      scratch ??= Buffer.allocUnsafe(step * c.rowBytes);
      if (scratch.length < step * c.rowBytes) scratch = Buffer.allocUnsafe(step * c.rowBytes);
      const bytes = scratch.subarray(0, (hi - lo) * c.rowBytes);
      if (!file.readInto(bytes, address + lo * c.rowBytes)) throw short(c.dataset, lo, hi);
      decodeStrided(bytes, dtype, c.offset, c.rowBytes, hi - lo, out[j], lo - start);
    }
  });
  return out;
}

/**
 * Open `path` without h5wasm when `item` is made only of plain contiguous datasets (see
 * `fastH5Layout`); null when anything in the way is not fully understood, so h5wasm reads it.
 * The caller has checked that the file is a complete HDF5 file.
 * @example const reader = openContiguousH5('events.h5', undefined) ?? (await openWithH5wasm(...))
 */
export function openContiguousH5(path: string, item: string | undefined, names?: readonly string[]): H5Reader | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const file = new H5Bytes(fd, fstatSync(fd).size);
    const { layout, data } = fastH5Layout(file, readRootAddress(file), item, names);
    return {
      path, layout, via: 'contiguous',
      pick: (wanted) => checkH5Columns(path, layout, wanted),
      rows: (cols, start, end) => readRows(file, path, data, cols, start, end),
      close: () => closeSync(fd),
    };
  } catch {
    // H5Fallback, or a RangeError of a field read past a damaged block: h5wasm decides either way
    closeSync(fd);
    return null;
  }
}
