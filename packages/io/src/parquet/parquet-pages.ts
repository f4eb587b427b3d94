import type { AsyncBuffer, PageHeader, RowGroup } from 'hyparquet';
import { ioError } from '../common/io-error.js';
import { loadHyparquet, type HyparquetModules } from './hyparquet-module.js';
import type { ParquetListLevels, ParquetSource } from './parquet-source.js';

/** Bytes a page may decompress to per value, plus slack (INT96 is 12 bytes; levels add at most 2). */
const PAGE_BYTES_PER_VALUE = 32;
const PAGE_SLACK = 1 << 16;
/** hyparquet fetches neighbouring chunks separated by at most this many bytes in one request (plan.js). */
const GAP_LIMIT = 1 << 13;
/**
 * Level entries a list column may hold per row on average (a particle list longer than this, on
 * average over a row group, is taken as a damaged count): bounds what hyparquet allocates.
 */
export const MAX_LIST_VALUES_PER_ROW = 1 << 12;

interface Span {
  start: number;
  end: number;
  bytes?: ArrayBuffer;
}

const int = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number.NaN);
/** Whether `v` is an integer in [0, max]. */
const within = (v: unknown, max: number): boolean => Number.isSafeInteger(int(v)) && int(v) >= 0 && int(v) <= max;

/**
 * Check that levels in Parquet's "RLE" hybrid encoding of `bitWidth` bits (1 for the definition
 * levels of a top-level column), `length` bytes at `at`, never claim more than `values` values:
 * hyparquet writes every value an RLE run claims, so one damaged run header could ask for 2^31 of them.
 */
