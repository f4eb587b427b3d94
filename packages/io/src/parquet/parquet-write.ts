import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { ioError } from '../common/io-error.js';
import { assertWritableColumns } from '../common/write-columns.js';

/** Rows per Parquet row group written (also the reader's memory unit for these files). */
export const PARQUET_ROW_GROUP = 1 << 16;

/**
 * Write float32 columns as a Parquet file (required FLOAT columns, snappy-compressed row groups of
 * 65536 rows) through a temp file renamed over `path`. pandas/pyarrow read it with `pd.read_parquet`.
 * @example await writeParquet('weights.parquet', { w_0, w_1 })
 */
export async function writeParquet(path: string, columns: Record<string, Float32Array>): Promise<void> {
  assertWritableColumns(path, columns);
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dirname(path), { recursive: true });
    parquetWriteFile({
      filename: tmp,
      columnData: Object.entries(columns).map(([name, data]) => ({ name, data, type: 'FLOAT' as const, nullable: false })),
      rowGroupSize: PARQUET_ROW_GROUP,
      createdBy: 'hepuq (@hepuq/io) via hyparquet-writer',
    });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw ioError('OutputWriteFailed', `cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
}
