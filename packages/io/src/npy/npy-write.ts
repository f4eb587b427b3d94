import { writeStreamAtomic } from '../common/atomic-stream.js';
import { assertWritableColumns } from '../common/write-columns.js';
import { buildNpyHeader } from './npy-header.js';

const ROWS_PER_WRITE = 1 << 15;

/**
 * Write float32 columns as one `<f4` C-order array: 1-D for one column, [n, d] otherwise. The
 * format stores no column names: read it back with `options.columns`, or use CSV/HDF5/Parquet.
 * @example await writeNpy('weights.npy', { w0, w1 })
 */
export async function writeNpy(path: string, columns: Record<string, Float32Array>): Promise<void> {
  const n = assertWritableColumns(path, columns);
  const cols = Object.values(columns);
  const d = cols.length;
  await writeStreamAtomic(path, async (handle) => {
    await handle.write(buildNpyHeader('<f4', d === 1 ? [n] : [n, d]));
    for (let lo = 0; lo < n; lo += ROWS_PER_WRITE) {
      const hi = Math.min(n, lo + ROWS_PER_WRITE);
      const block = new Float32Array((hi - lo) * d);
      for (let j = 0; j < d; j++) {
        const col = cols[j];
        for (let i = lo; i < hi; i++) block[(i - lo) * d + j] = col[i];
      }
      // typed arrays are little-endian on every platform Node supports
      await handle.write(new Uint8Array(block.buffer));
    }
  });
}
