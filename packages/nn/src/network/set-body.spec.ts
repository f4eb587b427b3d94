import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Dataset, EventBus, HepuqError, ParticleSet, particleSetFromJagged, Rng } from '@hepuq/core';
import { DenseNetwork } from './dense-network.js';
import { planNetwork } from './network-bodies.js';

/** Jagged random events: particles (pt, eta, phi), 1..maxLen per event. */
function jagged(n: number, maxLen: number, seed: number): { pt: number[][]; eta: number[][]; phi: number[][] } {
  const rng = new Rng(seed);
  const out = { pt: [] as number[][], eta: [] as number[][], phi: [] as number[][] };
  for (let i = 0; i < n; i++) {
    const len = 1 + rng.int(maxLen);
    out.pt.push(Array.from({ length: len }, () => 0.01 + rng.uniform()));
    out.eta.push(Array.from({ length: len }, () => rng.normal(0, 0.3)));
    out.phi.push(Array.from({ length: len }, () => rng.normal(0, 0.3)));
  }
  return out;
}

function setData(cols: { pt: number[][]; eta: number[][]; phi: number[][] }, size: number, orderBy?: string): Dataset {
  const set = particleSetFromJagged({ features: ['pt', 'eta', 'phi'], columns: cols, size, orderBy, name: 'parts' });
  const mult = Float32Array.from(cols.pt, (p) => p.length);
  return new Dataset({ features: { mult }, sets: { parts: set }, source: 'test' });
}

const events = new EventBus();

/** Assert that `fn` throws a HepuqError with `code` and a message matching `message`. */
function expectError(fn: () => unknown, code: string, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(HepuqError);
  expect((error as HepuqError).code).toBe(code);
  expect((error as HepuqError).message).toMatch(message);
}

/** A freshly initialised network of `body` planned on `train`, and its scalar output on `data`. */
function network(train: Dataset, use: string, options: Record<string, unknown> = {}): { net: DenseNetwork; out: (d: Dataset) => Float32Array } {
  const plan = planNetwork(train, { use, options }, { outputs: 1, hidden: [16], activation: 'elu' }, { events, method: 'test' });
  const net = DenseNetwork.create(plan, new Rng(3));
  return { net, out: (d) => net.evaluate(d, (o) => ({ y: o.reshape([-1]) })).y };
}

/** Event 0 of `cols` with its first particle split into two collinear halves of its pT. */
function splitFirst(cols: { pt: number[][]; eta: number[][]; phi: number[][] }) {
  const copy = { pt: cols.pt.map((p) => [...p]), eta: cols.eta.map((p) => [...p]), phi: cols.phi.map((p) => [...p]) };
  const half = copy.pt[0][0] / 2;
  copy.pt[0].splice(0, 1, half, half);
  copy.eta[0].splice(0, 0, copy.eta[0][0]);
  copy.phi[0].splice(0, 0, copy.phi[0][0]);
  return copy;
}

