import { describe, expect, it } from 'vitest';
import { regressionPrediction, Rng, type MetricInput } from '@hepuq/core';
import { centralQuantile, normalCdf, normalPdf } from '../../special/normal.js';
import { createCheckScoreMetric } from './check-score.metric.js';
import { crpsMetric, gaussianCrps } from './crps.metric.js';
import { createCalibrationMetric } from './calibration.metric.js';
import { curveSummary } from './calibration-curve.js';
import { intervalScoreMetric } from './interval-score.metric.js';
import { sharpnessMetric } from './sharpness.metric.js';

const f32 = (...v: number[]) => Float32Array.from(v);

function input(mean: number[], sigma: number[], truth: number[], weights?: number[]): MetricInput {
  return { prediction: regressionPrediction(f32(...mean), new Float32Array(mean.length), f32(...sigma)), truth: f32(...truth), weights: weights && f32(...weights) };
}

/** truth ~ N(0, 1), predicted N(0, k^2). */
function oracle(n: number, k: number, seed: number): MetricInput {
  const truth = new Rng(seed).normalArray(n);
  return { prediction: regressionPrediction(new Float32Array(n), new Float32Array(n), new Float32Array(n).fill(k)), truth };
}

describe('crps', () => {
  it('is sigma (2 phi(0) - 1/sqrt pi) at y = mu and |y - mu| for sigma -> 0', () => {
    expect(gaussianCrps(0, 0, 1)).toBeCloseTo(2 * normalPdf(0) - 1 / Math.sqrt(Math.PI), 12);
    expect(gaussianCrps(3, 1, 1e-6)).toBeCloseTo(2, 5);
  });

  it('averages sigma/sqrt(pi) for a calibrated Gaussian (Gneiting & Raftery 2007)', () => {
    // per-event std of CRPS ~0.42 for sigma = 1; N = 2e4 -> error 0.003; allow 0.012
    const v = crpsMetric.compute(oracle(20_000, 1, 2)).values.crps;
    expect(Math.abs(v.value - 1 / Math.sqrt(Math.PI))).toBeLessThan(0.012);
  });
});

describe('check score', () => {
  it('pins a grid of 4: levels 1/4, 1/2, 3/4 at y = mu', () => {
    // q = -+0.6745 sigma: pinball 0.25 x 0.6745 at both outer levels, 0 at the median; mean over 3
    const z = centralQuantile(0.5);
    expect(createCheckScoreMetric({ grid: 4 }).compute(input([0], [1], [0])).values.check.value).toBeCloseTo((2 * 0.25 * z) / 3, 10);
  });

  it('approaches CRPS/2 on a fine grid', () => {
    // the 99-level average misses the outer 1% tails: a few per cent low; allow 5%
    const o = oracle(5000, 1, 8);
    const check = createCheckScoreMetric().compute(o).values.check.value;
    const crps = crpsMetric.compute(o).values.crps.value;
    expect(Math.abs(check / (crps / 2) - 1)).toBeLessThan(0.05);
  });
});

describe('interval score', () => {
  it('is the width inside and adds 2/alpha x miss outside', () => {
    const z = 1; // the 68 level is +-1 sigma exactly
    const alpha = 1 - (2 * normalCdf(1) - 1);
    const v = intervalScoreMetric.compute(input([0, 0], [1, 1], [0.5, 3])).values.interval_score_68;
    expect(v.value).toBeCloseTo((2 * z + (2 * z + (2 / alpha) * (3 - z))) / 2, 5);
  });
});

describe('sharpness', () => {
  it('is the weighted RMS sigma', () => {
    const v = sharpnessMetric.compute(input([0, 0], [1, 3], [0, 0], [1, 3])).values;
    expect(v.sharpness.value).toBeCloseTo(Math.sqrt((1 + 27) / 4), 6);
    expect(v.sigma_mean.value).toBeCloseTo(10 / 4, 6);
  });
});

describe('calibration curves', () => {
  it('summarises a curve: MACE, RMSCE, area (hand case, grid 4)', () => {
    // c = 0, 0.5, 0.5, 0.5, 1 at p = 0, 1/4, 1/2, 3/4, 1: gaps 0.25, 0, 0.25
    const [mace, rmsce, area] = curveSummary(Float64Array.of(0, 0.5, 0.5, 0.5, 1), 4);
    expect(mace).toBeCloseTo(1 / 6, 12);
    expect(rmsce).toBeCloseTo(Math.sqrt(0.125 / 3), 12);
    // trapezoids of |gap|: (0+.25)/2, (.25+0)/2, (0+.25)/2, (.25+0)/2, each x 1/4
    expect(area).toBeCloseTo(0.125, 12);
  });

  it('is flat for a calibrated oracle and follows 2 Phi(k z_p) - 1 for sigma inflated k times', () => {
    const metric = createCalibrationMetric({ bootstrap: 20 });
    // binomial noise per grid point <= 0.0035 at N = 2e4; MACE of a calibrated model ~0.003; allow 0.01
    const good = metric.compute(oracle(20_000, 1, 7)).values;
    expect(good.mace.value).toBeLessThan(0.01);
    expect(good.mace_pit.value).toBeLessThan(0.01);
    expect(good.mace.error).toBeGreaterThan(0);
    const k = 2;
    let expected = 0;
    for (let j = 1; j < 100; j++) {
      const p = j / 100;
      // true coverage of the nominal p-interval when sigma_pred = k sigma_true
      expected += Math.abs(2 * normalCdf(k * centralQuantile(p)) - 1 - p);
    }
    expected /= 99;
    const wide = metric.compute(oracle(20_000, k, 7)).values;
    expect(Math.abs(wide.mace.value - expected)).toBeLessThan(0.01);
    expect(wide.miscal_area.value).toBeGreaterThan(0.1);
  });
});
