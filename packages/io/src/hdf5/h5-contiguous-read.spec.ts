import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caught, FIXTURES, loadExpected } from '../spec-helpers.js';
import { openContiguousH5 } from './h5-contiguous-read.js';
import { h5Lookup3 } from './h5-lookup3.js';
import { openH5Reader, openH5wasmReader, type H5Reader } from './h5-reader.js';
import { writeHdf5 } from './h5-write.js';
import { hdf5Format } from './hdf5.format.js';

const H5 = join(FIXTURES, 'hdf5');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-h5fast-'));
});

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** All columns of a reader, whole and rows [3, 11), as bytes (exact comparison, NaN payloads included). */
function readAll(r: H5Reader): Buffer[] {
  const names = [...new Set(r.layout.columns.filter((c) => c.dtype).map((c) => c.name))];
  if (names.length === 0) return [];
  const cols = r.pick(names);
  const whole = r.rows(cols, 0, cols[0].rows);
  const part = cols[0].rows > 11 ? r.rows(cols, 3, 11) : [];
  return [...whole, ...part].map(bits);
}

/** Items of the contiguous fixtures (h5py, libver earliest and latest) and which take the fast path. */
const CONTIGUOUS_ITEMS: Array<[string | undefined, boolean]> = [
  [undefined, true], ['/events', true], ['events/p4', true], ['/events/y', true], ['/nested', true], ['/checks', true],
  ['/wide', true], ['/wide_by_name', true],
  ['/packed', false], ['/swapped', false], ['/mixed', false], ['/nope', false],
];

/** The other fixtures: pandas frames, chunked and compound datasets all fall back. */
const OTHER_ITEMS: Array<[string, string | undefined]> = [
  ['calo.h5', undefined], ['groups.h5', undefined], ['groups.h5', '/events'], ['groups.h5', '/compound'], ['groups.h5', '/checks'],
  ['pandas_fixed.h5', undefined], ['pandas_table.h5', undefined], ['pandas_table_dc.h5', undefined], ['toptag_fixed.h5', undefined], ['toptag_table.h5', undefined],
];

describe('h5Lookup3', () => {
  it('is Jenkins hashlittle (the values lookup3.c prints for its self-test)', () => {
    expect(h5Lookup3(new Uint8Array(0))).toBe(0xdeadbeef);
    const text = Buffer.from('Four score and seven years ago');
    expect(h5Lookup3(text).toString(16)).toBe('17770551');
    expect(h5Lookup3(text, 1).toString(16)).toBe('cd628161');
  });
});

