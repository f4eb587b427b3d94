import { describe, expect, it } from 'vitest';
import { Rng, type ClassificationPrediction, type MetricInput, type MetricOutput, type MetricValue } from '@hepuq/core';
import { poissonBootstrapStd } from '../../bootstrap/poisson-bootstrap.js';
import { equalMassBins } from '../../weighted/equal-mass-bins.js';
import { weightedMean, weightSummary } from '../../weighted/weighted-stats.js';
import { computeMetricOutputs } from '../compute-metrics.js';
import { builtinMetrics, defaultMetricKeys } from '../default-metrics.js';
import { aucMetric } from './auc.metric.js';
import { bceMetric } from './bce.metric.js';
import { binaryNll } from './binary-nll.js';
import { brierMetric } from './brier.metric.js';
import { eceFromBins, equalWidthBins, reliabilityData, topLabel } from './calibration-bins.js';
import { createEceMetric, eceMetric } from './ece.metric.js';
import { aucFromRanked, rankEvents, rocCurve } from './ranked-events.js';

/**
 * Classifier outputs with MC weights (`negative` of them -0.5) and ties: a third of the probabilities
 * rounded to 1/32 (ties in p and in max(p, 1-p), exact 0, 0.5 and 1 among them).
 */
function events(n: number, seed: number, negative = 0.1): MetricInput {
  const rng = new Rng(seed);
  const prob = Float32Array.from({ length: n }, () => {
    const p = 1 / (1 + Math.exp(-2 * rng.normal()));
    return rng.uniform() < 1 / 3 ? Math.round(p * 32) / 32 : p;
  });
  const truth = Float32Array.from(prob, (p) => (rng.uniform() < 0.9 * p + 0.05 ? 1 : 0));
  const weights = Float32Array.from({ length: n }, () => (rng.uniform() < negative ? -0.5 : rng.uniform() < 0.5 ? 1 : 2.5));
  const prediction: ClassificationPrediction = { kind: 'classification', prob, sigmaProb: new Float32Array(n) };
  return { prediction, truth, weights };
}

const withError = (value: number, error: number): MetricValue => (Number.isNaN(error) ? { value } : { value, error });

/**
 * The default classification set as each metric computed it before the shared pass: one float64 array
 * per quantity, one bootstrap (its own Rng(seed)) per statistic, reliability from its own loop.
 */
function reference(input: MetricInput, replicas = 100, seed = 0, bins = 15): Record<string, MetricOutput> {
  const { prob } = input.prediction as ClassificationPrediction;
  const label = input.truth;
  const w = input.weights!;
  const summary = weightSummary(w);
  const ranked = rankEvents(prob, label, w);
  const { conf, correct } = topLabel(prob, label);
  const ece = (bin: Int32Array) => withError(eceFromBins(bin, bins, conf, correct, w),
    poissonBootstrapStd(prob.length, replicas, new Rng(seed), (k) => eceFromBins(bin, bins, conf, correct, w, k)));
  return {
    auc: {
      values: { auc: withError(aucFromRanked(ranked), poissonBootstrapStd(prob.length, replicas, new Rng(seed), (k) => aucFromRanked(ranked, k))) },
      plots: { roc: rocCurve(ranked) },
    },
    brier: { values: { brier: weightedMean(Float64Array.from(prob, (p, i) => (p - label[i]) ** 2), w, summary) } },
    bce: { values: { bce: weightedMean(Float64Array.from(prob, (p, i) => binaryNll(p, label[i])), w, summary) } },
    ece: {
      values: { ece: ece(equalWidthBins(conf, bins)), ece_mass: ece(equalMassBins(conf, w, bins)) },
      plots: { reliability: reliabilityData(prob, label, w, bins) },
    },
  };
}

/** Bit for bit: every value and error (toEqual would let +0 and -0 pass, Object.is does not). */
function expectSame(actual: Record<string, MetricOutput>, expected: Record<string, MetricOutput>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, output] of Object.entries(expected)) {
    expect(Object.keys(actual[key].values).sort(), key).toEqual(Object.keys(output.values).sort());
    for (const [name, v] of Object.entries(output.values)) {
      expect(Object.is(actual[key].values[name].value, v.value), `${name}.value ${actual[key].values[name].value} vs ${v.value}`).toBe(true);
      expect(Object.is(actual[key].values[name].error, v.error), `${name}.error ${actual[key].values[name].error} vs ${v.error}`).toBe(true);
    }
    expect(actual[key].plots, key).toEqual(output.plots);
  }
}

describe('shared classification pass', () => {
  it.each([[1, 0.1], [2, 0.3], [3, 0]])('keeps every value, error and plot of the metrics as defined (seed %i, %f negative weights)', (seed, negative) => {
    const input = events(20_000, seed, negative);
    expectSame(computeMetricOutputs(builtinMetrics(), input, defaultMetricKeys('classification')), reference(input));
  });

  it('gives each metric alone (no shared scope) the same outputs as the shared call', () => {
    const input = events(5_000, 4);
    const metrics = [aucMetric, brierMetric, bceMetric, eceMetric];
    const shared = computeMetricOutputs(metrics, input, metrics.map((m) => m.key));
    expectSame(Object.fromEntries(metrics.map((m) => [m.key, m.compute(input)])), shared);
  });

  it('runs an ece with other bins, replicas and seed on its own pass beside the default one', () => {
    const input = events(3_000, 5);
    const ece = createEceMetric({ bins: 7, bootstrap: 20, seed: 3 });
    const got = computeMetricOutputs([brierMetric, bceMetric, ece], input, ['brier', 'bce', 'ece']);
    const { brier, bce } = reference(input);
    expectSame(got, { brier, bce, ece: reference(input, 20, 3, 7).ece });
  });

  it('leaves the errors out with fewer than 2 replicas', () => {
    const input = events(1_000, 6);
    const got = computeMetricOutputs([createEceMetric({ bootstrap: 1 })], input, ['ece']);
    expectSame(got, { ece: reference(input, 1).ece });
    expect(got.ece.values.ece.error).toBeUndefined();
  });

  it('reads arrays changed in place between two calls afresh (the sharing lasts one call)', () => {
    const input = events(2_000, 7);
    const first = computeMetricOutputs([brierMetric, eceMetric], input, ['brier', 'ece']);
    const { prob } = input.prediction as ClassificationPrediction;
    prob.set(prob.map((p) => p * 0.9));
    const second = computeMetricOutputs([brierMetric, eceMetric], input, ['brier', 'ece']);
    expect(second.brier.values.brier.value).not.toBe(first.brier.values.brier.value);
    const { brier, ece } = reference(input);
    expectSame(second, { brier, ece });
  });
});
