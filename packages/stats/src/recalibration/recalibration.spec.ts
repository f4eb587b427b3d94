import { type RegressionRecalibrator, regressionPrediction, type ClassificationPrediction, type RegressionPrediction, Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { createEceMetric } from '../metrics/classification/ece.metric.js';
import { coverageMetric } from '../metrics/regression/coverage.metric.js';
import { normalCdf } from '../special/normal.js';
import { isotonicCoverage } from './isotonic-coverage.recalibrator.js';
import { isotonicProbability } from './isotonic-probability.recalibrator.js';
import { conformalQuantile, splitConformal } from './split-conformal.recalibrator.js';
import { applyTemperature, temperatureScaling } from './temperature-scaling.recalibrator.js';
import { varianceScaling } from './variance-scaling.recalibrator.js';

/** truth ~ N(0, 1) (or Student-t-like heavy tails), predicted N(0, k^2). */
function regressionOracle(n: number, k: number, seed: number, heavy = false): { prediction: RegressionPrediction; truth: Float32Array } {
  const rng = new Rng(seed);
  const truth = Float32Array.from({ length: n }, () => (heavy ? rng.normal() / Math.sqrt(0.5 + rng.uniform()) : rng.normal()));
  return { prediction: regressionPrediction(new Float32Array(n), new Float32Array(n).fill(k), new Float32Array(n)), truth };
}

/** Logit z ~ N(0, 2^2), label ~ Bernoulli(sigmoid(z)); the model reports sigmoid(t z) (t > 1: overconfident). */
function classifierOracle(n: number, t: number, seed: number): { prediction: ClassificationPrediction; truth: Float32Array } {
  const rng = new Rng(seed);
  const prob = new Float32Array(n);
  const truth = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const z = rng.normal(0, 2);
    truth[i] = rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    prob[i] = 1 / (1 + Math.exp(-t * z));
  }
  return { prediction: { kind: 'classification', prob, sigmaProb: new Float32Array(n).fill(0.01) }, truth };
}

describe('variance scaling', () => {
  it('fits s = 1/k and restores coverage on an independent test set', () => {
    const r = varianceScaling.fit(regressionOracle(20_000, 2, 1));
    // s^2 = mean pull^2 = 1/k^2 with relative error sqrt(2/N) = 1%; allow 3%
    expect(Math.abs((r.parameters.scale as number) - 0.5)).toBeLessThan(0.015);
    const test = regressionOracle(20_000, 2, 2);
    const cov = coverageMetric.compute({ prediction: r.apply(test.prediction), truth: test.truth }).values;
    // binomial error 0.0033; allow 0.015
    expect(Math.abs(cov.coverage_68.value - 0.6827)).toBeLessThan(0.015);
    expect(Math.abs(cov.coverage_95.value - 0.9545)).toBeLessThan(0.01);
  });
});

describe('temperature scaling', () => {
  it('recovers T = t for a classifier whose logit is t times too large', () => {
    const r = temperatureScaling.fit(classifierOracle(20_000, 2, 3));
    // the NLL minimum in T is sharp: its statistical spread at N = 2e4 is a few per cent; allow 0.15
    expect(Math.abs((r.parameters.temperature as number) - 2)).toBeLessThan(0.15);
    expect(r.parameters.nllAfter as number).toBeLessThan(r.parameters.nllBefore as number);
    const test = classifierOracle(20_000, 2, 4);
    const ece = createEceMetric({ bootstrap: 0 });
    const before = ece.compute(test).values.ece.value;
    const after = ece.compute({ prediction: r.apply(test.prediction), truth: test.truth }).values.ece.value;
    expect(before).toBeGreaterThan(0.04);
    expect(after).toBeLessThan(0.02);
  });

  it('propagates sigmaProb by the delta method', () => {
    const p: ClassificationPrediction = { kind: 'classification', prob: Float32Array.of(0.5, 0.9), sigmaProb: Float32Array.of(0.1, 0.01) };
    const out = applyTemperature(p, 2);
    expect(out.prob[0]).toBeCloseTo(0.5, 6);
    // at p = 0.5: sigma' = sigma x 0.25 / (2 x 0.25)
    expect(out.sigmaProb[0]).toBeCloseTo(0.05, 6);
    expect(out.prob[1]).toBeCloseTo(1 / (1 + Math.exp(-Math.log(9) / 2)), 6);
  });
});

