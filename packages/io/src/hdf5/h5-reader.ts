import type { H5Reader } from './h5-reader-contract.js';
import { openContiguousH5 } from './h5-contiguous-read.js';
import { openH5, pickH5Columns, readH5Rows } from './h5-read.js';
import { assertCompleteHdf5 } from './h5-superblock.js';

export type { H5Reader } from './h5-reader-contract.js';

/** Open `item` of `path` through h5wasm. */
export async function openH5wasmReader(path: string, item: string | undefined, names?: readonly string[]): Promise<H5Reader> {
  const src = await openH5(path, item, names);
  return {
    path, layout: src.layout, via: 'h5wasm',
    pick: (wanted) => pickH5Columns(src, wanted),
    rows: (cols, start, end) => readH5Rows(src, cols, start, end),
    close: () => src.close(),
  };
}

/**
 * Open `item` of `path`: plain contiguous datasets are read by hepuq's TypeScript reader (h5wasm's
 * ~0.2 s start-up is skipped), everything else through h5wasm.
 * @example const r = await openH5Reader('events.h5', undefined); const [x] = r.rows(r.pick(['x']), 0, 10)
 */
export async function openH5Reader(path: string, item: string | undefined, names?: readonly string[]): Promise<H5Reader> {
  await assertCompleteHdf5(path);
  return openContiguousH5(path, item, names) ?? openH5wasmReader(path, item, names);
}
