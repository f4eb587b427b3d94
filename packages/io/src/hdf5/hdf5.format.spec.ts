import { copyFile, mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, type Dataset } from '@hepuq/core';
import { hdf5Format } from './hdf5.format.js';
import { writeHdf5 } from './h5-write.js';
import { H5_BLOCK_BYTES } from './h5-read.js';
import { caught, sum, type Expected, loadExpected, FIXTURES } from '../spec-helpers.js';

const fmt = hdf5Format();
let expected: Record<string, Expected>;
let dir: string;
beforeAll(async () => {
  expected = await loadExpected();
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-h5-'));
});

/** Compare every column with what h5py/pandas wrote (make_fixtures.py). */
function expectMatches(ds: Dataset, want: Expected): void {
  expect(ds.n).toBe(want.rows);
  for (const c of want.order) {
    const col = ds.features[c];
    expect(col[0], c).toBe(want.columns[c].first);
    expect(col[col.length - 1], c).toBe(want.columns[c].last);
    // numpy sums pairwise, we sum in order: <= 200 float32 terms of size <= 1e3 agree to ~1e-10 relative
    expect(Math.abs(sum(col) - want.columns[c].sum), c).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want.columns[c].sum)));
  }
}

describe('hdf5 format: numbers equal those written by pandas/h5py', () => {
  it.each([
    ['pandas_table.h5', undefined],
    ['pandas_table_dc.h5', undefined],
    ['pandas_fixed.h5', undefined],
    ['calo.h5', undefined],
    ['groups.h5', '/events'],
    ['groups.h5', '/compound'],
  ])('%s %s', async (file, item) => {
    const key = `hdf5/${file}${item ? `:${item}` : ''}`;
    const want = expected[key];
    const spec = join(FIXTURES, 'hdf5', file) + (item ? `:${item}` : '');
    const cols = await fmt.columns!(spec);
    expect(cols).toEqual(expect.arrayContaining(want.order));
    expectMatches(await fmt.read(spec, { features: want.order }), want);
  });

  it('reads pandas table column names from values_block_N_kind, and marks the string column', async () => {
    const spec = join(FIXTURES, 'hdf5/pandas_table.h5');
    expect(await fmt.columns!(spec)).toEqual(['index', 'E_0', 'E_1', 'E_2', 'E_3', 'truthE', 'is_signal_new', 'ttv', 'tag']);
    const e = await caught(fmt.read(spec, { features: ['E_0', 'tag'] }));
    expect(e.code).toBe('ParseError');
    expect(e.message).toContain('column "tag"');
    expect(e.message).toContain('string');
  });

  it('maps roles, entry ranges and explicit items (options.item and file.h5:item agree)', async () => {
    const want = expected['hdf5/groups.h5:/events'];
    const a = await fmt.read(join(FIXTURES, 'hdf5/groups.h5:/events'), { features: ['x'], target: 'y', weight: 'w' }, { start: 10, count: 5 });
    const b = await fmt.read(join(FIXTURES, 'hdf5/groups.h5'), { features: ['x'], target: 'y', weight: 'w' }, { item: 'events', start: 10, count: 5 });
    expect(a.n).toBe(5);
    expect(a.features.x).toEqual(b.features.x);
    expect(a.weights).toEqual(b.weights);
    const whole = await fmt.read(join(FIXTURES, 'hdf5/groups.h5:/events'), { features: want.order });
    expect(a.target).toEqual(whole.features.y.subarray(10, 15));
  });

  it('names the columns of one dataset with options.columns', async () => {
    const ds = await fmt.read(join(FIXTURES, 'hdf5/groups.h5:/events/p4'), { features: ['px', 'E'] }, { options: { columns: ['E', 'px', 'py', 'pz'] } });
    expect(ds.features.E[0]).toBe(expected['hdf5/groups.h5:/events'].columns.p4_0.first);
    expect(ds.features.px[59]).toBe(expected['hdf5/groups.h5:/events'].columns.p4_1.last);
  });

  it('streams chunked slices that equal a whole read', async () => {
    const spec = join(FIXTURES, 'hdf5/calo.h5');
    const sel = { features: ['incident_energies', 'showers_29'] };
    const whole = await fmt.read(spec, sel);
    const sizes: number[] = [];
    const got: number[] = [];
    for await (const c of fmt.readChunks!(spec, sel, 32)) {
      sizes.push(c.n);
      got.push(...c.features.showers_29);
    }
    expect(sizes).toEqual([32, 32, 32, 4]);
    expect(Float32Array.from(got)).toEqual(whole.features.showers_29);
  });
});

