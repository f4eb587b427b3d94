import { describe, expect, it } from 'vitest';
import { regressionPrediction, Rng } from '@hepuq/core';
import { pullSlicesMetric } from './pull-slices.metric.js';
import { relativeAccuracyMetric } from './relative-accuracy.metric.js';

describe('pull over phase space', () => {
  it('finds the slice where sigma is underestimated', () => {
    const rng = new Rng(2);
    const n = 20_000;
    const x = Float32Array.from({ length: n }, () => rng.uniform() * 2 - 1);
    // true noise 1 everywhere; predicted sigma 0.5 for x > 0.6 (the top 2 of 10 slices): pull std 2 there
    const sigma = Float32Array.from(x, (v) => (v > 0.6 ? 0.5 : 1));
    const truth = rng.normalArray(n);
    const out = pullSlicesMetric.compute({ prediction: regressionPrediction(new Float32Array(n), new Float32Array(n), sigma), truth, features: { 'p_T [GeV]': x } });
    // 2000 events per slice: pull std error 1/sqrt(4000) ~ 0.016 (0.03 at std 2); allow 0.08
    expect(Math.abs(out.values.pull_std_max_p_t_gev.value - 2)).toBeLessThan(0.08);
    expect(Math.abs(out.values.pull_std_min_p_t_gev.value - 1)).toBeLessThan(0.08);
    const rows = (out.plots!.pullSlices as Record<string, { low: number; std: number }[]>)['p_T [GeV]'];
    expect(rows).toHaveLength(10);
    expect(rows[9].low).toBeGreaterThan(0.55);
  });

  it('does not apply without features', () => {
    expect(pullSlicesMetric.applies!({ prediction: regressionPrediction(Float32Array.of(0), Float32Array.of(0), Float32Array.of(1)), truth: Float32Array.of(0) })).toBe(false);
  });
});

describe('relative accuracy', () => {
  it('pins Delta = (mu - y)/y and leaves out y = 0', () => {
    const p = regressionPrediction(Float32Array.of(2, 3, 1), new Float32Array(3), Float32Array.of(1, 1, 1));
    const v = relativeAccuracyMetric.compute({ prediction: p, truth: Float32Array.of(1, 2, 0) }).values;
    // Delta = 1, 0.5: mean 0.75, Bessel std sqrt(0.125)
    expect(v.delta_mean.value).toBeCloseTo(0.75, 6);
    expect(v.delta_std.value).toBeCloseTo(Math.sqrt(0.125), 6);
    expect(v.delta_excluded.value).toBe(1);
  });
});
