import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { weightedMean, weightSummary } from '@hepuq/stats';
import {
  MassSculptOptions, massSculptBackgroundLogPdf, massSculptSignalLogPdf, massSculptToy, massSculptTrueProb,
} from './mass-sculpt.toy.js';
import { calibrationPull, moments, ofClass, thrown } from './spec-helpers.js';

const DEFAULTS = MassSculptOptions.parse({});

/** Midpoint-rule integral of exp(logPdf) on [lo, hi] with m points. */
function integrate(logPdf: (x: number) => number, lo: number, hi: number, m = 20_000): number {
  const h = (hi - lo) / m;
  let s = 0;
  for (let i = 0; i < m; i++) s += Math.exp(logPdf(lo + (i + 0.5) * h));
  return s * h;
}

/** Mean background mass among background events passing prob > cut, with its standard error. */
function passingBackgroundMass(label: Float32Array, m: Float32Array, prob: Float32Array, cut: number) {
  const bProb = ofClass(label, prob, 0);
  const sel = ofClass(label, m, 0).filter((_, j) => bProb[j] > cut);
  const w = new Float64Array(sel.length).fill(1);
  return weightedMean(sel, w, weightSummary(w));
}

describe('mass-sculpt', () => {
  const ds = massSculptToy.generate(100_000, {}, new Rng(31));
  const label = ds.label!;

  it('draws the background mass from the truncated exponential and the signal mass from N(100, 10)', () => {
    const b = ofClass(label, ds.nuisances.m, 0);
    expect(b.every((m) => m >= 50 && m <= 200)).toBe(true);
    // truncated exponential mean a + 1/l - (b - a) e^{-l (b-a)} / (1 - e^{-l (b-a)}); std ~ 1/l = 33 over 5e4
    // events gives a standard error of 0.15; allow 0.6
    const l = DEFAULTS.slope;
    const q = Math.exp(-l * 150);
    expect(Math.abs(moments(b).mean - (50 + 1 / l - (150 * q) / (1 - q)))).toBeLessThan(0.6);
    const s = moments(ofClass(label, ds.nuisances.m, 1));
    // 5e4 signal events: standard error 10 / 224 = 0.045 on the mean, 0.03 on the std; allow 0.2 / 0.15
    expect(Math.abs(s.mean - 100)).toBeLessThan(0.2);
    expect(Math.abs(s.std - 10)).toBeLessThan(0.15);
    // x1 measures m with resolution 10; x2 is independent of m in the background
    const x1 = ofClass(label, ds.features.x1, 0);
    const d = Float64Array.from(x1, (v, i) => v - b[i]);
    expect(Math.abs(moments(d).std - 10)).toBeLessThan(0.15);
  });

  it('has normalised x1 densities (closed-form background convolution) and a calibrated posterior', () => {
    // the midpoint rule on 2e4 points of smooth densities is exact to ~1e-8; 1e-6 leaves room
    expect(integrate((x) => massSculptBackgroundLogPdf(x, DEFAULTS), -50, 350)).toBeCloseTo(1, 6);
    expect(integrate((x) => massSculptSignalLogPdf(x, DEFAULTS), -50, 250)).toBeCloseTo(1, 6);
    const steep = { ...DEFAULTS, slope: 0.2, resolution: 3, mMin: 0, mMax: 10 };
    expect(integrate((x) => massSculptBackgroundLogPdf(x, steep), -40, 60)).toBeCloseTo(1, 6);
    // far tails stay finite (no 0/0 from cancelling Phi differences)
    expect(Number.isFinite(massSculptBackgroundLogPdf(400, DEFAULTS))).toBe(true);
    expect(massSculptTrueProb(1000, 0, DEFAULTS)).toBeGreaterThanOrEqual(0);
    // exact truth: the worst of 10 bin pulls exceeds 4 with probability ~6e-4
    expect(calibrationPull(label, ds.extras.true_prob)).toBeLessThan(4);
    expect(calibrationPull(label, ds.extras.true_prob_x2)).toBeLessThan(4);
  });

  it('a cut on the full posterior sculpts the background mass; a cut on x2 alone does not', () => {
    const before = moments(ofClass(label, ds.nuisances.m, 0)).mean;
    const sculpted = passingBackgroundMass(label, ds.nuisances.m, ds.extras.true_prob, 0.8);
    const flat = passingBackgroundMass(label, ds.nuisances.m, ds.extras.true_prob_x2, 0.8);
    // the full posterior pulls passing background towards the signal peak: the mean moves by > 10 GeV
    expect(sculpted.value - before).toBeGreaterThan(10);
    // x2 is independent of m for background: the passing mean agrees with the inclusive one within 4 errors
    // (the inclusive mean's own error is smaller by sqrt of the pass fraction and is neglected)
    expect(Math.abs(flat.value - before)).toBeLessThan(4 * flat.error!);
  });

  it('rejects bad options naming them', () => {
    const rng = new Rng(0);
    expect(thrown(() => massSculptToy.generate(10, { mMin: 200, mMax: 100 }, rng)).message).toMatch(/options\.mMax.*mMin < mMax/);
    expect(thrown(() => massSculptToy.generate(10, { slope: 0 }, rng)).message).toMatch(/options\.slope/);
    expect(thrown(() => massSculptToy.generate(10, { mass: 1 } as never, rng)).code).toBe('InvalidConfig');
  });
});
