import { describe, expect, it } from 'vitest';
import { HepuqError, Rng, regressionPrediction, type MetricInput, type MetricOutput, type MetricValue } from '@hepuq/core';
import { centralQuantile, normalCdf } from '../../special/normal.js';
import { binomialFraction, weightedMean, weightedStd, weightSummary } from '../../weighted/weighted-stats.js';
import { computeMetricOutputs } from '../compute-metrics.js';
import { builtinMetrics, defaultMetricKeys } from '../default-metrics.js';
import { calibrationFromPit } from './calibration-curve.js';
import { calibrationMetric } from './calibration.metric.js';
import { coverageMetric, createCoverageMetric, gaussianCoverage, SIGMA_LEVELS } from './coverage.metric.js';
import { crpsMetric } from './crps.metric.js';
import { gaussianCrps } from './gaussian-crps.js';
import { gaussianNllMetric } from './gaussian-nll.metric.js';
import { createIntervalScoreMetric, intervalScoreMetric } from './interval-score.metric.js';
import { intervalScore } from './interval-score.js';
import { pullHistogram } from './pull-histogram.js';
import { pullsMetric } from './pulls.metric.js';
import { rmseMetric } from './rmse.metric.js';
import { sharpnessMetric } from './sharpness.metric.js';

/** Heteroscedastic Gaussian events with MC weights, `negative` of them -0.5 (the rest 1 or 2.5). */
function events(n: number, seed: number, negative = 0.1): MetricInput {
  const rng = new Rng(seed);
  const mean = rng.normalArray(n, 3, 2);
  const sigma = Float32Array.from({ length: n }, () => 0.2 + 2 * rng.uniform());
  const truth = Float32Array.from(mean, (m, i) => m + 1.1 * sigma[i] * rng.normal());
  const weights = Float32Array.from({ length: n }, () => (rng.uniform() < negative ? -0.5 : rng.uniform() < 0.5 ? 1 : 2.5));
  return { prediction: regressionPrediction(mean, new Float32Array(n), sigma), truth, weights };
}

/** The default regression set computed the straightforward way: one float64 array per quantity, then weighted moments. */
function reference(input: MetricInput): Record<string, MetricValue> {
  if (input.prediction.kind !== 'regression') throw new Error('regression input expected');
  const { mean, sigmaTot: sigma } = input.prediction;
  const { truth } = input;
  const w = input.weights ?? new Float32Array(truth.length).fill(1);
  const summary = weightSummary(w);
  const n = truth.length;
  const per = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const t = per((i) => (truth[i] - mean[i]) / sigma[i]);
  const pull = weightedStd(t, w, summary);
  const mse = weightedMean(per((i) => (mean[i] - truth[i]) ** 2), w, summary);
  const ms = weightedMean(per((i) => sigma[i] * sigma[i]), w, summary);
  const [c68, c95] = gaussianCoverage(mean, sigma, truth, w, summary, SIGMA_LEVELS);
  const out: Record<string, MetricValue> = {
    pull_mean: pull.mean,
    pull_std: { value: pull.value, error: pull.error },
    coverage_68: c68,
    coverage_95: c95,
    nll: weightedMean(per((i) => 0.5 * Math.log(2 * Math.PI) + Math.log(sigma[i]) + 0.5 * t[i] * t[i]), w, summary),
    rmse: { value: Math.sqrt(mse.value), error: (mse.error ?? 0) / (2 * Math.sqrt(mse.value)) },
    mae: weightedMean(per((i) => Math.abs(mean[i] - truth[i])), w, summary),
    crps: weightedMean(per((i) => gaussianCrps(truth[i], mean[i], sigma[i])), w, summary),
    sharpness: { value: Math.sqrt(ms.value), error: (ms.error ?? 0) / (2 * Math.sqrt(ms.value)) },
    sigma_mean: weightedMean(per((i) => sigma[i]), w, summary),
  };
  for (const [name, level] of [['68', SIGMA_LEVELS[0]], ['95', SIGMA_LEVELS[1]]] as const) {
    const z = centralQuantile(level);
    out[`interval_score_${name}`] = weightedMean(per((i) => intervalScore(truth[i], mean[i] - z * sigma[i], mean[i] + z * sigma[i], 1 - level)), w, summary);
  }
  const pit = per((i) => normalCdf(t[i]));
  Object.assign(out, calibrationFromPit(pit, w, summary, { levels: [] }).values);
  return out;
}

// The fused passes sum the same float64 terms in the same event order as the reference, so today they
// agree bit for bit, except the NLL's error, whose central moment comes from sums shifted by a pilot
// (a few ulps: 3e-15 relative at 10^4 events, 1.5e-14 at 10^6); 1e-12 relative leaves room for that
// and for a reordering of the sums, and still catches any change of definition, which moves a value
// by far more.
const REL = 1e-12;

function expectClose(actual: MetricValue | undefined, expected: MetricValue, name: string): void {
  expect(actual, name).toBeDefined();
  const close = (a: number | undefined, e: number | undefined) =>
    a === e || (a !== undefined && e !== undefined && Math.abs(a - e) <= REL * Math.max(Math.abs(e), 1e-300));
  expect(close(actual!.value, expected.value), `${name}.value ${actual!.value} vs ${expected.value}`).toBe(true);
  expect(close(actual!.error, expected.error), `${name}.error ${actual!.error} vs ${expected.error}`).toBe(true);
}

