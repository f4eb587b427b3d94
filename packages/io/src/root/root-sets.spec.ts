import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@hepuq/core';
import { caught } from '../spec-helpers.js';
import { rootFormat } from './root.format.js';

const HZZ = join(fileURLToPath(new URL('../../fixtures/root/', import.meta.url)), 'uproot-HZZ.root');
const fmt = rootFormat();
const JETS = { px: 'Jet_Px', py: 'Jet_Py', pz: 'Jet_Pz', e: 'Jet_E' };

// Reference: the same branches read by the existing flattening reader (one row per jet, checked against
// uproot in root.format.spec.ts) and the counter branch NJet written by the file's producer.
let njet: Float32Array;
let flat: Dataset;
beforeAll(async () => {
  njet = (await fmt.read(HZZ, { features: ['NJet'] })).features.NJet;
  flat = await fmt.read(HZZ, { features: Object.values(JETS) }, { options: { jagged: 'flatten' } });
});

describe('root: jagged branches as a particle set (uproot-HZZ.root jets)', () => {
  it('keeps every jet when size >= max NJet: counts equal NJet, values equal the flattened read in order', async () => {
    const most = Math.max(...njet);
    const ds = await fmt.read(HZZ, { features: [], sets: { jets: { columns: JETS, size: most } } });
    const jets = ds.sets.jets;
    expect(ds.n).toBe(2421);
    expect(ds.nFeatures).toBe(0);
    expect(jets.features).toEqual(['px', 'py', 'pz', 'e']);
    expect(Float32Array.from(jets.counts())).toEqual(njet);
    expect(jets.truncatedEvents).toBe(0);
    const real = (f: string) => jets.feature(f).filter((_, k) => jets.mask[k] === 1);
    expect(real('px')).toEqual(flat.features.Jet_Px);
    expect(real('e')).toEqual(flat.features.Jet_E);
    expect(flat.n).toBe(njet.reduce((a, b) => a + b, 0));
  });

  it('cuts to size, counts what was cut, and keeps the hardest jets with orderBy: pt', async () => {
    const size = 2;
    const ds = await fmt.read(HZZ, { features: ['NJet'], sets: { jets: { columns: JETS, size, orderBy: 'pt', preprocess: {} } } });
    const jets = ds.sets.jets;
    expect(jets.features).toEqual(['pt', 'eta', 'phi', 'e']);
    expect(jets.truncatedEvents).toBe(njet.filter((c) => c > size).length);
    expect(jets.droppedParticles).toBe(njet.reduce((s, c) => s + Math.max(0, c - size), 0));
    expect([jets.truncatedEvents, jets.droppedParticles]).toEqual([204, 244]);
    // each event's kept pts are its largest, in decreasing order
    const pts = jets.feature('pt');
    let at = 0;
    for (let i = 0; i < ds.n; i++) {
      const all = Array.from(flat.features.Jet_Px.subarray(at, at + njet[i]), (px, k) => Math.hypot(px, flat.features.Jet_Py[at + k])).sort((a, b) => b - a);
      at += njet[i];
      for (let p = 0; p < Math.min(size, all.length); p++) expect(pts[i * size + p]).toBeCloseTo(all[p], 3);
    }
  });

  it('streams sets in chunks equal to a whole read (rows counted from the start of the file)', async () => {
    const sel = { features: ['NJet'], sets: { jets: { columns: JETS, size: 4 } } };
    const whole = (await fmt.read(HZZ, sel)).sets.jets;
    const got: number[] = [];
    const sizes: number[] = [];
    for await (const c of fmt.readChunks!(HZZ, sel, 1000)) {
      sizes.push(c.n);
      got.push(...c.sets.jets.values);
    }
    expect(sizes).toEqual([1000, 1000, 421]);
    expect(Float32Array.from(got)).toEqual(whole.values);
    const ranged = await fmt.read(HZZ, sel, { start: 1, count: 1 });
    expect(ranged.sets.jets.values).toEqual(whole.values.subarray(16, 32));
  });
});

describe('root: RNTuple vector fields as a particle set (jsroot-rntuple_test.root)', () => {
  it('reads VectInt as one list per entry, its lengths equal to the count policy', async () => {
    const p = join(HZZ, '..', 'jsroot-rntuple_test.root');
    const count = await fmt.read(p, { features: ['VectInt'] }, { options: { jagged: 'count' } });
    const ds = await fmt.read(p, { features: [], sets: { v: { columns: { x: 'VectInt' }, size: 16 } } });
    expect(Float32Array.from(ds.sets.v.counts())).toEqual(count.features.VectInt);
    const first = await fmt.read(p, { features: ['VectInt'] }, { options: { jagged: 'first', fill: -1 } });
    const x = ds.sets.v.feature('x');
    for (let i = 0; i < 10; i++) if (count.features.VectInt[i] > 0) expect(x[i * 16]).toBe(first.features.VectInt[i]);
  });
});

describe('root: set errors name the file, tree, set, branch and row', () => {
  it('MissingColumn listing the branches; InvalidConfig for a scalar branch and for jagged: flatten', async () => {
    const m = await caught(fmt.read(HZZ, { features: [], sets: { jets: { columns: { px: 'Jet_PX' }, size: 2 } } }));
    expect(m.code).toBe('MissingColumn');
    expect(m.message).toMatch(/uproot-HZZ\.root:events: column "Jet_PX" not found; available: .*Jet_Px/);
    const s = await caught(fmt.read(HZZ, { features: [], sets: { jets: { columns: { n: 'NJet' }, size: 2 } } }));
    expect(s.code).toBe('InvalidConfig');
    expect(s.message).toContain('branch "NJet" holds one value per entry');
    const f = await caught(fmt.read(HZZ, { features: ['MET_px'], sets: { jets: { columns: JETS, size: 2 } } }, { options: { jagged: 'flatten' } }));
    expect(f.code).toBe('InvalidConfig');
    expect(f.plugin).toBe('@hepuq/io');
  });

  it('ShapeMismatch at the first event where two columns of a set differ in length', async () => {
    const counts = await fmt.read(HZZ, { features: ['NJet', 'NMuon'] });
    const first = counts.features.NJet.findIndex((c, i) => c !== counts.features.NMuon[i]);
    const e = await caught(fmt.read(HZZ, { features: [], sets: { mixed: { columns: { a: 'Jet_Px', b: 'Muon_Px' }, size: 4 } } }));
    expect(e.code).toBe('ShapeMismatch');
    expect(e.message).toContain(`particle set "mixed" row ${first + 1}: "b" (Muon_Px) lists ${counts.features.NMuon[first]} particles, "a" (Jet_Px) ${counts.features.NJet[first]}`);
    expect(e.plugin).toBe('@hepuq/io');
  });

  it('InvalidConfig naming the set key for bad set options', async () => {
    const e = await caught(fmt.read(HZZ, { features: [], sets: { jets: { columns: JETS, size: 2, orderBy: 'pt' } } }));
    expect(e.code).toBe('InvalidConfig');
    expect(e.message).toContain('sets.jets.orderBy: "pt" is not a feature of the set; it has px, py, pz, e');
  });
});
