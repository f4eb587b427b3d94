import type { FileHandle } from 'node:fs/promises';
import type { ByteWriter, ColumnSource } from 'hyparquet-writer';
import { writeStreamAtomic } from '../common/atomic-stream.js';
import { assertWritableColumns } from '../common/write-columns.js';

/** Rows per Parquet row group written (also the reader's memory unit for these files). */
export const PARQUET_ROW_GROUP = 1 << 16;

interface ParquetWriter {
  parquetWrite: (typeof import('hyparquet-writer'))['parquetWrite'];
  FileHandleWriter: new (handle: FileHandle) => ByteWriter;
}
let loading: Promise<ParquetWriter> | undefined;

/** hyparquet-writer, imported on the first write rather than with `@hepuq/io`. */
function loadWriter(): Promise<ParquetWriter> {
  loading ??= import('hyparquet-writer').then(({ ByteWriter, parquetWrite }) => {
    /**
     * hyparquet-writer's byte buffer, emptied into the open temp file after every row group and at the
     * end (hyparquet-writer awaits `flush` before it encodes the next group), so memory holds one row group.
     */
    class FileHandleWriter extends ByteWriter {
      readonly #handle: FileHandle;

      constructor(handle: FileHandle) {
        super(1 << 20);
        this.#handle = handle;
      }

      async flush(): Promise<void> {
        const bytes = new Uint8Array(this.buffer, 0, this.index);
        for (let at = 0; at < bytes.length; ) at += (await this.#handle.write(bytes, at)).bytesWritten;
        this.index = 0;
      }

      override finish(): Promise<void> {
        return this.flush();
      }
    }
    return { parquetWrite, FileHandleWriter };
  });
  return loading;
}

/** True when `data` holds a -0 (dictionary encoding would merge it with +0: its keys compare by SameValueZero). */
function hasNegativeZero(data: Float32Array): boolean {
  for (let i = 0; i < data.length; i++) if (data[i] === 0 && Object.is(data[i], -0)) return true;
  return false;
}

/** One required FLOAT column; PLAIN where a dictionary would not keep every value's bits. */
function floatColumn(name: string, data: Float32Array): ColumnSource {
  return { name, data, type: 'FLOAT', nullable: false, encoding: hasNegativeZero(data) ? 'PLAIN' : undefined };
}

/**
 * Write float32 columns as a Parquet file (required FLOAT columns, snappy-compressed row groups of
 * 65536 rows, every value bit for bit) streamed into a temp file renamed over `path`, so readers
 * never see a partial file. pandas/pyarrow read it with `pd.read_parquet`.
 * @example await writeParquet('weights.parquet', { w_0, w_1 })
 */
export async function writeParquet(path: string, columns: Record<string, Float32Array>): Promise<void> {
  assertWritableColumns(path, columns);
  const columnData = Object.entries(columns).map(([name, data]) => floatColumn(name, data));
  const { parquetWrite, FileHandleWriter } = await loadWriter();
  await writeStreamAtomic(path, async (handle) => {
    await parquetWrite({ writer: new FileHandleWriter(handle), columnData, rowGroupSize: PARQUET_ROW_GROUP, createdBy: 'hepuq (@hepuq/io) via hyparquet-writer' });
  });
}