describe('isotonic recalibration', () => {
  it('restores interval coverage for heavy-tailed truth at every level', () => {
    const r = isotonicCoverage.fit(regressionOracle(20_000, 1, 5, true));
    const test = regressionOracle(20_000, 1, 6, true);
    const cov = coverageMetric.compute({ prediction: r.apply(test.prediction), truth: test.truth }).values;
    expect(Math.abs(cov.coverage_68.value - 0.6827)).toBeLessThan(0.015);
    for (const level of [0.5, 0.9, 0.99]) {
      const iv = (r as RegressionRecalibrator).interval(test.prediction, level);
      let inside = 0;
      for (let i = 0; i < test.truth.length; i++) if (test.truth[i] >= iv.lo[i] && test.truth[i] <= iv.hi[i]) inside++;
      // binomial error <= 0.0035 plus calibration-set noise of the same size; allow 0.015
      expect(Math.abs(inside / test.truth.length - level)).toBeLessThan(0.015);
    }
  });

  it('calibrates classifier probabilities', () => {
    const r = isotonicProbability.fit(classifierOracle(20_000, 3, 7));
    const test = classifierOracle(20_000, 3, 8);
    const out = r.apply(test.prediction);
    for (let i = 1; i < 50; i++) {
      // monotone: order of probabilities is kept
      if (test.prediction.prob[i] > test.prediction.prob[i - 1]) expect(out.prob[i]).toBeGreaterThanOrEqual(out.prob[i - 1]);
    }
    const ece = createEceMetric({ bootstrap: 0 });
    expect(ece.compute({ prediction: out, truth: test.truth }).values.ece.value).toBeLessThan(0.02);
  });
});

describe('split conformal', () => {
  it('uses the ceil((n+1)(1-alpha))-th smallest score', () => {
    const s = Float64Array.of(5, 1, 4, 2, 3);
    // n = 5, level 0.5: k = ceil(3) = 3 -> third smallest = 3
    expect(conformalQuantile(s, undefined, 0.5)).toBe(3);
    // level 0.9: k = ceil(5.4) = 6 > n -> Infinity
    expect(conformalQuantile(s, undefined, 0.9)).toBe(Infinity);
  });

  it('covers at least the nominal level on average over calibration sets, even for a wrong sigma', () => {
    // n = 19 calibration events at level 0.9: k = 18, exact expected coverage 18/20 = 0.9 (Lei et al. thm 2.2)
    const rng = new Rng(10);
    let covered = 0;
    let total = 0;
    for (let trial = 0; trial < 400; trial++) {
      const calib = regressionOracle(19, 3, rng.nextSeed());
      const test = regressionOracle(50, 3, rng.nextSeed());
      const r = splitConformal.fit(calib, { level: 0.9 });
      const iv = (r as RegressionRecalibrator).interval(test.prediction, 0.9);
      for (let i = 0; i < 50; i++) {
        total++;
        if (test.truth[i] >= iv.lo[i] && test.truth[i] <= iv.hi[i]) covered++;
      }
    }
    // 400 trials: the spread of per-trial coverage (beta(18, 2)-like, sd 0.065) gives 0.0033 on the mean
    // plus binomial noise 0.002; 0.9 - 0.01 is 2.6 sigma below the guaranteed value
    expect(covered / total).toBeGreaterThan(0.89);
    expect(covered / total).toBeLessThan(0.93);
  });

  it('returns the Gaussian-equivalent sigma of the conformal interval', () => {
    const calib = regressionOracle(5000, 2, 11);
    const r = splitConformal.fit(calib);
    const out = r.apply(calib.prediction);
    // +-1 sigma' is the conformal 68.27% interval: sigma' ~ 1 for truth ~ N(0, 1)
    expect(Math.abs(out.sigmaTot[0] - 1)).toBeLessThan(0.05);
    expect(2 * normalCdf(1) - 1).toBeCloseTo(r.parameters.level as number, 12);
    expect(() => (r as RegressionRecalibrator).interval(calib.prediction, 0.9)).toThrow(/fitted at level/);
  });
});
