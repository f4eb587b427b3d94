import { describe, expect, it } from 'vitest';
import { HepuqError, Rng, regressionPrediction, type MetricInput } from '@hepuq/core';
import { defaultMetricKeys } from '../default-metrics.js';
import { probStatPullsMetric, statPullsMetric } from './stat-pulls.metric.js';

/**
 * A prediction whose mean scatters around the true function f with standard deviation s_true, and
 * which claims sigma_stat = k s_true (k = 1: calibrated); the sampled target adds sigma_syst noise.
 */
function toy(n: number, k: number, seed: number): MetricInput {
  const rng = new Rng(seed);
  const f = Float32Array.from({ length: n }, () => rng.uniform() * 4);
  const sTrue = Float32Array.from({ length: n }, () => 0.02 + 0.05 * rng.uniform());
  const mean = Float32Array.from(f, (v, i) => v + sTrue[i] * rng.normal());
  const syst = new Float32Array(n).fill(0.3);
  const truth = Float32Array.from(f, (v) => v + 0.3 * rng.normal());
  return { prediction: regressionPrediction(mean, Float32Array.from(sTrue, (s) => k * s), syst), truth, extras: { true_mean: f } };
}

describe('stat-pulls (stat-only calibration against the true function)', () => {
  it('has std 1 and nominal coverage for a calibrated sigma_stat, and 1/k for one k times too wide', () => {
    // 20000 events: std error 0.005, coverage error 0.0033 (68%), 0.0015 (95%); 4 sigma bands
    const ok = statPullsMetric.compute(toy(20_000, 1, 1)).values;
    expect(Math.abs(ok.stat_pull_std.value - 1)).toBeLessThan(0.02);
    expect(Math.abs(ok.stat_pull_mean.value)).toBeLessThan(0.03);
    expect(Math.abs(ok.stat_coverage_68.value - 0.6827)).toBeLessThan(0.014);
    expect(Math.abs(ok.stat_coverage_95.value - 0.9545)).toBeLessThan(0.006);
    expect(ok.stat_pull_excluded.value).toBe(0);
    const wide = statPullsMetric.compute(toy(20_000, 2, 1)).values;
    expect(Math.abs(wide.stat_pull_std.value - 0.5)).toBeLessThan(0.01);
    expect(wide.stat_coverage_68.value).toBeGreaterThan(0.93);
  });

  it('pins the pulls on a hand-computed case: t = (f - mean) / sigma_stat, not the sampled target', () => {
    const prediction = regressionPrediction(Float32Array.of(1, 2, 3), Float32Array.of(0.5, 1, 0.25), Float32Array.of(9, 9, 9));
    // t = (1.5-1)/0.5 = 1, (2-2)/1 = 0, (2.75-3)/0.25 = -1: mean 0, Bessel std 1; |t| <= 1 for all three
    const v = statPullsMetric.compute({ prediction, truth: Float32Array.of(100, -100, 7), extras: { true_mean: Float32Array.of(1.5, 2, 2.75) } }).values;
    expect(v.stat_pull_mean.value).toBeCloseTo(0, 6);
    expect(v.stat_pull_std.value).toBeCloseTo(1, 6);
    expect(v.stat_coverage_68.value).toBe(1);
  });

  it('leaves out and counts events whose sigma_stat is exactly 0', () => {
    const prediction = regressionPrediction(Float32Array.of(1, 2, 3, 4), Float32Array.of(0.5, 0, 1, 0.25), Float32Array.of(1, 1, 1, 1));
    const v = statPullsMetric.compute({ prediction, truth: Float32Array.of(0, 0, 0, 0), extras: { true_mean: Float32Array.of(1.5, 50, 3, 3.75) } }).values;
    // kept t = 1, 0, -1
    expect(v.stat_pull_excluded.value).toBe(1);
    expect(v.stat_pull_std.value).toBeCloseTo(1, 6);
  });

  it('applies only with a true_mean column and a nonzero sigma_stat; errors are clear', () => {
    const base = toy(10, 1, 2);
    expect(statPullsMetric.applies!(base)).toBe(true);
    expect(statPullsMetric.applies!({ ...base, extras: {} })).toBe(false);
    const noStat = { ...base, prediction: regressionPrediction(new Float32Array(10), new Float32Array(10), new Float32Array(10).fill(1)) };
    expect(statPullsMetric.applies!(noStat)).toBe(false);
    expect(defaultMetricKeys('regression', base)).toContain('stat-pulls');
    expect(defaultMetricKeys('regression', noStat)).not.toContain('stat-pulls');
    expect(() => statPullsMetric.compute({ ...base, extras: {} })).toThrow(expect.objectContaining({ code: 'MissingColumn' }));
    expect(() => statPullsMetric.compute(noStat)).toThrow(HepuqError);
    expect(() => statPullsMetric.compute({ ...base, extras: { true_mean: new Float32Array(3) } })).toThrow(expect.objectContaining({ code: 'ShapeMismatch' }));
    const negative = { ...base, prediction: regressionPrediction(new Float32Array(10), Float32Array.from({ length: 10 }, (_, i) => (i === 3 ? -1 : 1)), new Float32Array(10)) };
    expect(() => statPullsMetric.compute(negative)).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    const nan = Float32Array.from(base.extras!.true_mean);
    nan[4] = NaN;
    expect(() => statPullsMetric.compute({ ...base, extras: { true_mean: nan } })).toThrow(/row 5|event 4|NaN/);
  });

  it('the classifier variant pulls prob against true_prob with sigma_prob', () => {
    const prediction = { kind: 'classification' as const, prob: Float32Array.of(0.2, 0.5, 0.9), sigmaProb: Float32Array.of(0.1, 0.05, 0.05) };
    // t = (0.3-0.2)/0.1 = 1, (0.5-0.5)/0.05 = 0, (0.85-0.9)/0.05 = -1
    const input = { prediction, truth: Float32Array.of(0, 1, 1), extras: { true_prob: Float32Array.of(0.3, 0.5, 0.85) } };
    expect(probStatPullsMetric.applies!(input)).toBe(true);
    const v = probStatPullsMetric.compute(input).values;
    expect(v.stat_pull_std.value).toBeCloseTo(1, 5);
    // asked for by name only: a toy's true_prob may condition on a nuisance the classifier never sees
    expect(defaultMetricKeys('classification', input)).not.toContain('prob-stat-pulls');
  });
});
