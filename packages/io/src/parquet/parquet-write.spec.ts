import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { caught } from '../spec-helpers.js';
import { parquetFormat } from './parquet.format.js';
import { openParquet } from './parquet-read.js';
import { PARQUET_ROW_GROUP, writeParquet } from './parquet-write.js';

const fmt = parquetFormat();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-pq-write-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The raw bits of float32 values, so -0 and +0 (and every mantissa bit) compare as different. */
const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

/** Finite float32 values that writers get wrong: signed zero, subnormals, the extremes, long mantissas. */
const SPECIAL = [0, -0, 1, -1, 1.4e-45, -1.4e-45, 1.1754942e-38, 3.4028234663852886e38, -3.4028234663852886e38, Math.PI, 0.1, 16777217, 123456.789];

describe('writeParquet: round trip through the parquet reader', () => {
  it('reads back every float32 bit and every column name, in order', async () => {
    const rng = new Rng(3);
    const n = 3000;
    const cols: Record<string, Float32Array> = {
      special: Float32Array.from({ length: n }, (_, i) => (i < SPECIAL.length ? SPECIAL[i] : rng.normal())),
      // mostly +0 with one -0: the column a dictionary encoding would pick, and merge the zeros in
      'zeros with -0': Float32Array.from({ length: n }, (_, i) => (i === 7 ? -0 : i % 5 === 0 ? 1 : 0)),
      // a -0 first: a dictionary would turn every later +0 into -0
      'pt.jet_é': Float32Array.from({ length: n }, (_, i) => (i === 0 ? -0 : 0)),
      w_0: Float32Array.from({ length: n }, () => rng.poisson(1)),
    };
    const p = join(dir, 'nested', 'out', 'tricky.parquet');
    await writeParquet(p, cols);
    expect(await fmt.columns!(p)).toEqual(Object.keys(cols));
    const ds = await fmt.read(p, { features: Object.keys(cols) });
    expect(ds.n).toBe(n);
    for (const [name, values] of Object.entries(cols)) expect(bits(ds.features[name]), name).toEqual(bits(values));
  });

  it('writes row groups of PARQUET_ROW_GROUP rows that read back whole and in chunks', async () => {
    const n = PARQUET_ROW_GROUP + 123;
    const x = Float32Array.from({ length: n }, (_, i) => i * 0.5);
    const p = join(dir, 'groups.parquet');
    await writeParquet(p, { x });
    const src = await openParquet(p);
    expect(src.metadata.row_groups.map((rg) => Number(rg.num_rows))).toEqual([PARQUET_ROW_GROUP, 123]);
    expect(bits((await fmt.read(p, { features: ['x'] })).features.x)).toEqual(bits(x));
    const chunks: Float32Array[] = [];
    for await (const c of fmt.readChunks!(p, { features: ['x'] }, 40_000)) chunks.push(c.features.x);
    expect(chunks.map((c) => c.length)).toEqual([40_000, 25_659]);
  });

  it('keeps dictionary encoding for low-cardinality columns without -0, and writes PLAIN where a -0 is', async () => {
    const n = 5000;
    const p = join(dir, 'encodings.parquet');
    await writeParquet(p, { w: Float32Array.from({ length: n }, (_, i) => i % 4), z: Float32Array.from({ length: n }, (_, i) => (i === 1 ? -0 : i % 4)) });
    const [w, z] = (await openParquet(p)).metadata.row_groups[0].columns.map((c) => c.meta_data!.encodings);
    expect(w).toContain('RLE_DICTIONARY');
    expect(z).toEqual(['PLAIN']);
  });

  it('writes NaN and Inf as they are; the reader then names the row', async () => {
    const p = join(dir, 'nan.parquet');
    await writeParquet(p, { x: Float32Array.from([1, Number.NaN, Infinity]) });
    const e = await caught(fmt.read(p, { features: ['x'] }));
    expect(e.code).toBe('NonFiniteValue');
    expect(e.message).toContain('"x" row 2');
  });

  it('replaces an existing file', async () => {
    const p = join(dir, 'replace.parquet');
    await writeParquet(p, { a: Float32Array.from([1, 2]) });
    await writeParquet(p, { b: Float32Array.from([3, 4, 5]) });
    expect(await fmt.columns!(p)).toEqual(['b']);
    expect(Array.from((await fmt.read(p, { features: ['b'] })).features.b)).toEqual([3, 4, 5]);
  });
});

describe('writeParquet: bad columns', () => {
  it('InvalidArgument for no columns, ShapeMismatch for unequal lengths, and no file either way', async () => {
    const p = join(dir, 'bad', 'none.parquet');
    const none = await caught(writeParquet(p, {}));
    expect(none.code).toBe('InvalidArgument');
    expect(none.message).toContain(p);
    const unequal = await caught(writeParquet(p, { a: new Float32Array(3), b: new Float32Array(2) }));
    expect(unequal.code).toBe('ShapeMismatch');
    expect(unequal.message).toContain('"b"');
    await expect(readdir(join(dir, 'bad'))).rejects.toThrow();
  });

  it('writes zero rows as a valid file whose columns are listed and whose read is EmptyDataset', async () => {
    const p = join(dir, 'empty.parquet');
    await writeParquet(p, { a: new Float32Array(0), b: new Float32Array(0) });
    expect(await fmt.columns!(p)).toEqual(['a', 'b']);
    expect((await caught(fmt.read(p, { features: ['a'] }))).code).toBe('EmptyDataset');
  });
});

/** A column that fails when the writer copies its `fail`-th row group, after earlier groups reached the disk. */
class FailingColumn extends Float32Array {
  copies = 0;
  fail = 2;
  override slice(start?: number, end?: number): Float32Array<ArrayBuffer> {
    if (++this.copies === this.fail) throw new Error('disk full (simulated)');
    return super.slice(start, end);
  }
}

describe('writeParquet: atomic', () => {
  it('leaves the earlier file untouched and no temp file when the write fails midway', async () => {
    const sub = join(dir, 'atomic');
    await mkdir(sub);
    const p = join(sub, 'keep.parquet');
    await writeParquet(p, { old: Float32Array.from([7, 8, 9]) });
    const before = await readFile(p);
    const column = new FailingColumn(PARQUET_ROW_GROUP + 10);
    const e = await caught(writeParquet(p, { x: column }));
    expect(column.copies, 'the first row group was written before the failure').toBe(2);
    expect(e.code).toBe('OutputWriteFailed');
    expect(e.message).toContain(p);
    expect(e.message).toContain('disk full (simulated)');
    expect(await readFile(p)).toEqual(before);
    expect(await readdir(sub)).toEqual(['keep.parquet']);
  });

  it('OutputWriteFailed naming the path when it cannot be replaced (a directory), no temp file left', async () => {
    const sub = join(dir, 'onto-dir');
    const p = join(sub, 'is-a-dir.parquet');
    await mkdir(p, { recursive: true });
    await writeFile(join(p, 'inside'), 'x');
    const e = await caught(writeParquet(p, { x: Float32Array.from([1]) }));
    expect(e.code).toBe('OutputWriteFailed');
    expect(e.message).toContain(p);
    expect(await readdir(sub)).toEqual(['is-a-dir.parquet']);
  });
});