describe('set network bodies', () => {
  const cols = jagged(40, 6, 1);
  const data = setData(cols, 8);

  it('are invariant under permutations of the particles and under extra padding', () => {
    const { net, out } = network(data, 'pfn', { phi: [8, 4] });
    const reversed = { pt: cols.pt.map((p) => [...p].reverse()), eta: cols.eta.map((p) => [...p].reverse()), phi: cols.phi.map((p) => [...p].reverse()) };
    const base = out(data);
    const perm = out(setData(reversed, 8));
    const padded = out(setData(cols, 20));
    for (let i = 0; i < data.n; i++) {
      expect(perm[i]).toBeCloseTo(base[i], 5);
      expect(padded[i]).toBeCloseTo(base[i], 5);
    }
    net.dispose();
  });

  it('efn is infrared and collinear safe; pfn is not', () => {
    const split = setData(splitFirst(cols), 8);
    const soft = { pt: cols.pt.map((p) => [...p, 1e-9]), eta: cols.eta.map((p) => [...p, 0.5]), phi: cols.phi.map((p) => [...p, -0.5]) };
    const efn = network(data, 'efn', { phi: [8, 4] });
    const base = efn.out(data);
    expect(efn.out(split)[0]).toBeCloseTo(base[0], 5);
    const withSoft = efn.out(setData(soft, 8));
    for (let i = 0; i < data.n; i++) expect(withSoft[i]).toBeCloseTo(base[i], 5);
    const pfn = network(data, 'pfn', { phi: [8, 4] });
    // a sum over Phi(p_i) counts the split particle twice: its output moves by O(1) of the output scale
    expect(Math.abs(pfn.out(split)[0] - pfn.out(data)[0])).toBeGreaterThan(1e-3);
    efn.net.dispose();
    pfn.net.dispose();
  });

  it('mean pooling and flat features plan stacks of the right widths', () => {
    const plan = planNetwork(data, { use: 'deep-sets', options: { pooling: 'mean', phi: [5, 3], f: [7], flat: ['mult'], features: ['eta', 'phi'] } }, { outputs: 2, hidden: [16], activation: 'relu' }, { events, method: 'test' });
    expect(plan.stacks.map((s) => [s.name, s.inputs, s.hidden, s.outputs, s.activateOutput])).toEqual([
      ['phi', 2, [5], 3, true],
      ['f', 4, [7], 2, false],
    ]);
    const inputs = plan.inputs(data);
    expect(inputs.particles.width).toBe(8 * 2);
    // mean pooling: the weights of an event sum to 1
    const w = inputs.pool.values;
    expect(w.subarray(0, 8).reduce((a, v) => a + v, 0)).toBeCloseTo(1, 6);
  });

  it('warn about truncated sets with the counts, and refuse what they cannot pool', () => {
    const warnings: string[] = [];
    const bus = new EventBus();
    bus.events$.subscribe((e) => e.type === 'log:warn' && warnings.push(e.payload.message));
    const short = setData(cols, 3, 'pt');
    const excess = cols.pt.reduce((a, p) => a + Math.max(0, p.length - 3), 0);
    planNetwork(short, { use: 'pfn', options: {} }, { outputs: 1, hidden: [4], activation: 'relu' }, { events: bus, method: 'het-mlp' });
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`het-mlp: particle set "parts": when it was read, \\d+ events had more than 3 particles; ${excess} particles were dropped`))]);

    const empty = { pt: [[1], []], eta: [[0], []], phi: [[0], []] };
    const emptyData = setData(empty, 2);
    const plan = (d: Dataset, use: string, options: Record<string, unknown> = {}) =>
      planNetwork(d, { use, options }, { outputs: 1, hidden: [4], activation: 'relu' }, { events, method: 'test' });
    expectError(() => plan(emptyData, 'pfn').inputs(emptyData), 'EmptySet', /particle set "parts" row 2 has no particles/);
    expectError(() => plan(data, 'efn', { features: ['pt', 'eta'] }), 'InvalidConfig', /"pt" cannot be an input of Phi/);
    expect(plan(data, 'efn').stacks[0].inputs).toBe(2); // default: the angular features eta, phi only
    const withE = setData(cols, 8);
    const e = new ParticleSet({ features: ['pt', 'eta', 'phi', 'e'], size: 8, values: new Float32Array(withE.n * 8 * 4), mask: withE.sets.parts.mask }, 'parts');
    const four = new Dataset({ features: { mult: withE.features.mult }, sets: { parts: e } });
    expect(plan(four, 'efn').stacks[0].inputs).toBe(2);
    expectError(() => plan(four, 'efn', { features: ['eta', 'phi', 'e'] }), 'InvalidConfig', /"e" cannot be an input of Phi/);
    expectError(() => plan(data, 'pfn', { features: ['eta', 'mass'] }), 'ShapeMismatch', /lacks the feature\(s\) mass/);
    expectError(() => plan(data, 'pfn', { phi: [] }), 'InvalidConfig', /network\.options\.phi/);
    const flat = new Dataset({ features: { a: new Float32Array(3) }, source: 'flat.csv' });
    expectError(() => plan(flat, 'deep-sets'), 'InvalidConfig', /flat\.csv: the deep-sets network needs a particle set; the data has none/);
    expectError(() => plan(data, 'acme/none'), 'UnknownKey', /acme\/none/);
  });

  it('particle sets check their mask against their values', () => {
    const make = (values: number, mask: number[]) => new ParticleSet({ features: ['a', 'b'], size: 2, values: new Float32Array(values), mask: Uint8Array.from(mask) }, 'parts', 'f.h5');
    expect(make(8, [1, 0, 1, 1]).counts()).toEqual(Int32Array.of(1, 2));
    expect(() => make(6, [1, 0, 1, 1])).toThrow(/6 values do not fill 2 events x 2 particles x 2 features/);
    expect(() => make(8, [1, 2, 1, 1])).toThrow(/mask row 1 slot 1 is 2/);
    const nan = make(8, [1, 0, 1, 1]);
    nan.values[5] = Number.NaN;
    expect(() => nan.assertFinite('parts', 'f.h5')).toThrow(HepuqError);
    expect(() => nan.assertFinite('parts', 'f.h5')).toThrow('f.h5: particle set "parts" row 2, particle 1, feature "b" is NaN');
    // padding is not looked at
    nan.values[5] = 0;
    nan.values[3] = Number.NaN;
    expect(() => nan.assertFinite('parts', 'f.h5')).not.toThrow();
  });

  it('keep no tensors after training and disposal', async () => {
    const before = tf.memory().numTensors;
    const { net, out } = network(data, 'efn', { phi: [4, 4] });
    await net.train(data, Float32Array.from({ length: data.n }, (_, i) => i % 2), (o, y, w) => tf.mean(tf.mul(w, tf.square(tf.sub(o, y)))) as tf.Scalar, {
      epochs: 2, batchSize: 16, lr: 1e-3, lrFinal: 1, rng: new Rng(2), events, method: 'test',
    });
    out(data);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
