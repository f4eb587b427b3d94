import { copyFile, mkdtemp, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@hepuq/core';
import { rootFormat } from './root.format.js';
import { caught } from '../spec-helpers.js';

const ROOT_DIR = fileURLToPath(new URL('../../fixtures/root/', import.meta.url));
const hzz = (suffix = '') => join(ROOT_DIR, `uproot-HZZ${suffix}.root`);
const fmt = rootFormat();
const f32 = Math.fround;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-io-root-'));
});

// Reference values for uproot-HZZ.root, independent of jsroot:
// - 2421 entries and sum(NMuon) = 3825 muons: /work/shared/data/root-files/README.md;
// - the first two events' muon momenta and the second event's jet: uproot's README, which prints
//   events.arrays(filter_name="/(Jet|Muon)_P[xyz]/")[:2] for this file.
const MUON_PX = [[-52.89945602416992, 37.7377815246582], [-0.8164593577384949]];
const MUON_PY = [[-11.654671669006348, 0.6934735774993896], [-24.404258728027344]];
const MUON_PZ = [[-8.16079330444336, -11.307581901550293], [20.199968338012695]];
const JET_PX_1 = -38.87471389770508;

describe('root: TTree with jagged branches (uproot-HZZ.root, values from uproot)', () => {
  it('pads jagged branches to fixed columns, filling empty slots', async () => {
    const ds = await fmt.read(`${hzz()}:events`, { features: ['Muon_Px_0', 'Muon_Px_1', 'Muon_Py_0', 'Muon_Pz_1', 'Jet_Px_0'] }, {
      options: { jagged: 'pad', padLength: 2, fill: -999 },
    });
    expect(ds.n).toBe(2421);
    expect([ds.features.Muon_Px_0[0], ds.features.Muon_Px_1[0], ds.features.Muon_Px_0[1], ds.features.Muon_Px_1[1]]).toEqual([
      f32(MUON_PX[0][0]), f32(MUON_PX[0][1]), f32(MUON_PX[1][0]), -999,
    ]);
    expect(ds.features.Muon_Py_0[1]).toBe(f32(MUON_PY[1][0]));
    expect(ds.features.Muon_Pz_1[0]).toBe(f32(MUON_PZ[0][1]));
    expect([ds.features.Jet_Px_0[0], ds.features.Jet_Px_0[1]]).toEqual([-999, f32(JET_PX_1)]);
  });

  it('counts: the per-entry length of Muon_Px equals NMuon and sums to 3825', async () => {
    const ds = await fmt.read(hzz(), { features: ['Muon_Px', 'NMuon'] }, { options: { jagged: 'count' } });
    expect(ds.features.Muon_Px).toEqual(ds.features.NMuon);
    expect(ds.features.Muon_Px.reduce((s, v) => s + v, 0)).toBe(3825);
  });

  it('flattens to one row per muon, repeating event-level branches', async () => {
    const ds = await fmt.read(hzz(), { features: ['Muon_Px', 'Muon_Py', 'Muon_Pz', 'Muon_E'], extras: ['MET_px'] }, { options: { jagged: 'flatten' } });
    expect(ds.n).toBe(3825);
    expect([...ds.features.Muon_Px.subarray(0, 3)]).toEqual(MUON_PX.flat().map(f32));
    expect([...ds.features.Muon_Pz.subarray(0, 3)]).toEqual(MUON_PZ.flat().map(f32));
    expect(ds.extras.MET_px[0]).toBe(ds.extras.MET_px[1]);
    expect(ds.extras.MET_px[1]).not.toBe(ds.extras.MET_px[2]);
    // the four columns belong together: every muon is on (or, in float32, just off) its mass shell m >= 0
    for (let i = 0; i < ds.n; i++) {
      const { Muon_Px: px, Muon_Py: py, Muon_Pz: pz, Muon_E: e } = ds.features;
      const m2 = e[i] ** 2 - px[i] ** 2 - py[i] ** 2 - pz[i] ** 2;
      expect(m2).toBeGreaterThan(-1e-4 * e[i] ** 2);
    }
  });

  it('takes the first element, and reads an entry range', async () => {
    const ds = await fmt.read(hzz(), { features: ['Muon_Px'] }, { start: 1, count: 1, options: { jagged: 'first' } });
    expect([...ds.features.Muon_Px]).toEqual([f32(MUON_PX[1][0])]);
  });

  it.each(['-lz4', '-zstd', '-lzma'])('gives identical arrays for the %s file as for zlib', async (suffix) => {
    const opts = { options: { jagged: 'pad' as const, padLength: 3 } };
    const pad = { features: ['MET_px', 'EventWeight', 'Muon_E_0', 'Muon_E_2', 'Jet_btag_1', 'NPrimaryVertices'] };
    const a = await fmt.read(hzz(), pad, opts);
    const b = await fmt.read(hzz(suffix), pad, opts);
    for (const c of pad.features) expect(b.features[c], c).toEqual(a.features[c]);
  });

  it('streams chunks equal to a whole read', async () => {
    const whole = await fmt.read(hzz(), { features: ['MET_py'] });
    const sizes: number[] = [];
    const got: number[] = [];
    for await (const c of fmt.readChunks!(hzz(), { features: ['MET_py'] }, 1000)) {
      sizes.push(c.n);
      got.push(...c.features.MET_py);
    }
    expect(sizes).toEqual([1000, 1000, 421]);
    expect(Float32Array.from(got)).toEqual(whole.features.MET_py);
  });

  it('streams flattened chunks of exactly chunkSize rows', async () => {
    const rows: Dataset[] = [];
    for await (const c of fmt.readChunks!(hzz(), { features: ['Muon_Px'] }, 1000, { options: { jagged: 'flatten' } })) rows.push(c);
    expect(rows.map((c) => c.n)).toEqual([1000, 1000, 1000, 825]);
    expect(rows[0].features.Muon_Px[2]).toBe(f32(MUON_PX[1][0]));
  });
});

