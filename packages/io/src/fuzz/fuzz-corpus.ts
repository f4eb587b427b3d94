// Test-only (excluded from the build): the files the fuzz spec damages, what it reads from each, and
// where each format keeps its metadata (so half of the damage lands there rather than in payload).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetWriteFile } from 'hyparquet-writer';
import type { ColumnSelection, ReadOptions } from '@hepuq/core';
import { Rng } from '@hepuq/core';
import { FIXTURES } from '../spec-helpers.js';
import type { ByteRange, MutantCounts } from './mutants.js';

/** One seed file of the corpus. */
export interface CorpusFile {
  format: 'npy' | 'hdf5' | 'parquet' | 'root';
  /** File name, kept (with its extension) for the damaged copies. */
  name: string;
  bytes: Uint8Array;
  /** `:item` appended to the path, if any. */
  item?: string;
  selection: ColumnSelection;
  options?: ReadOptions;
  meta: ByteRange[];
  counts: MutantCounts;
  /** Damage that once broke a reader (see `mutantNamed`), read on every run besides the random mutants. */
  regressions: string[];
}

/**
 * Damage found by earlier, larger fuzz runs (other seeds, 4-15x the mutants), each of which once
 * crashed, hung or threw a non-catalog error. File name (with item) -> mutant names.
 */
const REGRESSIONS: Record<string, string[]> = {
  // header length 0xffffffff: a 4 GiB read request made Node abort the process
  'v3.npy': ['ffx4@8'],
  // a page header's num_values of 2^31: hyparquet spun filling an array for minutes
  'mixed-snappy.parquet': ['ffx4@9284'],
  // damaged baskets: jsroot threw on a promise it never returns (unhandled rejection, read hung);
  // a damaged TTree record: TypeError on its missing branch list
  'uproot-HZZ.root:events': ['00x4@11372', 'bit0@7796', '00x4@215445'],
  // after a zstd file had loaded jsroot's wasm zstd decoder, the same unhandled rejection killed the process
  'uproot-small-flat-tree.root:tree': ['00x4@5357'],
  // a negative record length in the file header: fs.read threw inside jsroot's callback
  'jsroot-rntuple_test.root:Data': ['ffx4@38'],
};
const regressions = (name: string, item?: string) => REGRESSIONS[item === undefined ? name : `${name}:${item}`] ?? [];

/** Header dict of a .npy file: [0, data offset) (NumPy format spec: magic, version, length, dict). */
function npyMeta(b: Uint8Array): ByteRange[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const end = b[6] === 1 ? 10 + dv.getUint16(8, true) : 12 + dv.getUint32(8, true);
  return [[0, end]];
}

/** HDF5 (h5py's layout): superblock, root group and object headers in the first 2 KiB metadata block. */
function hdf5Meta(b: Uint8Array): ByteRange[] {
  return [[0, Math.min(2048, b.length)]];
}

/** Parquet: the leading magic and the footer (FileMetaData, its length, trailing magic). */
function parquetMeta(b: Uint8Array): ByteRange[] {
  const footer = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(b.length - 8, true);
  return [[0, 4], [b.length - 8 - footer, b.length]];
}

/**
 * ROOT: the file header with the top directory record, and everything from the keys list or the
 * streamer info (whichever is first) to the end (TFile::Init and TDirectoryFile::Streamer layouts).
 */
function rootMeta(b: Uint8Array): ByteRange[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const big = dv.getInt32(4) >= 1000000;
  const begin = dv.getInt32(8);
  const nbytesName = dv.getInt32(big ? 36 : 28);
  const seekInfo = big ? Number(dv.getBigInt64(45)) : dv.getInt32(37);
  const dir = begin + nbytesName;
  const bigDir = dv.getInt16(dir) > 1000;
  const seekKeys = bigDir ? Number(dv.getBigInt64(dir + 34)) : dv.getInt32(dir + 26);
  return [[0, dir + 42], [Math.min(seekKeys, seekInfo), b.length]];
}

const fixture = (rel: string) => readFile(join(FIXTURES, rel));

/** Parquet seed files (no pyarrow on Debian, so written here, as the parquet spec does). */
function parquetSeed(path: string, codec: 'SNAPPY' | 'GZIP'): void {
  const rng = new Rng(7);
  const n = 600;
  parquetWriteFile({
    filename: path,
    columnData: [
      { name: 'f', data: rng.normalArray(n), type: 'FLOAT', nullable: false },
      { name: 'd', data: Float64Array.from({ length: n }, () => rng.normal() * 100), type: 'DOUBLE', nullable: false },
      { name: 'i32', data: Int32Array.from({ length: n }, (_, i) => i - 300), type: 'INT32', nullable: false },
      { name: 'i64', data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i * 7)), type: 'INT64' },
      { name: 'flag', data: Array.from({ length: n }, (_, i) => i % 3 === 0), type: 'BOOLEAN' },
    ],
    rowGroupSize: 250,
    codec,
    compressors: { GZIP: (b: Uint8Array) => gzipSync(b) },
  });
}