const values = (outputs: Record<string, MetricOutput>) => Object.assign({}, ...Object.values(outputs).map((o) => o.values)) as Record<string, MetricValue>;

describe('fused regression passes', () => {
  it.each([[1, 0.1], [2, 0.3], [3, 0]])('match the straightforward definitions on weighted events (seed %i, %f negative weights)', (seed, negative) => {
    const input = events(10_000, seed, negative);
    const expected = reference(input);
    const got = values(computeMetricOutputs(builtinMetrics(), input, defaultMetricKeys('regression')));
    const skip = new Set(['check']); // check-score has no shared pass
    for (const [name, v] of Object.entries(expected)) expectClose(got[name], v, name);
    expect(Object.keys(got).filter((k) => !skip.has(k)).sort()).toEqual(Object.keys(expected).sort());
  });

  it('gives each metric alone (no shared scope) the same outputs, plots included, as the shared call', () => {
    const input = events(5_000, 4);
    const metrics = [pullsMetric, coverageMetric, gaussianNllMetric, rmseMetric, sharpnessMetric, intervalScoreMetric, crpsMetric, calibrationMetric];
    const shared = computeMetricOutputs(metrics, input, metrics.map((m) => m.key));
    for (const m of metrics) expect(m.compute(input), m.key).toEqual(shared[m.key]);
  });

  it('keeps the pull histogram of pullHistogram', () => {
    const input = events(5_000, 5);
    if (input.prediction.kind !== 'regression') throw new Error('regression input expected');
    const { mean, sigmaTot } = input.prediction;
    const t = Float64Array.from(input.truth, (y, i) => (y - mean[i]) / sigmaTot[i]);
    const w = input.weights!;
    expect(pullsMetric.compute(input).plots?.pullHistogram).toEqual(pullHistogram(t, w, weightSummary(w).sumW));
  });

  it('reads arrays changed in place between two calls afresh (the sharing lasts one call)', () => {
    const input = events(2_000, 6);
    const first = values(computeMetricOutputs([pullsMetric, crpsMetric], input, ['pulls', 'crps']));
    input.truth.set(input.truth.map((y) => y + 1));
    const second = values(computeMetricOutputs([pullsMetric, crpsMetric], input, ['pulls', 'crps']));
    const expected = reference(input);
    expect(second.pull_mean.value).not.toBe(first.pull_mean.value);
    expectClose(second.pull_mean, expected.pull_mean, 'pull_mean');
    expectClose(second.crps, expected.crps, 'crps');
  });

  it('falls back to the per-level loops for levels outside the shared pass', () => {
    const input = events(3_000, 7);
    const levels = [0.5, SIGMA_LEVELS[0], 0.9];
    const got = values(computeMetricOutputs([createCoverageMetric({ levels }), createIntervalScoreMetric({ levels })], input, ['coverage', 'interval-score']));
    if (input.prediction.kind !== 'regression') throw new Error('regression input expected');
    const { mean, sigmaTot } = input.prediction;
    const w = input.weights!;
    const summary = weightSummary(w);
    const cov = gaussianCoverage(mean, sigmaTot, input.truth, w, summary, levels);
    expect([got.coverage_50, got.coverage_68, got.coverage_90]).toEqual(cov);
    const z = centralQuantile(0.9);
    const is90 = weightedMean(Float64Array.from(input.truth, (y, i) => intervalScore(y, mean[i] - z * sigmaTot[i], mean[i] + z * sigmaTot[i], 0.1)), w, summary);
    expect(got.interval_score_90).toEqual(is90);
  });

  it('counts a weighted pass exactly at the interval edge, as the coverage loop does', () => {
    // |t| = 1 and 2 exactly: inside (<=) for the levels whose z rounds to 1 and 2 or above
    const f32 = (...v: number[]) => Float32Array.from(v);
    const input: MetricInput = {
      prediction: regressionPrediction(f32(0, 0, 0, 0), new Float32Array(4), f32(1, 1, 1, 1)),
      truth: f32(0.5, -1, 2, 3),
      weights: f32(1, -0.5, 2, 1),
    };
    const summary = weightSummary(input.weights!);
    const expected = gaussianCoverage(f32(0, 0, 0, 0), f32(1, 1, 1, 1), input.truth, input.weights!, summary, SIGMA_LEVELS);
    const got = values(computeMetricOutputs([coverageMetric], input, ['coverage']));
    expect([got.coverage_68, got.coverage_95]).toEqual(expected);
    expect(got.coverage_68).toEqual(binomialFraction(expected[0].value * summary.sumW, summary));
  });

  it('still rejects NaN truth, NaN weights and sigma 0 before any pass runs, naming the row', () => {
    const bad = (patch: (x: MetricInput) => void) => {
      const input = events(100, 8);
      patch(input);
      return () => computeMetricOutputs(builtinMetrics(), input, defaultMetricKeys('regression'));
    };
    expect(bad((x) => (x.truth[41] = Number.NaN))).toThrow(/truth is NaN at row 42/);
    expect(bad((x) => (x.weights![3] = Number.NaN))).toThrow(HepuqError);
    expect(bad((x) => (x.weights![3] = Number.NaN))).toThrow(/weight is NaN/);
    expect(bad((x) => x.prediction.kind === 'regression' && (x.prediction.sigmaTot[7] = 0))).toThrow(/sigmaTot is 0 at row 8/);
  });
});
