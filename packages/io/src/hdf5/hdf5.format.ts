import { resolveItem, type ColumnSelection, type DataFormat, type Dataset, type ReadOptions } from '@hepuq/core';
import { assertChunkSize, entryRange } from '../common/entry-range.js';
import { parseFormatOptions } from '../common/format-options.js';
import { planSelection, type SelectionPlan } from '../common/set-columns.js';
import { toDataset } from '../common/to-dataset.js';
import { HDF5, Hdf5Options } from './hdf5-options.js';
import { openH5Reader, type H5Reader } from './h5-reader.js';
import { writeHdf5 } from './h5-write.js';

async function open(spec: string, options?: ReadOptions): Promise<H5Reader> {
  const { path, item } = resolveItem(spec, options?.item);
  const opts = parseFormatOptions(HDF5, Hdf5Options, path, options?.options);
  return openH5Reader(path, item, opts.columns);
}

function wanted(src: H5Reader, selection: ColumnSelection): SelectionPlan {
  // HDF5 variable-length (vlen) datasets are not read as lists: sets come from indexed families
  return planSelection(`${src.path}:${src.layout.item}`, selection, src.layout.columns.map((c) => c.name), { format: HDF5, lists: false });
}

/**
 * HDF5 through h5wasm: numeric datasets ([N] is one column, [N, D] gives `<name>_0..`), compound
 * datasets (one column per member), pandas `to_hdf` frames (format 'table' with names from
 * `values_block_N_kind`, and format 'fixed'), and groups of equally long datasets (CaloChallenge
 * `incident_energies` + `showers`). Select the item with `file.h5:/group/dataset` or `options.item`.
 * Particle sets come from indexed column families (`E_{i}`, the top-tagging pandas layout).
 * Plain contiguous numeric datasets (and groups of only those) are read by hepuq's own TypeScript
 * reader without starting h5wasm (`openH5Reader`); anything else falls back to h5wasm.
 * @example const ds = await hdf5Format().read('calo.h5', { features: ['incident_energies', 'showers_0'] })
 */
export function hdf5Format(): DataFormat {
  return {
    key: HDF5,
    extensions: ['.h5', '.hdf5', '.hdf', '.he5'],
    description: 'HDF5 datasets, groups and pandas to_hdf tables through h5wasm (read, write)',

    async read(spec: string, selection: ColumnSelection, options?: ReadOptions): Promise<Dataset> {
      const src = await open(spec, options);
      try {
        const plan = wanted(src, selection);
        const names = plan.flat;
        const cols = src.pick(names);
        const where = `${src.path}:${src.layout.item}`;
        const range = entryRange(where, cols[0].rows, options);
        const data = src.rows(cols, range.start, range.end);
        return toDataset(where, new Map(names.map((n, j) => [n, data[j]])), selection, range.start, { plan });
      } finally {
        src.close();
      }
    },

    async *readChunks(spec: string, selection: ColumnSelection, chunkSize: number, options?: ReadOptions): AsyncIterable<Dataset> {
      const src = await open(spec, options);
      try {
        assertChunkSize(src.path, chunkSize);
        const plan = wanted(src, selection);
        const names = plan.flat;
        const cols = src.pick(names);
        const where = `${src.path}:${src.layout.item}`;
        const range = entryRange(where, cols[0].rows, options);
        for (let lo = range.start; lo < range.end; lo += chunkSize) {
          const hi = Math.min(range.end, lo + chunkSize);
          const data = src.rows(cols, lo, hi);
          yield toDataset(where, new Map(names.map((n, j) => [n, data[j]])), selection, lo, { plan });
        }
      } finally {
        src.close();
      }
    },

    async columns(spec: string, options?: ReadOptions): Promise<string[]> {
      const src = await open(spec, options);
      src.close();
      return src.layout.columns.map((c) => c.name);
    },

    async write(path: string, columns: Record<string, Float32Array>): Promise<void> {
      await writeHdf5(path, columns);
    },
  };
}
