import { copyFile, mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parquetWriteFile } from 'hyparquet-writer';
import { Rng } from '@hepuq/core';
import { parquetFormat } from './parquet.format.js';
import { caught } from '../spec-helpers.js';

const fmt = parquetFormat();
let dir: string;
const rng = new Rng(21);
const n = 2500;
const f = Float32Array.from({ length: n }, () => rng.normal());
const d = Float64Array.from({ length: n }, () => rng.normal() * 100);
const i64 = BigInt64Array.from({ length: n }, (_, i) => BigInt(i * 3 - 1000));
const bool = Array.from({ length: n }, (_, i) => i % 3 === 0);

/** A file with every kind of column, small row groups and the given codec (compressed by node:zlib). */
function writeMixed(path: string, codec: 'UNCOMPRESSED' | 'SNAPPY' | 'GZIP' | 'BROTLI', nullAt?: number): void {
  parquetWriteFile({
    filename: path,
    columnData: [
      { name: 'f', data: f, type: 'FLOAT', nullable: false },
      { name: 'd', data: Array.from(d, (v, i) => (i === nullAt ? null : v)), type: 'DOUBLE' },
      { name: 'i64', data: i64, type: 'INT64' },
      { name: 'flag', data: bool, type: 'BOOLEAN' },
      { name: 'tag', data: Array.from({ length: n }, (_, i) => `t${i}`), type: 'STRING' },
      { name: 'when', data: Array.from({ length: n }, (_, i) => new Date(i * 1000)), type: 'TIMESTAMP' },
    ],
    rowGroupSize: 700,
    codec,
    compressors: { GZIP: (b: Uint8Array) => gzipSync(b), BROTLI: (b: Uint8Array) => brotliCompressSync(b) },
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-pq-'));
});

describe('parquet format: reading', () => {
  it.each(['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'BROTLI'] as const)('reads FLOAT/DOUBLE/INT64/BOOLEAN columns exactly (%s)', async (codec) => {
    const p = join(dir, `mixed-${codec}.parquet`);
    writeMixed(p, codec);
    expect(await fmt.columns!(p)).toEqual(['f', 'd', 'i64', 'flag', 'tag', 'when']);
    const ds = await fmt.read(p, { features: ['f', 'd'], target: 'i64', label: 'flag' });
    expect(ds.features.f).toEqual(f);
    expect(ds.features.d).toEqual(Float32Array.from(d));
    expect(ds.target).toEqual(Float32Array.from(i64, Number));
    expect(ds.label).toEqual(Float32Array.from(bool, Number));
  });

  it('reads entry ranges across row groups and streams chunks that equal a whole read', async () => {
    const p = join(dir, 'mixed-range.parquet');
    writeMixed(p, 'SNAPPY');
    const part = await fmt.read(p, { features: ['f'] }, { start: 650, count: 900 });
    expect(part.features.f).toEqual(f.subarray(650, 1550));
    const sizes: number[] = [];
    const got: number[] = [];
    for await (const c of fmt.readChunks!(p, { features: ['f', 'd'] }, 1000, { start: 100 })) {
      sizes.push(c.n);
      got.push(...c.features.f);
    }
    expect(sizes).toEqual([1000, 1000, 400]);
    expect(Float32Array.from(got)).toEqual(f.subarray(100));
  });
});

describe('parquet format: errors', () => {
  it('NonFiniteValue for a null, naming the row', async () => {
    const p = join(dir, 'null.parquet');
    writeMixed(p, 'SNAPPY', 1234);
    const e = await caught(fmt.read(p, { features: ['d'] }));
    expect(e.code).toBe('NonFiniteValue');
    expect(e.message).toBe(`${p}: column "d" row 1235 is null (missing value)`);
  });

  it('ParseError for string and timestamp columns, MissingColumn listing the columns', async () => {
    const p = join(dir, 'types.parquet');
    writeMixed(p, 'SNAPPY');
    for (const col of ['tag', 'when']) {
      const e = await caught(fmt.read(p, { features: [col] }));
      expect(e.code).toBe('ParseError');
      expect(e.message).toContain(`column "${col}" holds`);
    }
    const m = await caught(fmt.read(p, { features: ['pt'] }));
    expect(m.code).toBe('MissingColumn');
    expect(m.message).toContain('available: f, d, i64, flag, tag, when');
  });

  it('FileUnreadable for missing, truncated and foreign files', async () => {
    expect((await caught(fmt.read(join(dir, 'none.parquet'), { features: ['f'] }))).code).toBe('FileUnreadable');
    const p = join(dir, 'full.parquet');
    writeMixed(p, 'SNAPPY');
    const cut = join(dir, 'cut.parquet');
    await copyFile(p, cut);
    await truncate(cut, 5000);
    const t = await caught(fmt.read(cut, { features: ['f'] }));
    expect(t.code).toBe('FileUnreadable');
    expect(t.message).toContain(cut);
    const junk = join(dir, 'junk.parquet');
    await writeFile(junk, 'PAR1 not really parquet at all PAR1');
    expect((await caught(fmt.read(junk, { features: ['f'] }))).code).toBe('FileUnreadable');
  });
});

describe('parquet format: writing', () => {
  it('round-trips predictions and per-replica weights', async () => {
    const cols: Record<string, Float32Array> = { mean: f, sigma_tot: Float32Array.from(d, Math.abs) };
    for (let r = 0; r < 4; r++) cols[`w_${r}`] = Float32Array.from({ length: n }, () => rng.poisson(1));
    const p = join(dir, 'out', 'preds.parquet');
    await fmt.write!(p, cols);
    expect(await fmt.columns!(p)).toEqual(Object.keys(cols));
    const ds = await fmt.read(p, { features: Object.keys(cols) });
    for (const [k, v] of Object.entries(cols)) expect(ds.features[k]).toEqual(v);
  });
});
