import { copyFile, mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { npyFormat } from './npy.format.js';
import { caught, sum, type Expected, loadExpected, FIXTURES } from '../spec-helpers.js';

const fmt = npyFormat();
let expected: Record<string, Expected>;
let dir: string;
beforeAll(async () => {
  expected = await loadExpected();
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-npy-'));
});

describe('npy format: numbers equal those numpy wrote (make_fixtures.py)', () => {
  const files = [
    'f8_2d_c', 'f4_2d_fortran', 'i4_1d', 'i8_1d', 'u1_1d', 'b1_1d', 'f8_be', 'f4_1d', 'v2', 'v3', 'structured', 'f4_3d_c', 'f4_3d_fortran',
  ];
  it.each(files)('%s.npy', async (name) => {
    const key = `npy/${name}.npy`;
    const want = expected[key];
    const names = want.order;
    expect(await fmt.columns!(join(FIXTURES, key))).toEqual(names);
    const ds = await fmt.read(join(FIXTURES, key), { features: names });
    expect(ds.n).toBe(want.rows);
    for (const c of names) {
      const col = ds.features[c];
      expect(col[0]).toBe(want.columns[c].first);
      expect(col[col.length - 1]).toBe(want.columns[c].last);
      // numpy sums pairwise, we sum in order: <= 50 float32 terms of size ~1 differ by ~1e-14
      expect(Math.abs(sum(col) - want.columns[c].sum)).toBeLessThan(1e-9);
    }
  });
});

describe('npy format: options, ranges and chunks', () => {
  const c2d = () => join(FIXTURES, 'npy/f8_2d_c.npy');

  it('names columns with options.columns', async () => {
    const ds = await fmt.read(c2d(), { features: ['px', 'py'], target: 'pz' }, { options: { columns: ['px', 'py', 'pz'] } });
    expect(ds.features.px[0]).toBe(expected['npy/f8_2d_c.npy'].columns.f0.first);
    expect(ds.target![49]).toBe(expected['npy/f8_2d_c.npy'].columns.f2.last);
    const e = await caught(fmt.read(c2d(), { features: ['a'] }, { options: { columns: ['a', 'b'] } }));
    expect(e.code).toBe('ShapeMismatch');
  });

  it('streams Fortran-order chunks that equal a whole read', async () => {
    const p = join(FIXTURES, 'npy/f4_2d_fortran.npy');
    const whole = await fmt.read(p, { features: ['f0', 'f2'] }, { start: 3 });
    const sizes: number[] = [];
    const got: number[] = [];
    for await (const c of fmt.readChunks!(p, { features: ['f0', 'f2'] }, 20, { start: 3 })) {
      sizes.push(c.n);
      got.push(...c.features.f2);
    }
    expect(sizes).toEqual([20, 20, 7]);
    expect(Float32Array.from(got)).toEqual(whole.features.f2);
  });
});

describe('npy format: errors', () => {
  it('NonFiniteValue names file, row and column', async () => {
    const p = join(FIXTURES, 'npy/nan.npy');
    const e = await caught(fmt.read(p, { features: ['f0', 'f1'] }));
    expect(e.code).toBe('NonFiniteValue');
    expect(e.message).toBe(`${p}: column "f1" row 7 is NaN`);
  });

  it.each(['complex', 'strings'])('ParseError for a %s dtype', async (name) => {
    const p = join(FIXTURES, `npy/${name}.npy`);
    const e = await caught(fmt.read(p, { features: ['f0'] }));
    expect(e.code).toBe('ParseError');
    expect(e.message).toMatch(new RegExp(`${name}\\.npy: dtype '.+' is not numeric`));
  });

  it('MissingColumn, FileUnreadable for missing and truncated files, ParseError for non-npy bytes', async () => {
    const p = join(FIXTURES, 'npy/f8_2d_c.npy');
    const miss = await caught(fmt.read(p, { features: ['f7'] }));
    expect(miss.code).toBe('MissingColumn');
    expect(miss.message).toContain('available: f0, f1, f2');
    expect((await caught(fmt.read(join(dir, 'none.npy'), { features: ['f0'] }))).code).toBe('FileUnreadable');
    const cut = join(dir, 'cut.npy');
    await copyFile(p, cut);
    await truncate(cut, 500);
    const t = await caught(fmt.read(cut, { features: ['f0'] }));
    expect(t.code).toBe('FileUnreadable');
    expect(t.message).toContain('is truncated');
    await truncate(cut, 40);
    expect((await caught(fmt.read(cut, { features: ['f0'] }))).code).toBe('FileUnreadable');
    const junk = join(dir, 'junk.npy');
    await writeFile(junk, 'this is not numpy at all');
    expect((await caught(fmt.read(junk, { features: ['f0'] }))).code).toBe('ParseError');
  });
});

describe('npy format: writing', () => {
  it('round-trips one column as 1-D and several as [n, d] with a 64-byte aligned v1 header', async () => {
    const rng = new Rng(3);
    const a = Float32Array.from({ length: 101 }, () => rng.normal());
    const b = Float32Array.from({ length: 101 }, () => rng.uniform());
    const one = join(dir, 'one.npy');
    await fmt.write!(one, { a });
    expect((await fmt.read(one, { features: ['f0'] })).features.f0).toEqual(a);
    const two = join(dir, 'sub', 'two.npy');
    await fmt.write!(two, { a, b });
    const bytes = await readFile(two);
    const headerLen = bytes.readUInt16LE(8);
    expect((10 + headerLen) % 64).toBe(0);
    expect(bytes.toString('latin1', 10, 10 + headerLen)).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(101, 2\), \} *\n$/);
    const ds = await fmt.read(two, { features: ['a', 'b'] }, { options: { columns: ['a', 'b'] } });
    expect(ds.features.a).toEqual(a);
    expect(ds.features.b).toEqual(b);
  });
});
