import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { massSculptToy } from '@hepuq/datasets';
import { jsdBits, sculptingJsd } from './sculpting-jsd.js';

const ds = massSculptToy.generate(40_000, {}, new Rng(8));
const label = ds.label!;
const m = ds.nuisances.m;

describe('sculptingJsd', () => {
  it('computes the base-2 JSD of histograms', () => {
    expect(jsdBits(Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 6))).toBe(0);
    expect(jsdBits(Float64Array.of(1, 0), Float64Array.of(0, 5))).toBeCloseTo(1, 14);
    // P = (1, 0), Q = (1/2, 1/2), M = (3/4, 1/4): KL(P||M) = log2(4/3), KL(Q||M) = (log2(2/3) + 1) / 2
    expect(jsdBits(Float64Array.of(1, 0), Float64Array.of(1, 1))).toBeCloseTo(0.5 * (Math.log2(4 / 3) + 0.5 * (Math.log2(2 / 3) + 1)), 14);
  });

  it('stays at the finite-sample floor for a cut independent of m', () => {
    const r = sculptingJsd(ds.extras.true_prob_x2, label, ds.weights, m, { signalEfficiency: 0.5 });
    // background passing x2 above the signal median (x2 > 1): 1 - Phi(1) = 16% of 2e4 background events, ~3200.
    // Floor (bins - 1)(1/N_pass - 1/N_all)/(8 ln 2) = 29 * 2.6e-4 / 5.55 = 1.4e-3 bits; the estimate fluctuates
    // about it by a similar amount, so allow 4x the floor
    expect(r.value).toBeLessThan(4 * 1.4e-3);
    expect(r.error).toBeGreaterThan(0);
    // the threshold keeps half the signal: 2e4 signal events, binomial std of the fraction 0.0035
    let kept = 0;
    let total = 0;
    for (let i = 0; i < ds.n; i++) {
      if (label[i] !== 1) continue;
      total++;
      if (ds.extras.true_prob_x2[i] >= r.threshold) kept++;
    }
    expect(Math.abs(kept / total - 0.5)).toBeLessThan(0.001);
  });

  it('is large for a cut that uses the mass and for a mass window', () => {
    const sculpted = sculptingJsd(ds.extras.true_prob, label, ds.weights, m, { signalEfficiency: 0.5 });
    const floor = sculptingJsd(ds.extras.true_prob_x2, label, ds.weights, m, { signalEfficiency: 0.5 });
    // the full posterior selects x1 (the measured mass) near the signal peak: the passing background mass is
    // a peak, not the falling spectrum; tens of bootstrap errors above the m-independent cut
    expect(sculpted.value).toBeGreaterThan(0.1);
    expect(sculpted.value - floor.value).toBeGreaterThan(20 * sculpted.error);
    const window = Float32Array.from(m, (v) => (Math.abs(v - 100) < 10 ? 1 : 0));
    const cut = sculptingJsd(window, label, ds.weights, m, { signalEfficiency: 0.5 });
    expect(cut.value).toBeGreaterThan(0.5);
    // passing vs failing separates more than passing vs all (all contains the passing events)
    expect(sculptingJsd(window, label, ds.weights, m, { signalEfficiency: 0.5, reference: 'failing' }).value).toBeGreaterThan(cut.value);
  });

  it('rejects bad input with catalog errors', () => {
    expect(() => sculptingJsd(ds.extras.true_prob, label, ds.weights, m, { range: [2, 1] })).toThrow(/options: range/);
    expect(() => sculptingJsd(Float32Array.of(0.5, 0.6), Float32Array.of(0, 0), Float32Array.of(1, 1), Float32Array.of(1, 2))).toThrow(/signal/);
    expect(() => sculptingJsd(Float32Array.of(0.5), Float32Array.of(0, 1), Float32Array.of(1), Float32Array.of(1))).toThrow(/must match/);
  });
});