describe('root: fixed arrays and counted arrays (uproot-small-flat-tree.root)', () => {
  // entry i holds i in every numeric branch, N = i % 10, ten copies of i in Array*, N copies in Slice*
  const small = () => join(ROOT_DIR, 'uproot-small-flat-tree.root');
  const iota = Float32Array.from({ length: 100 }, (_, i) => i);

  it('reads every integer and float scalar type, and fixed-array elements as columns', async () => {
    const ds = await fmt.read(`${small()}:tree`, { features: ['Int32', 'Int64', 'UInt32', 'UInt64', 'Float32', 'Float64', 'ArrayInt64_0', 'ArrayFloat64_9'] });
    for (const c of ds.featureNames) expect(ds.features[c], c).toEqual(iota);
  });

  it('flattens counted arrays: sum over i of (i % 10) rows', async () => {
    const ds = await fmt.read(small(), { features: ['SliceFloat64', 'SliceInt32'], extras: ['N'] }, { options: { jagged: 'flatten' } });
    let rows = 0;
    let sum = 0;
    for (let i = 0; i < 100; i++) {
      rows += i % 10;
      sum += i * (i % 10);
    }
    expect(ds.n).toBe(rows);
    expect(ds.features.SliceFloat64.reduce((s, v) => s + v, 0)).toBe(sum);
    expect(ds.features.SliceInt32).toEqual(ds.features.SliceFloat64);
  });

  it('lists fixed arrays as _j columns and explains a whole-array selection', async () => {
    expect(await fmt.columns!(small())).toEqual(expect.arrayContaining(['Int32', 'ArrayInt32_0', 'ArrayInt32_9', 'SliceFloat32', 'N']));
    const e = await caught(fmt.read(small(), { features: ['ArrayInt32'] }));
    expect(e.code).toBe('MissingColumn');
    expect(e.message).toContain('ArrayInt32_0..ArrayInt32_9');
  });
});

