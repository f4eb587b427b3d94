import { splitItemPath, type ColumnSelection, type DataFormat, type Dataset, type ReadOptions } from '@hepuq/core';
import { assertColumnsPresent } from '../common/column-selection.js';
import { assertChunkSize, entryRange } from '../common/entry-range.js';
import { parseFormatOptions } from '../common/format-options.js';
import { ioError } from '../common/io-error.js';
import { planSelection } from '../common/set-columns.js';
import { toDataset } from '../common/to-dataset.js';
import { NPY, NpyOptions } from './npy-options.js';
import { openNpy, readNpyRows, type NpyFile } from './npy-read.js';
import { writeNpy } from './npy-write.js';

async function open(spec: string, options?: ReadOptions): Promise<NpyFile> {
  const { path, item } = splitItemPath(spec);
  if (item !== undefined) throw ioError('UnsupportedFormat', `${spec}: a .npy file has no items ("${item}")`);
  const opts = parseFormatOptions(NPY, NpyOptions, path, options?.options);
  return openNpy(path, opts.columns);
}

function pickFields(file: NpyFile, selection: ColumnSelection) {
  const names = file.layout.fields.map((f) => f.name);
  const plan = planSelection(file.path, selection, names, { format: NPY, lists: false });
  const wanted = plan.flat;
  assertColumnsPresent(file.path, names, wanted);
  return { wanted, plan, fields: wanted.map((w) => file.layout.fields[names.indexOf(w)]) };
}

/**
 * NumPy `.npy` arrays (format versions 1-3; f4, f8, i1-i8, u1-u8, b1; either byte order; C or
 * Fortran order). A 1-D array is one column, an [N, ...] array has columns `f0..f{d-1}` (C order of
 * the trailing dimensions) unless named by `options.columns`; a structured array uses its field names.
 * @example const ds = await npyFormat().read('x.npy', { features: ['f0', 'f1'] })
 */
export function npyFormat(): DataFormat {
  return {
    key: NPY,
    extensions: ['.npy'],
    description: 'NumPy .npy arrays, 1-D, 2-D (or more, flattened) and structured (read, write)',

    async read(spec: string, selection: ColumnSelection, options?: ReadOptions): Promise<Dataset> {
      const file = await open(spec, options);
      try {
        const { wanted, plan, fields } = pickFields(file, selection);
        const range = entryRange(file.path, file.layout.rows, options);
        const cols = await readNpyRows(file, fields, range.start, range.end);
        return toDataset(file.path, new Map(wanted.map((name, j) => [name, cols[j]])), selection, range.start, { plan });
      } finally {
        await file.handle.close();
      }
    },

    async *readChunks(spec: string, selection: ColumnSelection, chunkSize: number, options?: ReadOptions): AsyncIterable<Dataset> {
      const file = await open(spec, options);
      try {
        assertChunkSize(file.path, chunkSize);
        const { wanted, plan, fields } = pickFields(file, selection);
        const range = entryRange(file.path, file.layout.rows, options);
        for (let lo = range.start; lo < range.end; lo += chunkSize) {
          const hi = Math.min(range.end, lo + chunkSize);
          const cols = await readNpyRows(file, fields, lo, hi);
          yield toDataset(file.path, new Map(wanted.map((name, j) => [name, cols[j]])), selection, lo, { plan });
        }
      } finally {
        await file.handle.close();
      }
    },

    async columns(spec: string, options?: ReadOptions): Promise<string[]> {
      const file = await open(spec, options);
      await file.handle.close();
      return file.layout.fields.map((f) => f.name);
    },

    write: writeNpy,
  };
}