describe('hdf5 format: errors name the file and item', () => {
  const groups = () => join(FIXTURES, 'hdf5/groups.h5');

  it('MissingItem lists what the file holds; MissingColumn lists the columns', async () => {
    const e = await caught(fmt.read(`${groups()}:/nope`, { features: ['x'] }));
    expect(e.code).toBe('MissingItem');
    expect(e.message).toContain('"/nope"');
    expect(e.message).toContain('/events');
    const m = await caught(fmt.read(`${groups()}:/events`, { features: ['x', 'zz'] }));
    expect(m.code).toBe('MissingColumn');
    expect(m.message).toContain(`${groups()}:/events`);
    expect(m.message).toContain('available: p4_0, p4_1, p4_2, p4_3, w, x, y');
  });

  it('NonFiniteValue names row and column; ShapeMismatch for unequal datasets; ParseError for strings and float16', async () => {
    const nf = await caught(fmt.read(`${groups()}:/checks`, { features: ['bad'] }));
    expect(nf.code).toBe('NonFiniteValue');
    expect(nf.message).toBe(`${groups()}:/checks: column "bad" row 13 is Infinity`);
    expect((await caught(fmt.read(`${groups()}:/checks`, { features: ['bad', 'short'] }))).code).toBe('ShapeMismatch');
    for (const col of ['names', 'half']) {
      const e = await caught(fmt.read(`${groups()}:/checks`, { features: [col] }));
      expect(e.code).toBe('ParseError');
      expect(e.message).toContain(`column "${col}"`);
    }
  });

  it('FileUnreadable for missing and truncated files, ParseError for a foreign file, never an HDF5 crash', async () => {
    expect((await caught(fmt.read(join(dir, 'none.h5'), { features: ['x'] }))).code).toBe('FileUnreadable');
    const cut = join(dir, 'cut.h5');
    await copyFile(join(FIXTURES, 'hdf5/calo.h5'), cut);
    await truncate(cut, 9000);
    const t = await caught(fmt.read(cut, { features: ['showers_0'] }));
    expect(t.code).toBe('FileUnreadable');
    expect(t.message).toContain('truncated');
    const junk = join(dir, 'junk.h5');
    await writeFile(junk, 'not hdf5 '.repeat(100));
    expect((await caught(fmt.read(junk, { features: ['x'] }))).code).toBe('ParseError');
  });

  it('a damaged dataspace (2^30 columns, 2^40 rows) is a catalog error, and valid files still read the same after it', async () => {
    // /showers in calo.h5 is [100, 30] and chunked, so HDF5 opens it whatever its dataspace claims;
    // the dims and max dims are uint64 pairs found by searching the file for (100, 30)
    const valid = join(FIXTURES, 'hdf5/calo.h5');
    const before = await fmt.read(valid, { features: ['showers_29'] });
    const bytes = await readFile(valid);
    const dims = Buffer.alloc(16);
    dims.writeBigUInt64LE(100n, 0);
    dims.writeBigUInt64LE(30n, 8);
    const at = bytes.indexOf(dims);
    expect(bytes.indexOf(dims, at + 16)).toBe(at + 16);
    for (const [axis, value, code] of [[1, 2n ** 30n, 'ParseError'], [0, 2n ** 40n, 'FileUnreadable']] as const) {
      const damaged = Buffer.from(bytes);
      damaged.writeBigUInt64LE(value, at + 8 * axis);
      damaged.writeBigUInt64LE(value, at + 16 + 8 * axis);
      const p = join(dir, `dims-${axis}.h5`);
      await writeFile(p, damaged);
      const e = await caught(fmt.read(p, { features: ['showers_0'] }));
      expect(e.code).toBe(code);
      expect(e.plugin).toBe('@hepuq/io');
    }
    expect((await fmt.read(valid, { features: ['showers_29'] })).features.showers_29).toEqual(before.features.showers_29);
  });

  it('rejects unknown options', async () => {
    expect((await caught(fmt.read(groups(), { features: ['x'] }, { options: { colums: ['a'] } }))).code).toBe('InvalidConfig');
  });
});

