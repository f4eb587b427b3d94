import type { H5Column, H5Layout } from './h5-layout.js';

/** An open HDF5 item: its columns, and how to read rows of them. Close with `close()`. */
export interface H5Reader {
  path: string;
  layout: H5Layout;
  /** `contiguous`: read by hepuq's own TypeScript reader, h5wasm never started. */
  via: 'contiguous' | 'h5wasm';
  /** The selected columns, checked (present, numeric, one length, decodable). */
  pick(wanted: readonly string[]): H5Column[];
  /** Rows [start, end) of the picked columns, as float32. */
  rows(cols: readonly H5Column[], start: number, end: number): Float32Array[];
  close(): void;
}
