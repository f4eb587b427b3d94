import { describe, expect, it } from 'vitest';
import { HepuqError } from '../errors/hepuq-error.js';
import { FileSource } from './data-source.js';
import { Dataset } from './dataset.js';
import { ParticleSet } from './particle-set.js';
import { particleSetFromSource, type RaggedColumn } from './particle-set-source.js';
import { wrapPhi } from './set-kinematics.js';
import { SetSource, setFeatureNames } from './set-source.js';

const P4 = { e: 'E', px: 'PX', py: 'PY', pz: 'PZ' };
const issues = (value: unknown) => {
  const r = SetSource.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const thrown = (f: () => unknown): HepuqError => {
  try {
    f();
  } catch (e) {
    if (e instanceof HepuqError) return e;
    throw e;
  }
  throw new Error('expected a HepuqError');
};

/** Ragged columns from per-event lists. */
function ragged(events: number[][]): RaggedColumn {
  const offsets = Int32Array.from([0, ...events.map((_, i) => events.slice(0, i + 1).flat().length)]);
  return { offsets, values: Float32Array.from(events.flat()) };
}

/** A massless particle's four-momentum from (pt, eta, phi). */
const p4 = (pt: number, eta: number, phi: number) => ({ e: pt * Math.cosh(eta), px: pt * Math.cos(phi), py: pt * Math.sin(phi), pz: pt * Math.sinh(eta) });

function fourMomentumColumns(events: { pt: number; eta: number; phi: number }[][]): Record<string, RaggedColumn> {
  const parts = events.map((ev) => ev.map((p) => p4(p.pt, p.eta, p.phi)));
  return Object.fromEntries((['e', 'px', 'py', 'pz'] as const).map((k) => [k, ragged(parts.map((ev) => ev.map((p) => p[k])))]));
}

describe('SetSource: the `sets:` entry of a file source', () => {
  it('names the output features: the columns, or pt, eta, phi, e renamed by the options, then the other columns', () => {
    const plain = SetSource.parse({ columns: { px: 'Jet_Px', py: 'Jet_Py' }, size: 4 });
    expect(setFeatureNames(plain)).toEqual(['px', 'py']);
    const cols = { e: 'E_{i}', px: 'PX_{i}', py: 'PY_{i}', pz: 'PZ_{i}', q: 'Q_{i}' };
    expect(setFeatureNames(SetSource.parse({ columns: cols, size: 4, preprocess: {} }))).toEqual(['pt', 'eta', 'phi', 'e', 'q']);
    const all = SetSource.parse({ columns: cols, size: 4, preprocess: { center: true, relativePt: true, log: ['pt', 'e'] } });
    expect(setFeatureNames(all)).toEqual(['log_rel_pt', 'deta', 'dphi', 'log_rel_e', 'q']);
    expect(setFeatureNames(SetSource.parse({ columns: cols, size: 4, preprocess: { log: ['e'] } }))).toEqual(['pt', 'eta', 'phi', 'log_e', 'q']);
  });

  it('rejects mixed column kinds, unknown orderBy, padding and fourMomentum features, with their paths', () => {
    expect(issues({ columns: { e: 'E_{i}', px: 'PX' }, size: 4 })).toEqual([expect.stringMatching(/^columns: give every column as an indexed family \(E_\{i\}\) or none; PX is not/)]);
    expect(issues({ columns: { e: 'E_{i}_{i}' }, size: 4 })).toEqual(['columns.e: "E_{i}_{i}" must contain {i} exactly once']);
    expect(issues({ columns: P4, size: 4, orderBy: 'pt' })).toEqual(['orderBy: "pt" is not a feature of the set; it has e, px, py, pz']);
    expect(issues({ columns: P4, size: 4, orderBy: 'pt', preprocess: {} })).toEqual([]);
    expect(issues({ columns: P4, size: 4, padding: 'all-zero' })).toEqual(['padding: applies to indexed columns (`E_{i}`) only; list columns have no empty slots']);
    expect(issues({ columns: { E: 'E_{i}' }, size: 4, padding: { feature: 'e' } })).toEqual(['padding.feature: "e" is not one of the columns (E)']);
    expect(issues({ columns: { E: 'E', PX: 'PX', PY: 'PY', PZ: 'PZ' }, size: 4, preprocess: {} })).toHaveLength(4);
    expect(issues({ columns: P4, size: 0 })).toEqual([expect.stringMatching(/^size: /)]);
    expect(issues({ columns: {}, size: 3 })).toEqual(['columns: name at least one column']);
  });

  it('lets a file source have no flat features when it reads a set, and keeps requiring one otherwise', () => {
    const sets = { constituents: { columns: { e: 'E_{i}' }, size: 20 } };
    expect(FileSource.safeParse({ path: 'jets.h5', label: 'is_signal_new', sets }).success).toBe(true);
    const none = FileSource.safeParse({ path: 'jets.h5', label: 'is_signal_new' });
    expect(none.success).toBe(false);
    expect(none.error!.issues[0]).toMatchObject({ path: ['features'], message: expect.stringContaining('or a particle set') });
  });
});

describe('preprocessing (formulas in docs/run-config.md, "Particle sets")', () => {
  const spec = (preprocess: object, extra: object = {}) => SetSource.parse({ columns: { e: 'E', px: 'PX', py: 'PY', pz: 'PZ' }, size: 8, preprocess, ...extra });

  it('derives pt, pseudorapidity, phi and e of massless particles', () => {
    const set = particleSetFromSource('c', spec({}), fourMomentumColumns([[{ pt: 30, eta: 1.2, phi: -2.5 }, { pt: 10, eta: -0.4, phi: 3 }]]), { source: 'toy' });
    expect(set.features).toEqual(['pt', 'eta', 'phi', 'e']);
    // float32 inputs: 1e-5 relative is ~100 float32 ulps
    expect(set.feature('pt')[0]).toBeCloseTo(30, 4);
    expect(set.feature('eta')[0]).toBeCloseTo(1.2, 5);
    expect(set.feature('phi')[1]).toBeCloseTo(3, 5);
    expect(set.feature('e')[1]).toBeCloseTo(10 * Math.cosh(-0.4), 4);
  });

  it('centres on the pT-weighted axis across the phi = pi cut, and makes pT and E fractions', () => {
    // two particles at phi = pi - 0.1 and -pi + 0.1 (0.2 apart across the cut); weights 3:1
    const ev = [{ pt: 30, eta: 0.5, phi: Math.PI - 0.1 }, { pt: 10, eta: 0.1, phi: -Math.PI + 0.1 }, { pt: 0.5, eta: 2, phi: 0 }];
    const set = particleSetFromSource('c', spec({ center: true, relativePt: true }), fourMomentumColumns([ev]), { source: 'toy' });
    expect(set.features).toEqual(['rel_pt', 'deta', 'dphi', 'rel_e']);
    const [rel, deta, dphi, relE] = ['rel_pt', 'deta', 'dphi', 'rel_e'].map((f) => [...set.feature(f)].slice(0, 3));
    expect(rel.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(relE.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // the pT-weighted means of deta and dphi vanish (float32 storage: 1e-6)
    expect(rel.reduce((s, w, k) => s + w * deta[k], 0)).toBeCloseTo(0, 6);
    expect(rel.reduce((s, w, k) => s + w * dphi[k], 0)).toBeCloseTo(0, 6);
    // the two hard particles stay 0.2 apart in phi, not 2 pi - 0.2
    expect(dphi[1] - dphi[0]).toBeCloseTo(0.2, 5);
    for (const v of dphi) expect(Math.abs(v)).toBeLessThanOrEqual(Math.PI);
  });

  it('takes logs, orders by a derived feature, pads and counts the truncation', () => {
    const events = [[{ pt: 1, eta: 0, phi: 0 }, { pt: 5, eta: 0, phi: 0.1 }, { pt: 3, eta: 0, phi: 0.2 }], [{ pt: 2, eta: 0, phi: 0 }]];
    const set = particleSetFromSource('c', SetSource.parse({ columns: P4Lower, size: 2, orderBy: 'log_pt', preprocess: { log: ['pt'] } }), fourMomentumColumns(events), { source: 'toy' });
    expect([...set.feature('log_pt')].map((v) => Math.exp(v))).toEqual([expect.closeTo(5, 5), expect.closeTo(3, 5), expect.closeTo(2, 5), 1]);
    expect([...set.mask]).toEqual([1, 1, 1, 0]);
    expect([set.truncatedEvents, set.droppedParticles]).toEqual([1, 1]);
  });

  it('refuses log of a value <= 0 and pt = 0, naming the row (counted from rowOffset) and particle', () => {
    const cols = { e: ragged([[0]]), px: ragged([[1]]), py: ragged([[0]]), pz: ragged([[0]]) };
    const log = thrown(() => particleSetFromSource('c', spec({ log: ['e'] }), cols, { source: 'f.h5', rowOffset: 9 }));
    expect(log.code).toBe('InvalidArgument');
    expect(log.message).toBe('f.h5: particle set "c" row 10, particle 1: log of "e" needs a value > 0, got 0');
    const beam = { e: ragged([[5, 5]]), px: ragged([[1, 0]]), py: ragged([[0, 0]]), pz: ragged([[0, 5]]) };
    const e = thrown(() => particleSetFromSource('c', spec({}), beam, { source: 'f.h5' }));
    expect(e.message).toContain('particle set "c" row 1, particle 2 has pt = 0');
  });

  it('wraps angles to (-pi, pi]', () => {
    expect(wrapPhi(Math.PI)).toBe(Math.PI);
    expect(wrapPhi(-Math.PI)).toBe(Math.PI);
    expect(wrapPhi(3 * Math.PI / 2)).toBeCloseTo(-Math.PI / 2, 12);
    expect(wrapPhi(-7)).toBeCloseTo(-7 + 2 * Math.PI, 12);
  });
});

const P4Lower = { e: 'e', px: 'px', py: 'py', pz: 'pz' };

describe('particleSetFromSource: checks at the boundary', () => {
  const spec = SetSource.parse({ columns: { px: 'Jet_Px', py: 'Jet_Py' }, size: 3 });

  it('ShapeMismatch naming the row when two columns list different numbers of particles', () => {
    const e = thrown(() => particleSetFromSource('jets', spec, { px: ragged([[1], [1, 2]]), py: ragged([[1], [1]]) }, { source: 'hzz.root:events', rowOffset: 100 }));
    expect(e.code).toBe('ShapeMismatch');
    expect(e.message).toBe('hzz.root:events: particle set "jets" row 102: "py" (Jet_Py) lists 1 particles, "px" (Jet_Px) 2');
  });

  it('NonFiniteValue naming row, particle, feature and column', () => {
    const e = thrown(() => particleSetFromSource('jets', spec, { px: ragged([[1], [1, NaN]]), py: ragged([[1], [1, 2]]) }, { source: 'f' }));
    expect(e.code).toBe('NonFiniteValue');
    expect(e.message).toBe('f: particle set "jets" row 2, particle 2: "px" (column Jet_Px) is NaN');
  });
});

describe('Dataset with sets and no flat features', () => {
  const set = new ParticleSet({ features: ['pt'], size: 2, values: Float32Array.from([1, 0, 2, 3]), mask: Uint8Array.from([1, 0, 1, 1]) });

  it('takes n from the first set, subsets and splits it, and has an empty feature matrix', () => {
    const ds = new Dataset({ features: {}, sets: { c: set }, label: Float32Array.from([0, 1]), source: 'jets.h5' });
    expect(ds.n).toBe(2);
    expect(ds.featureMatrix()).toEqual(new Float32Array(0));
    expect([...ds.subset([1]).sets.c.counts()]).toEqual([2]);
  });

  it('takes n from a label alone, and keeps the old error with neither', () => {
    expect(new Dataset({ features: {}, label: new Float32Array(3) }).n).toBe(3);
    expect(() => new Dataset({ features: {}, source: 'f.csv' })).toThrow('f.csv: a dataset needs at least one feature column');
    expect(() => new Dataset({ features: {}, sets: { c: set }, label: new Float32Array(3) })).toThrow(/column "label" has 3 rows, expected 2/);
  });
});
