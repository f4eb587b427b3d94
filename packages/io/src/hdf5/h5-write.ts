import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError } from '../common/io-error.js';
import { assertWritableColumns } from '../common/write-columns.js';
import { loadH5wasm } from './h5-module.js';

/** Options of `writeHdf5`. */
export interface Hdf5WriteOptions {
  /** Group to write the datasets into (default: the root group). */
  group?: string;
  /** Attributes stored on that group (run name, seed, units, ...). */
  attributes?: Record<string, string | number>;
  /** Deflate level 0-9 for columns of at least 1024 rows (default 4; 0 = uncompressed). */
  compression?: number;
}

const CHUNK_ROWS = 1 << 16;

/**
 * Write each float32 column as a 1-D dataset `<group>/<name>` (h5py: `f['mean'][:]`), in the given
 * order (creation order is tracked), through a temp file renamed over `path`.
 * @example await writeHdf5('preds.h5', { mean, sigma_tot }, { attributes: { run: 'het-demo' } })
 */
export async function writeHdf5(path: string, columns: Record<string, Float32Array>, options: Hdf5WriteOptions = {}): Promise<void> {
  const n = assertWritableColumns(path, columns);
  for (const name of Object.keys(columns)) {
    if (name.includes('/') || name === '.') throw ioError('InvalidArgument', `${path}: column "${name}" cannot be an HDF5 dataset name`);
  }
  const level = options.compression ?? 4;
  const { h5 } = await loadH5wasm();
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dirname(path), { recursive: true });
    const file = new h5.File(tmp, 'w', { track_order: true });
    try {
      const group = options.group && options.group !== '/' ? file.create_group(options.group.replace(/^\//, ''), true) : file;
      for (const [name, data] of Object.entries(columns)) {
        const compress = level > 0 && n >= 1024;
        group.create_dataset({
          name, data, shape: [n], dtype: '<f',
          ...(compress ? { chunks: [Math.min(n, CHUNK_ROWS)], compression: level } : {}),
        });
      }
      for (const [k, v] of Object.entries(options.attributes ?? {})) group.create_attribute(k, v);
    } finally {
      file.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof Error && 'code' in e && (e as { code: unknown }).code === 'OutputWriteFailed') throw e;
    throw ioError('OutputWriteFailed', `cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
}