describe('hdf5 format: writing predictions and per-replica weights', () => {
  it('round-trips columns in order, with attributes, compressed when long', async () => {
    const rng = new Rng(9);
    const n = 3000;
    const cols: Record<string, Float32Array> = { mean: Float32Array.from({ length: n }, () => rng.normal()) };
    for (let r = 0; r < 5; r++) cols[`w_${r}`] = Float32Array.from({ length: n }, () => rng.poisson(1));
    const p = join(dir, 'out', 'preds.h5');
    await writeHdf5(p, cols, { attributes: { run: 'demo', seed: 7 } });
    expect(await fmt.columns!(p)).toEqual(Object.keys(cols));
    const ds = await fmt.read(p, { features: Object.keys(cols) });
    for (const [k, v] of Object.entries(cols)) expect(ds.features[k]).toEqual(v);
    const small = join(dir, 'small.h5');
    await fmt.write!(small, { a: Float32Array.from([1, 2, 3]) });
    expect((await fmt.read(small, { features: ['a'] })).features.a).toEqual(Float32Array.from([1, 2, 3]));
  });

  it('reads a column longer than one wasm-heap block (H5_BLOCK_BYTES) whole, in ranges and in chunks', async () => {
    const block = H5_BLOCK_BYTES / 4;
    const n = block + 12_345;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = i;
    // byte comparison: toEqual walks 10^6 elements one by one (seconds)
    const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const compression of [0, 4]) {
      const p = join(dir, `long-${compression}.h5`);
      await writeHdf5(p, { x, y: x.map((v) => -v) }, { compression });
      const ds = await fmt.read(p, { features: ['x', 'y'] });
      expect(bits(ds.features.x).equals(bits(x))).toBe(true);
      expect(ds.features.y[n - 1]).toBe(-(n - 1));
      const cut = await fmt.read(p, { features: ['x'] }, { start: block - 3, count: 7 });
      expect(cut.features.x).toEqual(x.subarray(block - 3, block + 4));
    }
    let rows = 0;
    for await (const c of fmt.readChunks!(join(dir, 'long-0.h5'), { features: ['x'] }, 700_000)) {
      expect(c.features.x[0]).toBe(rows);
      rows += c.n;
    }
    expect(rows).toBe(n);
  });

  it('refuses a column name HDF5 would read as a path', async () => {
    expect((await caught(writeHdf5(join(dir, 'bad.h5'), { 'a/b': new Float32Array(2) }))).code).toBe('InvalidArgument');
  });
});

describe('hdf5 attributes', () => {
  it('reads attributes written by h5py on groups and the root', async () => {
    const { readHdf5Attributes } = await import('./h5-attributes.js');
    expect(await readHdf5Attributes(join(FIXTURES, 'hdf5/groups.h5:/events'))).toEqual({ generator: 'toy', lumi: 139 });
    expect(await readHdf5Attributes(join(FIXTURES, 'hdf5/calo.h5'))).toEqual({ particle: 'photon' });
    await expect(readHdf5Attributes(join(FIXTURES, 'hdf5/calo.h5'), '/nope')).rejects.toMatchObject({ code: 'MissingItem' });
  });
});
