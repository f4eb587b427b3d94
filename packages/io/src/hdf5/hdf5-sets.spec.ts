import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSelection, ParticleSet } from '@hepuq/core';
import { caught, FIXTURES } from '../spec-helpers.js';
import { hdf5Format } from './hdf5.format.js';
import { writeHdf5 } from './h5-write.js';

/** What make_fixtures.py (toptag_fixtures) recorded with numpy/pandas for the top-tagging-layout files. */
interface TopTagExpected {
  rows: number;
  slots: number;
  constituents: number;
  signal: number;
  counts: number[];
  sum_e: number;
  first_e: number[];
  preprocessed: Record<'log_rel_pt' | 'deta' | 'dphi' | 'log_rel_e', number>;
  abs_preprocessed: Record<'log_rel_pt' | 'deta' | 'dphi' | 'log_rel_e', number>;
}

const fmt = hdf5Format();
const P4 = { e: 'E_{i}', px: 'PX_{i}', py: 'PY_{i}', pz: 'PZ_{i}' };
const constituents = (extra: object = {}, size = 20): ColumnSelection => ({ features: [], label: 'is_signal_new', sets: { constituents: { columns: P4, size, ...extra } } });
const real = (set: ParticleSet, f: string) => set.feature(f).filter((_, k) => set.mask[k] === 1);
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
let want: TopTagExpected;
let dir: string;
beforeAll(async () => {
  const all = JSON.parse(await readFile(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, TopTagExpected>;
  want = all['hdf5/toptag_table.h5'];
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-sets-'));
});

describe.each(['toptag_table.h5', 'toptag_fixed.h5'])('hdf5: top-tagging layout (%s, written by pandas) as a particle set', (file) => {
  const path = () => join(FIXTURES, 'hdf5', file);

  it('masks exactly the non-zero constituents: counts and the sum of E equal numpy', async () => {
    const ds = await fmt.read(path(), constituents());
    const set = ds.sets.constituents;
    expect(ds.n).toBe(want.rows);
    expect(ds.nFeatures).toBe(0);
    expect(sum(ds.label!)).toBe(want.signal);
    expect([...set.counts()]).toEqual(want.counts);
    expect(set.truncatedEvents).toBe(0);
    // 2347 float32 terms of size <= 500 summed in order vs pairwise: agree to ~1e-9 relative
    expect(Math.abs(sum(real(set, 'e')) - want.sum_e)).toBeLessThanOrEqual(1e-9 * want.sum_e);
    expect(real(set, 'e').subarray(0, want.first_e.length)).toEqual(Float32Array.from(want.first_e));
  });

  it('preprocesses like the numpy reference; pT fractions sum to 1, centred eta/phi have pT-weighted mean 0', async () => {
    const ds = await fmt.read(path(), constituents({ preprocess: { center: true, relativePt: true, log: ['pt', 'e'] } }));
    const set = ds.sets.constituents;
    expect(set.features).toEqual(['log_rel_pt', 'deta', 'dphi', 'log_rel_e']);
    // float32 outputs summed over 2347 particles: 1e-5 relative (float32 epsilon 6e-8 per value, plus the float32 inputs' rounding)
    for (const f of ['log_rel_pt', 'deta', 'dphi', 'log_rel_e'] as const) {
      expect(Math.abs(sum(real(set, f).map(Math.abs)) - want.abs_preprocessed[f]), f).toBeLessThanOrEqual(1e-5 * want.abs_preprocessed[f]);
    }
    const P = set.size;
    const [logPt, deta, dphi] = ['log_rel_pt', 'deta', 'dphi'].map((f) => set.feature(f));
    for (let i = 0; i < ds.n; i++) {
      let w = 0;
      let meanEta = 0;
      let meanPhi = 0;
      for (let p = 0; p < P; p++) {
        if (!set.mask[i * P + p]) continue;
        const z = Math.exp(logPt[i * P + p]);
        w += z;
        meanEta += z * deta[i * P + p];
        meanPhi += z * dphi[i * P + p];
      }
      // <= 20 float32 fractions: the sum is 1 to a few 1e-7; the weighted means vanish to ~1e-7 rad
      expect(w).toBeCloseTo(1, 5);
      expect(Math.abs(meanEta)).toBeLessThan(1e-5);
      expect(Math.abs(meanPhi)).toBeLessThan(1e-5);
    }
  });

  it('keeps size = 10 hardest constituents (the file is sorted by pT), counting the cut', async () => {
    const ds = await fmt.read(path(), constituents({ orderBy: 'pt', preprocess: {} }, 10));
    const set = ds.sets.constituents;
    expect(set.truncatedEvents).toBe(want.counts.filter((c) => c > 10).length);
    expect(set.droppedParticles).toBe(want.counts.reduce((s, c) => s + Math.max(0, c - 10), 0));
    expect(set.truncatedEvents).toBeGreaterThan(0);
    // only slots 0..9 are read, so the ordering keeps file order here
    const byFile = await fmt.read(path(), constituents({ preprocess: {} }, 10));
    expect(set.values).toEqual(byFile.sets.constituents.values);
  });
});

describe('hdf5: indexed families, chunks and errors', () => {
  const table = () => join(FIXTURES, 'hdf5', 'toptag_table.h5');

  it('pads to a size beyond the families, and streams chunks equal to a whole read', async () => {
    const wide = (await fmt.read(table(), constituents({}, 32))).sets.constituents;
    expect(wide.size).toBe(32);
    expect([...wide.counts()]).toEqual(want.counts);
    const whole = (await fmt.read(table(), constituents({ preprocess: { relativePt: true } }))).sets.constituents;
    const got: number[] = [];
    for await (const c of fmt.readChunks!(table(), constituents({ preprocess: { relativePt: true } }), 64)) got.push(...c.sets.constituents.values);
    expect(Float32Array.from(got)).toEqual(whole.values);
  });

  it('MissingColumn for an absent family, ShapeMismatch for families of different lengths, UnsupportedFormat for list columns', async () => {
    const m = await caught(fmt.read(table(), { features: [], sets: { c: { columns: { x: 'X_{i}' }, size: 4 } } }));
    expect(m.code).toBe('MissingColumn');
    expect(m.message).toMatch(/toptag_table\.h5:\/table: particle set "c", family "X_\{i\}": column "X_0" not found; available: index, E_0, PX_0/);
    const s = await caught(fmt.read(table(), { features: [], sets: { c: { columns: { e: 'E_{i}', t: 'truthE_{i}' }, size: 20 } } }));
    expect(s.code).toBe('ShapeMismatch');
    expect(s.message).toContain('"E_{i}" has 20 columns, "truthE_{i}" has 4 columns (of the 20 the set reads)');
    const l = await caught(fmt.read(table(), { features: [], sets: { c: { columns: { e: 'E_0' }, size: 4 } } }));
    expect(l.code).toBe('UnsupportedFormat');
    expect(l.message).toContain('which the hdf5 format does not have');
  });

  it('NonFiniteValue for NaN in a real particle (not in an empty slot); log and pt = 0 refused by row', async () => {
    const file = join(dir, 'bad.h5');
    const col = (v: number[]) => Float32Array.from(v);
    // row 1: one particle, an empty slot holding NaN in E only under `padding: { feature: px }`; row 2: a NaN particle
    await writeHdf5(file, { E_0: col([5, 5]), E_1: col([NaN, NaN]), PX_0: col([3, 3]), PX_1: col([0, 1]), PY_0: col([4, 4]), PY_1: col([0, 0]), PZ_0: col([0, 0]), PZ_1: col([0, 0]), y: col([0, 1]) });
    const sel = (extra: object) => ({ features: [], label: 'y', sets: { c: { columns: P4, size: 2, ...extra } } });
    const e = await caught(fmt.read(file, sel({ padding: { feature: 'px' } })));
    expect(e.code).toBe('NonFiniteValue');
    expect(e.message).toBe(`${file}:/: particle set "c" row 2, particle 2: "e" (column E_{i}) is NaN`);
    const zero = join(dir, 'zero.h5');
    await writeHdf5(zero, { E_0: col([5, 0]), PX_0: col([3, 1]), PY_0: col([4, 0]), PZ_0: col([0, 0]), y: col([0, 1]) });
    const l = await caught(fmt.read(zero, sel({ preprocess: { log: ['e'] } })));
    expect(l.code).toBe('InvalidArgument');
    expect(l.message).toBe(`${zero}:/: particle set "c" row 2, particle 1: log of "e" needs a value > 0, got 0`);
    const beam = join(dir, 'beam.h5');
    await writeHdf5(beam, { E_0: col([5, 4]), PX_0: col([3, 0]), PY_0: col([4, 0]), PZ_0: col([0, 4]), y: col([0, 1]) });
    expect((await caught(fmt.read(beam, sel({ preprocess: {} })))).message).toContain('row 2, particle 1 has pt = 0');
  });
});