/**
 * The corpus: committed fixtures (npy, HDF5, ROOT, Parquet list columns) and two Parquet files written into `dir`. `scale`
 * multiplies every mutant count (1 for the spec).
 */
export async function loadCorpus(dir: string, scale = 1): Promise<CorpusFile[]> {
  const c = (truncate: number, flip: number): MutantCounts => ({ truncate: Math.round(truncate * scale), flip: Math.round(flip * scale) });
  const out: CorpusFile[] = [];
  const npy: [string, string[]][] = [
    ['f8_2d_c', ['f0', 'f1', 'f2']], ['f4_2d_fortran', ['f0', 'f2']], ['i4_1d', ['f0']], ['i8_1d', ['f0']], ['u1_1d', ['f0']],
    ['b1_1d', ['f0']], ['f8_be', ['f0']], ['v2', ['f0', 'f1']], ['v3', ['f0', 'f1']], ['structured', ['x', 'n', 'w']], ['f4_3d_fortran', ['f0', 'f5']],
  ];
  for (const [name, features] of npy) {
    const bytes = await fixture(`npy/${name}.npy`);
    out.push({ format: 'npy', name: `${name}.npy`, bytes, selection: { features }, meta: npyMeta(bytes), counts: c(2, 4), regressions: regressions(`${name}.npy`) });
  }
  const hdf5: [string, string | undefined, string[]][] = [
    ['calo.h5', undefined, ['incident_energies', 'showers_0', 'showers_29']],
    ['groups.h5', '/events', ['x', 'y', 'w', 'p4_0']],
    ['groups.h5', '/compound', ['px', 'n', 'arr_1']],
    ['pandas_table.h5', undefined, ['E_0', 'E_3', 'is_signal_new']],
    ['pandas_table_dc.h5', undefined, ['E_0', 'E_1']],
    ['pandas_fixed.h5', undefined, ['E_0', 'E_2']],
    // read by the TypeScript contiguous reader (v1 headers and symbol tables; v2 headers and dense links)
    ['contiguous.h5', '/events', ['x', 'y', 'k', 'p4_1']],
    ['contiguous_latest.h5', '/wide', ['zeta', 'a', 'q']],
  ];
  for (const [name, item, features] of hdf5) {
    const bytes = await fixture(`hdf5/${name}`);
    out.push({ format: 'hdf5', name, item, bytes, selection: { features }, meta: hdf5Meta(bytes), counts: c(3, 7), regressions: regressions(name, item) });
  }
  for (const codec of ['SNAPPY', 'GZIP'] as const) {
    const name = `mixed-${codec.toLowerCase()}.parquet`;
    parquetSeed(join(dir, name), codec);
    const bytes = await readFile(join(dir, name));
    out.push({ format: 'parquet', name, bytes, selection: { features: ['f', 'd', 'i32'], target: 'i64', label: 'flag' }, meta: parquetMeta(bytes), counts: c(10, 20), regressions: regressions(name) });
  }
  // list columns (particle sets): written by arrow-rs (make_parquet_lists.mjs), data pages v1 and v2
  for (const name of ['lists_v1.parquet', 'lists_v2.parquet']) {
    const bytes = await fixture(`parquet/${name}`);
    const selection = { features: ['n'], label: 'label', sets: { parts: { columns: { px: 'px', e: 'e', q: 'charge' }, size: 8 } } };
    out.push({ format: 'parquet', name, bytes, selection, meta: parquetMeta(bytes), counts: c(6, 12), regressions: regressions(name) });
  }
  const pad: ReadOptions = { options: { jagged: 'pad', padLength: 2 } };
  const root: [string, string | undefined, string[], ReadOptions | undefined, MutantCounts][] = [
    ['uproot-HZZ.root', 'events', ['MET_px', 'EventWeight', 'Muon_Px_0', 'Muon_Px_1'], pad, c(4, 10)],
    ['uproot-HZZ-lz4.root', 'events', ['MET_py', 'NJet'], undefined, c(2, 5)],
    ['uproot-HZZ-zstd.root', 'events', ['MET_py', 'NJet'], undefined, c(2, 5)],
    ['uproot-HZZ-lzma.root', 'events', ['MET_py', 'NJet'], undefined, c(2, 5)],
    ['uproot-small-flat-tree.root', 'tree', ['Int32', 'Float64', 'ArrayFloat32_3', 'SliceInt32_0'], pad, c(3, 8)],
    ['uproot-simple.root', 'tree', ['one', 'two'], undefined, c(3, 6)],
    ['ntpl001_staff_rntuple_v1-0-0-0.root', 'Staff', ['Category', 'Age', 'Cost'], undefined, c(3, 8)],
    ['jsroot-rntuple_test.root', 'Data', ['IntField', 'DoubleField', 'ArrayInt_2', 'VectInt_0'], pad, c(3, 8)],
  ];
  for (const [name, item, features, options, counts] of root) {
    const bytes = await fixture(`root/${name}`);
    out.push({ format: 'root', name, item, bytes, selection: { features }, options, meta: rootMeta(bytes), counts, regressions: regressions(name, item) });
  }
  return out;
}
