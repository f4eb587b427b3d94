import type { Dataset } from './dataset.js';
import type { SetSourceInput } from './set-source.js';

/** Which columns of a file play which role. */
export interface ColumnSelection {
  /** Flat per-event features (may be empty when `sets` are read). */
  features: string[];
  /** One regression target column, or several (multi-target regression). */
  target?: string | string[];
  label?: string;
  weight?: string;
  nuisances?: string[];
  /** Further columns to carry along (truth columns, ids). */
  extras?: string[];
  /**
   * Particle sets by name (`Dataset.sets`): per-event lists (jagged ROOT branches, Parquet list
   * columns) or indexed flat columns (`E_{i}`), validated by the reader with core's `SetSource`.
   */
  sets?: Record<string, SetSourceInput>;
}

export interface ReadOptions {
  /** Format-specific item inside the file: a ROOT tree, an HDF5 dataset or group. */
  item?: string;
  /** First entry and number of entries to read. */
  start?: number;
  count?: number;
  /** Extra per-format options (jagged-branch policy, pandas layout, ...). */
  options?: Record<string, unknown>;
}

/**
 * A file format (the registry entry behind `format:` and file extensions). `read` validates columns
 * and values at the boundary and names the file, column and row in its errors.
 */
export interface DataFormat {
  readonly key: string;
  readonly extensions: readonly string[];
  readonly description: string;
  read(path: string, columns: ColumnSelection, options?: ReadOptions): Promise<Dataset>;
  /** Stream the file in chunks of at most `chunkSize` events (memory bounded by one chunk). */
  readChunks?(path: string, columns: ColumnSelection, chunkSize: number, options?: ReadOptions): AsyncIterable<Dataset>;
  /** The column names the file offers (for `hepuq inspect` and error hints). */
  columns?(path: string, options?: ReadOptions): Promise<string[]>;
  /** Write named columns (predictions, per-replica weights) atomically. */
  write?(path: string, columns: Record<string, Float32Array>): Promise<void>;
}