describe('hdf5 contiguous reader: the same layout and bits as h5wasm, or a fallback', () => {
  it('covers every HDF5 fixture', async () => {
    const files = (await readdir(H5)).filter((f) => f.endsWith('.h5')).sort();
    const listed = new Set(['contiguous.h5', 'contiguous_latest.h5', ...OTHER_ITEMS.map(([f]) => f)]);
    expect(files).toEqual([...listed].sort());
  });

  it.each(['contiguous.h5', 'contiguous_latest.h5'])('%s: plain contiguous items take the fast path and equal h5wasm', async (file) => {
    const path = join(H5, file);
    for (const [item, fast] of CONTIGUOUS_ITEMS) {
      const r = openContiguousH5(path, item);
      expect(r !== null, `${file}:${item}`).toBe(fast);
      if (!r) continue;
      const ref = await openH5wasmReader(path, item);
      try {
        expect(r.layout, `${file}:${item}`).toEqual(ref.layout);
        expect(readAll(r)).toEqual(readAll(ref));
      } finally {
        r.close();
        ref.close();
      }
    }
  });

  it.each(OTHER_ITEMS)('%s %s falls back to h5wasm', (file, item) => {
    expect(openContiguousH5(join(H5, file), item)).toBeNull();
  });

  it('lists group members in h5wasm order: creation order when tracked, bytewise name order otherwise', async () => {
    const path = join(H5, 'contiguous_latest.h5');
    const names = ['zeta', 'b', 'a', 'c_1', 'B', 'x9', 'x10', 'm', 'n', 'o', 'p', 'q'];
    const r = await openH5Reader(path, '/wide');
    const s = await openH5Reader(path, '/wide_by_name');
    expect(r.layout.columns.map((c) => c.name)).toEqual(names);
    expect(s.layout.columns.map((c) => c.name)).toEqual([...names].sort());
    expect([r.via, s.via]).toEqual(['contiguous', 'contiguous']);
    r.close();
    s.close();
  });

  it('reads what h5py wrote (float32, float64, int32, uint16, int64, [N, 4], [N, 1])', async () => {
    const want = (await loadExpected())['hdf5/contiguous.h5:/events'];
    for (const file of ['contiguous.h5', 'contiguous_latest.h5']) {
      const ds = await hdf5Format().read(join(H5, `${file}:/events`), { features: want.order });
      for (const c of want.order) {
        expect(ds.features[c][0], c).toBe(want.columns[c].first);
        expect(ds.features[c][want.rows - 1], c).toBe(want.columns[c].last);
      }
    }
  });

  it('hepuq-written files: uncompressed ones (compact links, dense links with a one- and two-level name index) are fast, compressed ones fall back, values equal', async () => {
    const n = 2000;
    for (const [width, compression, group, fast] of [[3, 0, undefined, true], [12, 0, '/run', true], [200, 0, undefined, true], [12, 4, undefined, false]] as const) {
      const cols: Record<string, Float32Array> = {};
      for (let j = 0; j < width; j++) cols[`c${width - j}`] = Float32Array.from({ length: n }, (_, i) => Math.sin(i * (j + 1)));
      const p = join(dir, `w${width}-${compression}.h5`);
      await writeHdf5(p, cols, { compression, group, attributes: { run: 'x' } });
      const r = await openH5Reader(p, undefined);
      const ref = await openH5wasmReader(p, undefined);
      expect(r.via).toBe(fast ? 'contiguous' : 'h5wasm');
      expect(r.layout).toEqual(ref.layout);
      expect(r.layout.columns.map((c) => c.name)).toEqual(Object.keys(cols));
      expect(readAll(r)).toEqual(readAll(ref));
      r.close();
      ref.close();
    }
  });

  it('keeps the errors: NonFiniteValue, MissingItem, MissingColumn, ranges and chunks', async () => {
    const path = join(H5, 'contiguous_latest.h5');
    const fmt = hdf5Format();
    const nf = await caught(fmt.read(`${path}:/checks`, { features: ['bad'] }));
    expect(nf.code).toBe('NonFiniteValue');
    // make_fixtures.py sets index 13; messages count rows from 1
    expect(nf.message).toBe(`${path}:/checks: column "bad" row 14 is Infinity`);
    expect((await caught(fmt.read(`${path}:/nope`, { features: ['x'] }))).code).toBe('MissingItem');
    const m = await caught(fmt.read(`${path}:/events`, { features: ['x', 'zz'] }));
    expect(m.code).toBe('MissingColumn');
    expect(m.message).toContain(`${path}:/events`);
    expect((await caught(fmt.read(`${path}:/events`, { features: ['x'] }, { start: 100 }))).code).toBe('EmptyDataset');
    const whole = await fmt.read(`${path}:/events`, { features: ['y', 'p4_2'] });
    const got: number[] = [];
    for await (const c of fmt.readChunks!(`${path}:/events`, { features: ['y', 'p4_2'] }, 30)) got.push(...c.features.p4_2);
    expect(Float32Array.from(got)).toEqual(whole.features.p4_2);
    const cut = await fmt.read(`${path}:/events`, { features: ['y'] }, { start: 95, count: 10 });
    expect(cut.features.y).toEqual(whole.features.y.subarray(95));
  });
});

describe('hdf5 contiguous reader: damaged files fall back or fail clearly, never give other numbers', () => {
  /**
   * Flip one byte at a time. Either the fast path falls back, or it reads the intact values, or —
   * when the flip hit raw data or an unchecked v1 field such as a data address — exactly what
   * h5wasm reads from the same damaged file.
   */
  it.each([['contiguous_latest.h5', 29], ['contiguous.h5', 37]])('%s, every %i-th byte flipped', async (file, stride) => {
    const path = join(H5, file);
    const bytes = await readFile(path);
    const intact = new Map<string, Buffer[]>();
    for (const item of ['/events', '/wide']) {
      const r = openContiguousH5(path, item)!;
      intact.set(item, readAll(r));
      r.close();
    }
    const damaged = join(dir, `flip-${file}`);
    let fellBack = 0;
    for (let at = 0; at < bytes.length; at += stride) {
      const b = Buffer.from(bytes);
      b[at] ^= 0x10;
      await writeFile(damaged, b);
      for (const [item, want] of intact) {
        const r = openContiguousH5(damaged, item);
        if (!r) {
          fellBack += 1;
          continue;
        }
        const got = readAll(r);
        r.close();
        if (got.length === want.length && got.every((g, i) => g.equals(want[i]))) continue;
        const ref = await openH5wasmReader(damaged, item);
        expect(got, `byte ${at} ${item}`).toEqual(readAll(ref));
        ref.close();
      }
    }
    expect(fellBack).toBeGreaterThan(50);
  }, 120_000);

  it('a truncated file is FileUnreadable before either reader starts; a file cut inside raw data falls back', async () => {
    const bytes = await readFile(join(H5, 'contiguous.h5'));
    const cut = join(dir, 'cut.h5');
    await writeFile(cut, bytes.subarray(0, bytes.length - 100));
    const e = await caught(hdf5Format().read(`${cut}:/events`, { features: ['x'] }));
    expect(e.code).toBe('FileUnreadable');
    expect(e.message).toContain('truncated');
    expect(openContiguousH5(cut, '/wide')).toBeNull();
  });
});
