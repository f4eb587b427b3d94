import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { assertColumnsPresent } from '../common/column-selection.js';
import { ioError, wrapIoError } from '../common/io-error.js';
import { openForRead } from '../common/open-file.js';
import { RaggedBuilder } from '../common/ragged.js';
import type { ColumnBlock } from '../common/rechunk.js';
import { loadHyparquet } from './hyparquet-module.js';
import { checkRowGroup } from './parquet-pages.js';
import { describeColumn } from './parquet-schema.js';
import type { ParquetSource } from './parquet-source.js';

export type { ParquetColumn, ParquetSource } from './parquet-source.js';

/** The row groups' row counts must be counts and add up to the file's (a damaged footer can say 2^60). */
function assertRowCounts(metadata: FileMetaData): void {
  const counts = metadata.row_groups.map((rg) => Number(rg.num_rows));
  const total = counts.reduce((a, b) => a + b, 0);
  if (counts.some((n) => !Number.isSafeInteger(n) || n < 0) || total !== Number(metadata.num_rows)) {
    throw new Error(`damaged footer: row groups of ${counts.join(' + ')} rows, the file says ${metadata.num_rows}`);
  }
}

/** Open a Parquet file and read its footer; `FileUnreadable`/`ParseError` name the file. */
export async function openParquet(path: string): Promise<ParquetSource> {
  const handle = await openForRead(path);
  await handle.close();
  const { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } = (await loadHyparquet()).hyparquet;
  let file: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    file = await asyncBufferFromFile(path);
    if (file.byteLength < 12) throw new Error(`${file.byteLength} bytes is too short for a Parquet file`);
    const tail = new Uint8Array(await file.slice(file.byteLength - 4));
    if (String.fromCharCode(...tail) !== 'PAR1') throw new Error('no PAR1 magic at the end (truncated, or not Parquet)');
    metadata = await parquetMetadataAsync(file);
    assertRowCounts(metadata);
  } catch (e) {
    throw wrapIoError(e, 'FileUnreadable', path, 'is not a complete Parquet file');
  }
  const columns = parquetSchema(metadata).children.map(describeColumn);
  return { path, file, metadata, rows: Number(metadata.num_rows), columns };
}

/** Check the wanted columns exist and hold numbers (one per row; `lists`: one list of numbers per row). */
export function assertParquetColumns(src: ParquetSource, wanted: readonly string[], lists: readonly string[] = []): void {
  const names = src.columns.map((c) => c.name);
  assertColumnsPresent(src.path, names, [...wanted, ...lists]);
  for (const w of wanted) {
    const c = src.columns[names.indexOf(w)];
    if (c.problem) throw ioError('ParseError', `${src.path}: column "${w}" holds ${c.problem}, not numbers hepuq can read as float32`);
  }
  for (const w of lists) {
    const c = src.columns[names.indexOf(w)];
    if (!c.list) {
      throw ioError('ParseError', `${src.path}: particle-set column "${w}" holds ${c.problem ?? 'one number per row'}, not a list of numbers per row`, {
        hint: 'A set reads list columns (list<float>, list<double>, list<int>), or an indexed family of flat columns named with {i}.',
      });
    }
  }
}

/** Copy decoded values (typed array, or array with bigint/boolean/null) into float32; nulls are errors. */
function toFloat32(src: ParquetSource, name: string, data: ArrayLike<unknown>, from: number, to: number, out: Float32Array, firstRow: number): void {
  if (ArrayBuffer.isView(data) && !(data instanceof BigInt64Array) && !(data instanceof BigUint64Array)) {
    out.set((data as unknown as Float64Array).subarray(from, to));
    return;
  }
  for (let i = from; i < to; i++) {
    const v = data[i];
    if (typeof v === 'number') out[i - from] = v;
    else if (typeof v === 'bigint') out[i - from] = Number(v);
    else if (typeof v === 'boolean') out[i - from] = v ? 1 : 0;
    else if (v === null || v === undefined) {
      throw ioError('NonFiniteValue', `${src.path}: column "${name}" row ${firstRow + (i - from) + 1} is null (missing value)`);
    } else throw ioError('ParseError', `${src.path}: column "${name}" row ${firstRow + (i - from) + 1} holds ${typeof v}, not a number`);
  }
}