describe('root: RNTuple', () => {
  it('reads the staff RNTuple (3354 entries; Category starts 202, 530, 316, 361; last Cost 12716 per UnROOT.jl tests)', async () => {
    const p = join(ROOT_DIR, 'ntpl001_staff_rntuple_v1-0-0-0.root:Staff');
    const ds = await fmt.read(p, { features: ['Category', 'Age'], target: 'Cost' });
    expect(ds.n).toBe(3354);
    expect([...ds.features.Category.subarray(0, 4)]).toEqual([202, 530, 316, 361]);
    expect(ds.target![3353]).toBe(12716);
    const e = await caught(fmt.read(p, { features: ['Division'] }));
    expect(e.code).toBe('ParseError');
    expect(e.message).toContain('std::string');
  });

  it('reads vector fields by policy and std::array fields as columns', async () => {
    const p = join(ROOT_DIR, 'jsroot-rntuple_test.root');
    const count = await fmt.read(p, { features: ['VectInt', 'ArrayInt_0', 'ArrayInt_4'] }, { options: { jagged: 'count' } });
    const pad = await fmt.read(p, { features: ['VectInt_0'] }, { options: { jagged: 'pad', padLength: 1, fill: -1 } });
    const first = await fmt.read(p, { features: ['VectInt'] }, { options: { jagged: 'first', fill: -1 } });
    expect(count.n).toBe(10);
    expect(first.features.VectInt).toEqual(pad.features.VectInt_0);
    for (let i = 0; i < 10; i++) expect(first.features.VectInt[i] === -1).toBe(count.features.VectInt[i] === 0);
    expect((await caught(fmt.read(p, { features: ['VectInt'] }))).code).toBe('InvalidConfig');
  });
});

describe('root: errors name the file, tree and branch', () => {
  it('InvalidConfig for a jagged branch without a policy, and for pad without padLength', async () => {
    const e = await caught(fmt.read(hzz(), { features: ['Muon_Px'] }));
    expect(e.code).toBe('InvalidConfig');
    expect(e.message).toContain(`${hzz()}:events: branch "Muon_Px" is jagged`);
    expect((await caught(fmt.read(hzz(), { features: ['MET_px'] }, { options: { jagged: 'pad' } }))).code).toBe('InvalidConfig');
  });

  it('MissingItem for a missing tree, MissingColumn for a missing branch, ParseError for strings', async () => {
    const t = await caught(fmt.read(`${hzz()}:Events`, { features: ['MET_px'] }));
    expect(t.code).toBe('MissingItem');
    expect(t.message).toContain('no tree "Events"; the file holds: events (TTree)');
    const b = await caught(fmt.read(hzz(), { features: ['MET_pz'] }));
    expect(b.code).toBe('MissingColumn');
    expect(b.message).toContain(`${hzz()}:events`);
    expect(b.message).toContain('MET_px');
    const s = await caught(fmt.read(join(ROOT_DIR, 'uproot-simple.root'), { features: ['one', 'three'] }));
    expect(s.code).toBe('ParseError');
    expect(s.message).toContain('branch "three" holds strings');
  });

  it('FileUnreadable for missing, truncated and damaged files; ParseError for a foreign file', async () => {
    expect((await caught(fmt.read(join(dir, 'none.root'), { features: ['x'] }))).code).toBe('FileUnreadable');
    const cut = join(dir, 'cut.root');
    await copyFile(hzz(), cut);
    await truncate(cut, 100_000);
    const t = await caught(fmt.read(cut, { features: ['MET_px'] }));
    expect(t.code).toBe('FileUnreadable');
    expect(t.message).toContain('truncated');
    // scramble the baskets but keep the tree metadata (written last) intact
    const bytes = await readFile(hzz());
    for (let i = 300; i < bytes.length - 40_000; i += 7) bytes[i] = (i * 7919) & 0xff;
    const bad = join(dir, 'damaged.root');
    await writeFile(bad, bytes);
    expect((await caught(fmt.read(bad, { features: ['MET_px', 'Muon_Px'] }, { options: { jagged: 'count' } }))).code).toBe('FileUnreadable');
    const junk = join(dir, 'junk.root');
    await writeFile(junk, 'not a root file at all, just text');
    expect((await caught(fmt.read(junk, { features: ['x'] }))).code).toBe('ParseError');
  });
});