function assertRuns(view: DataView, at: number, length: number, values: number, what: () => string, bitWidth = 1): void {
  const end = at + length;
  let seen = 0;
  while (at < end && seen < values) {
    let header = 0;
    let shift = 0;
    for (;;) {
      if (at >= end || shift > 28) throw ioError('FileUnreadable', `${what()}: damaged run header in its levels`);
      const b = view.getUint8(at++);
      header += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    const n = Math.floor(header / 2);
    // bit-packed groups of 8 may pad the last group; an RLE run must fit exactly
    const claimed = header % 2 === 1 ? n * 8 : n;
    if (header % 2 === 0 ? claimed > values - seen : claimed > values - seen + 7) {
      throw ioError('FileUnreadable', `${what()}: a run of ${claimed} levels where ${values - seen} remain`);
    }
    seen += claimed;
    // the run's payload: the value's bytes for an RLE run, bitWidth bytes per group of eight levels
    at += header % 2 === 1 ? n * bitWidth : Math.ceil(bitWidth / 8);
  }
}

const bitWidth = (maxLevel: number): number => Math.ceil(Math.log2(maxLevel + 1));

/**
 * Walk the page headers of one column chunk and check every size and count against the row group.
 * A flat column holds one value per row; a list column (`list`) at least one level entry per row and
 * at most `MAX_LIST_VALUES_PER_ROW` per row on average, and its v2 pages' row counts add up to the rows.
 */
function assertChunkPages(parquetHeader: HyparquetModules['parquetHeader'], where: () => string, bytes: DataView, rows: number, list?: ParquetListLevels): void {
  const reader = { view: bytes, offset: 0 };
  const limit = list ? rows * MAX_LIST_VALUES_PER_ROW : rows;
  let values = 0;
  let v2Rows = 0;
  let v1Pages = 0;
  while ((list ? true : values < rows) && reader.offset < bytes.byteLength) {
    const pageAt = reader.offset;
    let h: PageHeader;
    try {
      h = parquetHeader(reader);
    } catch (e) {
      throw ioError('FileUnreadable', `${where()}: page header at chunk byte ${pageAt} cannot be read (${(e as Error).message})`, { cause: e });
    }
    const page = () => `${where()}, page at chunk byte ${pageAt}`;
    const left = bytes.byteLength - reader.offset;
    if (!within(h.compressed_page_size, left)) throw ioError('FileUnreadable', `${page()}: ${h.compressed_page_size} compressed bytes, the chunk has ${left} left`);
    const n = int(h.data_page_header?.num_values ?? h.data_page_header_v2?.num_values ?? h.dictionary_page_header?.num_values ?? 0);
    // a dictionary holds at most one entry per value of its chunk, a data page at most the rows left
    const most = h.type === 'DICTIONARY_PAGE' ? limit : limit - values;
    if (!within(n, most)) throw ioError('FileUnreadable', `${page()}: ${n} values, more than the ${most} ${list ? 'level entries' : 'rows'} left in the row group`);
    if (!within(h.uncompressed_page_size, PAGE_BYTES_PER_VALUE * n + PAGE_SLACK)) {
      throw ioError('FileUnreadable', `${page()}: ${h.uncompressed_page_size} uncompressed bytes for ${n} values`);
    }
    const v2 = h.data_page_header_v2;
    if (v2) {
      const levels = int(v2.definition_levels_byte_length) + int(v2.repetition_levels_byte_length);
      if (!within(v2.num_nulls, n) || !within(v2.num_rows, n) || !within(v2.definition_levels_byte_length, h.compressed_page_size) || !within(levels, h.compressed_page_size)) {
        throw ioError('FileUnreadable', `${page()}: inconsistent v2 page header (${n} values, ${v2.num_nulls} nulls, ${levels} level bytes)`);
      }
      // v2 levels are stored uncompressed, so they can be checked before hyparquet expands them
      const defAt = reader.offset + int(v2.repetition_levels_byte_length);
      if (int(v2.definition_levels_byte_length) > 0) assertRuns(bytes, defAt, int(v2.definition_levels_byte_length), n, page, bitWidth(list?.maxDefinition ?? 1));
      if (list && int(v2.repetition_levels_byte_length) > 0) assertRuns(bytes, reader.offset, int(v2.repetition_levels_byte_length), n, page, bitWidth(list.maxRepetition));
      v2Rows += int(v2.num_rows);
    } else if (h.type === 'DATA_PAGE') v1Pages++;
    if (h.type === 'DATA_PAGE' || h.type === 'DATA_PAGE_V2') values += n;
    reader.offset += int(h.compressed_page_size);
  }
  if (!list && values !== rows) throw ioError('FileUnreadable', `${where()}: the chunk's pages hold ${values} values, the row group has ${rows} rows`);
  // every row of a list column has at least one level entry (an empty list has one); v2 pages count their rows
  if (list && (values < rows || (v1Pages === 0 && v2Rows !== rows))) {
    throw ioError('FileUnreadable', `${where()}: the chunk's pages hold ${values} level entries${v1Pages === 0 ? ` in ${v2Rows} rows` : ''}, the row group has ${rows} rows`);
  }
}

/** The column chunks of `wanted` in a row group, with their byte ranges checked against the file. */
function chunkSpans(src: ParquetSource, rg: RowGroup, wanted: readonly string[], where: () => string): { name: string; start: number; end: number }[] {
  return wanted.map((name) => {
    const meta = rg.columns.find((c) => c.meta_data?.path_in_schema?.[0] === name)?.meta_data;
    if (!meta) throw ioError('FileUnreadable', `${where()}: no column chunk for "${name}"`);
    const start = int(meta.dictionary_page_offset || meta.data_page_offset);
    const size = int(meta.total_compressed_size);
    if (!within(start, src.file.byteLength) || !within(size, src.file.byteLength - start)) {
      throw ioError('FileUnreadable', `${where()}: column "${name}" claims ${size} bytes at offset ${start}, the file has ${src.file.byteLength}`);
    }
    return { name, start, end: start + size };
  });
}

/**
 * Check the wanted column chunks of one row group before hyparquet decodes them, and return a file
 * view that serves the bytes just read (so each chunk is read from disk once). hyparquet trusts
 * every count in a page header: a damaged `num_values` or run length makes it fill an array of up
 * to 2^31 entries (minutes of work, or the heap exhausted) and a damaged size allocates that much.
 * Here each page's sizes must fit its chunk, its values must fit the row group's rows (top-level
 * columns hold one value per row), the values of all data pages must add up to the rows, and the
 * uncompressed definition levels of v2 pages must not claim more values than the page holds. List
 * columns (particle sets) hold between 1 and `MAX_LIST_VALUES_PER_ROW` level entries per row, and
 * their v2 repetition levels are checked as well.
 * @example const file = await checkRowGroup(src, src.metadata.row_groups[0], 0, ['pt', 'eta'])
 */
export async function checkRowGroup(src: ParquetSource, rg: RowGroup, rgStart: number, wanted: readonly string[]): Promise<AsyncBuffer> {
  const { parquetHeader } = await loadHyparquet();
  const rows = int(rg.num_rows);
  const at = () => `${src.path}: row group at rows ${rgStart}-${rgStart + rows}`;
  const chunks = chunkSpans(src, rg, wanted, at);
  const spans: Span[] = [];
  for (const c of [...chunks].sort((a, b) => a.start - b.start)) {
    const last = spans.at(-1);
    if (last && c.start <= last.end + GAP_LIMIT) last.end = Math.max(last.end, c.end);
    else spans.push({ start: c.start, end: c.end });
  }
  for (const s of spans) s.bytes = await src.file.slice(s.start, s.end);
  for (const c of chunks) {
    const s = spans.find((x) => c.start >= x.start && c.end <= x.end)!;
    const bytes = new DataView(s.bytes!, c.start - s.start, c.end - c.start);
    assertChunkPages(parquetHeader, () => `${at()}, column "${c.name}"`, bytes, rows, src.columns.find((col) => col.name === c.name)?.list);
  }
  return {
    byteLength: src.file.byteLength,
    slice(start: number, end = src.file.byteLength): ArrayBuffer | Promise<ArrayBuffer> {
      const s = spans.find((x) => start >= x.start && end <= x.end);
      if (!s) return src.file.slice(start, end);
      return start === s.start && end === s.end ? s.bytes! : s.bytes!.slice(start - s.start, end - s.start);
    },
  };
}
