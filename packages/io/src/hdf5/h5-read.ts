import type { File as H5File } from 'h5wasm/node';
import { assertColumnsPresent } from '../common/column-selection.js';
import { ioError, wrapIoError } from '../common/io-error.js';
import { decodeStrided } from '../npy/npy-dtype.js';
import { h5Layout, type H5Column, type H5Layout } from './h5-layout.js';
import { loadH5wasm, type H5Module, type H5Wasm } from './h5-module.js';
import { assertCompleteHdf5 } from './h5-superblock.js';

/** Largest row hepuq reads (one row must fit the wasm heap; a larger one means a damaged datatype or dataspace). */
export const H5_READ_BYTES = 64 << 20;

/**
 * Rows are read through the wasm heap in blocks of about this many bytes. Every fresh page costs a
 * page fault on first touch, so a block bigger than the columns' own memory only adds faults: a
 * pandas table of 10^6 x 20 float32 read in 64 MiB blocks faulted 60 MiB more (1.05 s cold vs
 * 0.80 s). 4 MiB keeps a 1-D float32 column of 10^6 rows to one hyperslab read.
 */
export const H5_BLOCK_BYTES = 4 << 20;

/** Filters HDF5 itself decodes (deflate, shuffle, fletcher32, szip, nbit, scale-offset). */
const BUILT_IN_FILTERS = new Set([1, 2, 3, 4, 5, 6]);

/** An open HDF5 file and the layout of the selected item. Close with `close()`. */
export interface H5Source {
  path: string;
  h5: H5Wasm;
  module: H5Module;
  file: H5File;
  layout: H5Layout;
  close(): void;
}

/** Open `path` (after checking it is a complete HDF5 file) and lay out `item` as columns. */
export async function openH5(path: string, item: string | undefined, names?: readonly string[]): Promise<H5Source> {
  await assertCompleteHdf5(path);
  const { h5, module } = await loadH5wasm();
  let file: H5File;
  try {
    file = new h5.File(path, 'r');
  } catch (e) {
    throw ioError('FileUnreadable', `${path}: the HDF5 library cannot open it (damaged file?)`, { cause: e });
  }
  try {
    const layout = h5Layout(h5, path, file, item, names);
    return { path, h5, module, file, layout, close: () => void file.close() };
  } catch (e) {
    file.close();
    throw wrapIoError(e, 'ParseError', `${path}${item ? `:${item}` : ''}`, 'cannot be understood');
  }
}

/** The selected columns of `layout`, checked: present, numeric and all of one length. */
export function checkH5Columns(path: string, layout: H5Layout, wanted: readonly string[]): H5Column[] {
  const where = `${path}:${layout.item}`;
  const names = layout.columns.map((c) => c.name);
  assertColumnsPresent(where, names, wanted);
  const cols = wanted.map((w) => layout.columns[names.indexOf(w)]);
  for (const c of cols) {
    if (!c.dtype) {
      throw ioError('ParseError', `${where}: column "${c.name}" (dataset ${c.dataset}) holds ${c.typeText}, not numbers hepuq can read as float32`);
    }
  }
  const rows = cols[0]?.rows ?? 0;
  const odd = cols.find((c) => c.rows !== rows);
  if (odd) {
    throw ioError('ShapeMismatch', `${where}: column "${odd.name}" (${odd.dataset}) has ${odd.rows} rows, "${cols[0].name}" (${cols[0].dataset}) has ${rows}`);
  }
  return cols;
}

/** The selected columns, checked as `checkH5Columns` does, and compressed only with filters h5wasm decodes. */
export function pickH5Columns(src: H5Source, wanted: readonly string[]): H5Column[] {
  const where = `${src.path}:${src.layout.item}`;
  const cols = checkH5Columns(src.path, src.layout, wanted);
  for (const ds of new Set(cols.map((c) => c.dataset))) {
    const filters = src.module.get_dataset_filters(src.file.file_id, ds);
    const foreign = filters.find((f) => !BUILT_IN_FILTERS.has(f.id));
    if (foreign) {
      throw ioError('UnsupportedFormat', `${where}: dataset ${ds} is compressed with filter ${foreign.id} (${foreign.name}), which h5wasm cannot decode`, {
        hint: 'Repack the file with gzip, e.g. `h5repack -f GZIP=4 in.h5 out.h5`.',
      });
    }
  }
  return cols;
}

/**
 * The output columns, or `FileUnreadable` when they cannot be allocated: a damaged dataspace of a
 * chunked dataset can claim 2^40 rows, which HDF5 would happily fill with the fill value.
 */
export function allocateH5Columns(path: string, cols: readonly H5Column[], rows: number): Float32Array[] {
  try {
    return cols.map(() => new Float32Array(rows));
  } catch (e) {
    throw ioError('FileUnreadable', `${path}: cannot hold ${rows} rows of ${cols.length} columns (${(e as Error).message}); a damaged dataspace, or read it with readChunks`, { cause: e });
  }
}

/**
 * Read rows [start, end) of the given columns: one hyperslab read per dataset and block of rows into
 * the wasm heap, then one converting copy per column (`decodeStrided`: a native `set` when the column
 * is a contiguous little-endian array of its own type).
 */
export function readH5Rows(src: H5Source, cols: readonly H5Column[], start: number, end: number): Float32Array[] {
  const out = allocateH5Columns(src.path, cols, end - start);
  const byDataset = new Map<string, number[]>();
  cols.forEach((c, j) => byDataset.set(c.dataset, [...(byDataset.get(c.dataset) ?? []), j]));
  const { module } = src;
  for (const [dataset, js] of byDataset) {
    const { rowBytes, shape } = cols[js[0]];
    // wasm's malloc takes 32 bits: a larger request would wrap around and HDF5 would write past it
    if (!(rowBytes <= H5_READ_BYTES)) {
      throw ioError('FileUnreadable', `${src.path}: dataset ${dataset} has rows of ${rowBytes} bytes, more than the ${H5_READ_BYTES} hepuq reads at a time (damaged datatype or dataspace?)`);
    }
    const step = Math.max(1, Math.floor(H5_BLOCK_BYTES / rowBytes));
    for (let lo = start; lo < end; lo += step) {
      const hi = Math.min(end, lo + step);
      const nbytes = (hi - lo) * rowBytes;
      const ptr = module._malloc(nbytes);
      if (ptr === 0) throw ioError('FileUnreadable', `${src.path}: cannot allocate ${nbytes} bytes to read ${dataset}`);
      try {
        const count = [BigInt(hi - lo), ...shape.slice(1).map(BigInt)];
        const offset = [BigInt(lo), ...shape.slice(1).map(() => 0n)];
        const status = module.get_dataset_data(src.file.file_id, dataset, count, offset, count.map(() => 1n), BigInt(ptr));
        if (status < 0) {
          throw ioError('FileUnreadable', `${src.path}: rows ${lo}-${hi} of dataset ${dataset} cannot be read (corrupt or truncated data)`);
        }
        // a view, not a copy: decoded before the next allocation can move the heap
        const bytes = module.HEAPU8.subarray(ptr, ptr + nbytes);
        for (const j of js) decodeStrided(bytes, cols[j].dtype!, cols[j].offset, rowBytes, hi - lo, out[j], lo - start);
      } finally {
        module._free(ptr);
      }
    }
  }
  return out;
}
