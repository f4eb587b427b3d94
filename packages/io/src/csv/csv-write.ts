import { writeStreamAtomic } from '../common/atomic-stream.js';
import { formatFloat32 } from '../common/float-text.js';
import { assertWritableColumns } from '../common/write-columns.js';

const ROWS_PER_WRITE = 8192;

/**
 * Quote a name the reader would otherwise change: one holding a quote, comma, line break or the
 * delimiter, one with space around it (unquoted names are trimmed), or one starting with `#` (a
 * header line starting with it would be read as a comment).
 */
function quoteName(name: string, delimiter: string): string {
  const plain = !/[",\r\n]/.test(name) && !name.includes(delimiter) && name === name.trim() && !name.startsWith('#');
  return plain ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * Write named float32 columns as CSV with a header row, each value as the shortest decimal that
 * reads back to the same float32. Streams to a temp file and renames it over `path`.
 * @example await writeCsv('preds.csv', { mean, sigma_tot })
 */
export async function writeCsv(path: string, columns: Record<string, Float32Array>, delimiter = ','): Promise<void> {
  const n = assertWritableColumns(path, columns);
  const names = Object.keys(columns);
  const cols = names.map((k) => columns[k]);
  await writeStreamAtomic(path, async (handle) => {
    await handle.write(`${names.map((k) => quoteName(k, delimiter)).join(delimiter)}\n`);
    for (let lo = 0; lo < n; lo += ROWS_PER_WRITE) {
      const hi = Math.min(n, lo + ROWS_PER_WRITE);
      const lines: string[] = new Array(hi - lo);
      for (let i = lo; i < hi; i++) {
        let line = formatFloat32(cols[0][i]);
        for (let j = 1; j < cols.length; j++) line += delimiter + formatFloat32(cols[j][i]);
        lines[i - lo] = line;
      }
      await handle.write(`${lines.join('\n')}\n`);
    }
  });
}