/** Append rows [from, to) of a decoded list column (an array of lists) to `out`; a null list or element is an error. */
function appendLists(src: ParquetSource, name: string, data: ArrayLike<unknown>, from: number, to: number, out: RaggedBuilder, firstRow: number): void {
  for (let i = from; i < to; i++) {
    const row = `row ${firstRow + (i - from) + 1}`;
    const list = data[i];
    if (list === null || list === undefined) throw ioError('NonFiniteValue', `${src.path}: list column "${name}" ${row} is null (missing list)`);
    if (!Array.isArray(list) && !ArrayBuffer.isView(list)) throw ioError('ParseError', `${src.path}: list column "${name}" ${row} holds ${typeof list}, not a list`);
    const values = new Float32Array((list as ArrayLike<unknown>).length);
    for (let k = 0; k < values.length; k++) {
      const v = (list as ArrayLike<unknown>)[k];
      if (typeof v === 'number') values[k] = v;
      else if (typeof v === 'bigint') values[k] = Number(v);
      else if (typeof v === 'boolean') values[k] = v ? 1 : 0;
      else if (v === null || v === undefined) throw ioError('NonFiniteValue', `${src.path}: list column "${name}" ${row}, element ${k + 1} is null (missing value)`);
      else throw ioError('ParseError', `${src.path}: list column "${name}" ${row}, element ${k + 1} holds ${typeof v}, not a number`);
    }
    out.push(values);
  }
}

/**
 * Read rows [start, end) of the wanted columns one row group at a time (hyparquet decodes whole row
 * groups), yielding each row group's overlap with the range. `lists` are list columns (one list of
 * numbers per row, for particle sets), returned in the block's `lists` in that order.
 */
export async function* readParquetRowGroups(src: ParquetSource, wanted: readonly string[], start: number, end: number, lists: readonly string[] = []): AsyncGenerator<ColumnBlock> {
  const { hyparquet: { parquetRead }, compressors } = await loadHyparquet();
  let rgStart = 0;
  for (const rg of src.metadata.row_groups) {
    const rgEnd = rgStart + Number(rg.num_rows);
    const lo = Math.max(start, rgStart);
    const hi = Math.min(end, rgEnd);
    if (lo < hi) {
      // checked before the columns are allocated: their size comes from the row group's row count
      let file: AsyncBuffer;
      try {
        file = await checkRowGroup(src, rg, rgStart, [...wanted, ...lists]);
      } catch (e) {
        throw wrapIoError(e, 'FileUnreadable', src.path, `row group at rows ${rgStart}-${rgEnd} cannot be read`);
      }
      const columns = wanted.map(() => new Float32Array(hi - lo));
      const index = new Map(wanted.map((w, j) => [w, j]));
      const listIndex = new Map(lists.map((w, j) => [w, j]));
      const built = lists.map(() => new RaggedBuilder());
      // hyparquet does not await onChunk: an error thrown there would escape as an unhandled rejection
      let failure: unknown;
      try {
        await parquetRead({
          file,
          metadata: src.metadata,
          compressors,
          columns: [...wanted, ...lists],
          rowStart: lo,
          rowEnd: hi,
          onChunk(chunk) {
            const j = index.get(chunk.columnName);
            const l = listIndex.get(chunk.columnName);
            if ((j === undefined && l === undefined) || failure !== undefined) return;
            // flat chunks cover whole row groups, list chunks the requested rows; keep the part inside [lo, hi)
            const from = Math.max(lo, chunk.rowStart);
            const to = Math.min(hi, chunk.rowEnd);
            if (from >= to) return;
            try {
              if (j !== undefined) toFloat32(src, chunk.columnName, chunk.columnData, from - chunk.rowStart, to - chunk.rowStart, columns[j].subarray(from - lo), from);
              // hyparquet hands a list column over in row order, so appending keeps the rows in place
              else appendLists(src, chunk.columnName, chunk.columnData, from - chunk.rowStart, to - chunk.rowStart, built[l!], from);
            } catch (e) {
              failure = e;
            }
          },
        });
      } catch (e) {
        throw wrapIoError(e, 'FileUnreadable', src.path, `row group at rows ${rgStart}-${rgEnd} cannot be decoded`);
      }
      if (failure !== undefined) throw failure;
      const listed = built.find((b) => b.entries !== hi - lo);
      if (listed) throw ioError('FileUnreadable', `${src.path}: row group at rows ${rgStart}-${rgEnd}: a list column decoded to ${listed.entries} of rows ${lo}-${hi}`);
      yield lists.length > 0 ? { columns, lists: built.map((b) => b.finish()), firstRow: lo } : { columns, firstRow: lo };
    }
    rgStart = rgEnd;
  }
}
