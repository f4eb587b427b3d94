import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSelection, ParticleSet } from '@hepuq/core';
import { caught, FIXTURES } from '../spec-helpers.js';
import { parquetFormat } from './parquet.format.js';

/** What make_parquet_lists.mjs recorded for the list-column files (written by arrow-rs through parquet-wasm). */
interface ListsExpected {
  rows: number;
  particles: number;
  counts: number[];
  sums: Record<'px' | 'py' | 'pz' | 'e' | 'charge', number>;
  first: { px: number[]; e: number[] };
  bad: Record<'bad_px' | 'short_px' | 'null_px', number>;
}

const fmt = parquetFormat();
const COLS = { px: 'px', py: 'py', pz: 'pz', e: 'e', q: 'charge' };
const sel = (columns: Record<string, string> = COLS, size = 8): ColumnSelection => ({ features: ['n'], label: 'label', sets: { parts: { columns, size } } });
const real = (set: ParticleSet, f: string) => set.feature(f).filter((_, k) => set.mask[k] === 1);
const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
let want: ListsExpected;
beforeAll(async () => {
  want = JSON.parse(await readFile(join(FIXTURES, 'parquet', 'lists.expected.json'), 'utf8')) as ListsExpected;
});

// v1: data page v1, snappy, dictionary pages; v2: data page v2 (levels checked before decoding), zstd
describe.each(['lists_v1.parquet', 'lists_v2.parquet'])('parquet: list columns as a particle set (%s)', (file) => {
  const path = () => join(FIXTURES, 'parquet', file);

  it('reads list<float>, list<double> and list<int32> columns: counts, sums and first values as written', async () => {
    const ds = await fmt.read(path(), sel());
    const set = ds.sets.parts;
    expect(ds.n).toBe(want.rows);
    expect([...set.counts()]).toEqual(want.counts);
    expect(Float32Array.from(set.counts())).toEqual(ds.features.n);
    for (const [f, key] of [['px', 'px'], ['py', 'py'], ['pz', 'pz'], ['e', 'e'], ['q', 'charge']] as const) {
      // <= 213 float32 terms of size <= 40, summed in the same order: 1e-9 relative
      expect(Math.abs(sum(real(set, f)) - want.sums[key]), f).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want.sums[key])));
    }
    expect([...real(set, 'px').subarray(0, want.first.px.length)]).toEqual(want.first.px);
    expect([...real(set, 'e').subarray(0, want.first.e.length)]).toEqual(want.first.e);
  });

  it('streams chunks across row-group ends equal to a whole read, and reads entry ranges', async () => {
    const whole = (await fmt.read(path(), sel())).sets.parts;
    const sizes: number[] = [];
    const got: number[] = [];
    for await (const c of fmt.readChunks!(path(), sel(), 7)) {
      sizes.push(c.n);
      got.push(...c.sets.parts.values);
    }
    expect(sizes).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
    expect(Float32Array.from(got)).toEqual(whole.values);
    const part = await fmt.read(path(), sel(), { start: 23, count: 5 });
    const block = 8 * 5;
    expect(part.sets.parts.values).toEqual(whole.values.subarray(23 * block, 28 * block));
  });

  it('errors name the file, set, column and row of the planted defects', async () => {
    const nan = await caught(fmt.read(path(), sel({ px: 'bad_px', e: 'e' })));
    expect(nan.code).toBe('NonFiniteValue');
    expect(nan.message).toBe(`${path()}: particle set "parts" row ${want.bad.bad_px}, particle 2: "px" (column bad_px) is NaN`);
    const short = await caught(fmt.read(path(), sel({ px: 'short_px', e: 'e' })));
    expect(short.code).toBe('ShapeMismatch');
    expect(short.message).toContain(`particle set "parts" row ${want.bad.short_px}: "e" (e) lists`);
    const nul = await caught(fmt.read(path(), sel({ px: 'null_px' })));
    expect(nul.code).toBe('NonFiniteValue');
    expect(nul.message).toBe(`${path()}: list column "null_px" row ${want.bad.null_px}, element 1 is null (missing value)`);
  });

  it('ParseError for a flat column named as a set column and a list column named as a feature; MissingColumn lists the columns', async () => {
    const flat = await caught(fmt.read(path(), sel({ n: 'n' })));
    expect(flat.code).toBe('ParseError');
    expect(flat.message).toContain('particle-set column "n" holds one number per row, not a list of numbers per row');
    const list = await caught(fmt.read(path(), { features: ['px'] }));
    expect(list.code).toBe('ParseError');
    expect(list.message).toContain('column "px" holds one list per row (read it as a particle-set column)');
    const missing = await caught(fmt.read(path(), sel({ px: 'PX' })));
    expect(missing.code).toBe('MissingColumn');
    expect(missing.message).toContain('column "PX" not found; available: px, py, pz, e, charge');
  });
});
