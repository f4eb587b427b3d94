import { Rng } from '@hepuq/core';
import { type MlpArchitecture } from '@hepuq/nn';
import { describe, expect, it } from 'vitest';
import { DeepEnsembleOptions, BootstrapEnsembleOptions, RepulsiveEnsembleOptions } from '../methods/ensemble-options.js';
import { planMembers, poissonWeights } from './member-plan.js';

const arch: MlpArchitecture = { inputs: 1, hidden: [4], outputs: 2, activation: 'relu' };
const ones = new Float32Array(1000).fill(1);
const same = (a: Float32Array[], b: Float32Array[]) => a.every((x, i) => x.every((v, j) => v === b[i][j]));

describe('planMembers', () => {
  it('deep: own init and order per member; repulsive draws the very same members', () => {
    const deep = planMembers('deep', [arch], DeepEnsembleOptions.parse({ members: 3 }), ones, new Rng(5));
    const rep = planMembers('repulsive', [arch], RepulsiveEnsembleOptions.parse({ members: 3 }), ones, new Rng(5));
    expect(same(deep.inits[0], deep.inits[1])).toBe(false);
    expect(Array.from(deep.orders[0])).not.toEqual(Array.from(deep.orders[1]));
    deep.inits.forEach((init, m) => expect(same(init, rep.inits[m])).toBe(true));
    deep.orders.forEach((order, m) => expect(Array.from(order)).toEqual(Array.from(rep.orders[m])));
    expect(deep.weights.every((w) => w === ones)).toBe(true);
  });

  it('deep with batchOrder shared: identical orders, still different inits', () => {
    const plan = planMembers('deep', [arch], DeepEnsembleOptions.parse({ members: 2, batchOrder: 'shared' }), ones, new Rng(5));
    expect(Array.from(plan.orders[0])).toEqual(Array.from(plan.orders[1]));
    expect(same(plan.inits[0], plan.inits[1])).toBe(false);
  });

  it('bootstrap: one init and one order for all members, Poisson weights per member; varyInit varies the init only', () => {
    const plan = planMembers('bootstrap', [arch], BootstrapEnsembleOptions.parse({ members: 3 }), ones, new Rng(5));
    expect(same(plan.inits[0], plan.inits[2])).toBe(true);
    expect(Array.from(plan.orders[0])).toEqual(Array.from(plan.orders[2]));
    expect(Array.from(plan.weights[0])).not.toEqual(Array.from(plan.weights[1]));
    const vary = planMembers('bootstrap', [arch], BootstrapEnsembleOptions.parse({ members: 3, varyInit: true }), ones, new Rng(5));
    expect(same(vary.inits[0], vary.inits[2])).toBe(false);
    vary.weights.forEach((w, m) => expect(Array.from(w)).toEqual(Array.from(plan.weights[m])));
    const flat = planMembers('bootstrap', [arch], BootstrapEnsembleOptions.parse({ members: 2, resample: false }), ones, new Rng(5));
    expect(flat.weights.every((w) => w === ones)).toBe(true);
  });
});

describe('poissonWeights', () => {
  it('multiplies Poisson(1) counts into the weights and renormalises to mean 1', () => {
    const base = Float32Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 0.5 : 1.5));
    const w = poissonWeights(base, new Rng(3));
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    let zeros = 0;
    w.forEach((v) => (zeros += v === 0 ? 1 : 0));
    expect(Math.abs(mean - 1)).toBeLessThan(1e-4);
    // P(k = 0) = e^-1 = 0.368; binomial sd over 2e4 events is 0.0034, we allow 0.015
    expect(Math.abs(zeros / w.length - Math.exp(-1))).toBeLessThan(0.015);
  });

  it('refuses a replica whose total weight is not positive (negative MC weights)', () => {
    expect(() => poissonWeights(Float32Array.from([-1, -2, -3]), new Rng(1))).toThrow(/total event weight/);
  });
});
