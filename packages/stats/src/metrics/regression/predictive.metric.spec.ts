import { describe, expect, it } from 'vitest';
import { regressionPrediction, type RegressionPrediction, Rng } from '@hepuq/core';
import { normalCdf } from '../../special/normal.js';
import { crpsMetric } from './crps.metric.js';
import { gaussianNllMetric } from './gaussian-nll.metric.js';
import { mixtureCalibrationMetric } from './mixture-calibration.metric.js';
import { checkedMixture, mixtureCrps, sampleScores } from './predictive.js';
import { createSampleCalibrationMetric, sampleCalibrationMetric } from './sample-calibration.metric.js';

const f32 = (...v: number[]) => Float32Array.from(v);

describe('Gaussian-mixture predictions', () => {
  it('reduce to the Gaussian metrics for one component', () => {
    const rng = new Rng(1);
    const n = 300;
    const mean = rng.normalArray(n);
    const sigma = Float32Array.from({ length: n }, () => 0.5 + rng.uniform());
    const truth = rng.normalArray(n);
    const p = regressionPrediction(mean, new Float32Array(n), sigma, { mixture: { weights: [new Float32Array(n).fill(1)], means: [mean], sigmas: [sigma] } });
    const m = mixtureCalibrationMetric.compute({ prediction: p, truth }).values;
    expect(m.mixture_crps.value).toBeCloseTo(crpsMetric.compute({ prediction: p, truth }).values.crps.value, 6);
    expect(m.mixture_nll.value).toBeCloseTo(gaussianNllMetric.compute({ prediction: p, truth }).values.nll.value, 6);
  });

  it('give the CRPS integral of (F(x) - 1[x >= y])^2 for two components', () => {
    const one = f32(0);
    const p = regressionPrediction(one, one, f32(1), {
      mixture: { weights: [f32(0.3), f32(0.7)], means: [f32(-1), f32(2)], sigmas: [f32(0.5), f32(1.5)] },
    });
    const y = 0.4;
    const F = (x: number) => 0.3 * normalCdf((x + 1) / 0.5) + 0.7 * normalCdf((x - 2) / 1.5);
    let integral = 0;
    const h = 1e-3;
    for (let x = -15; x < 15; x += h) {
      const a = F(x) - (x >= y ? 1 : 0);
      integral += a * a * h;
    }
    const crps = mixtureCrps(checkedMixture('test', p, 1), f32(y))[0];
    // rectangle rule with h = 1e-3 on a function with one jump: error ~ h
    expect(Math.abs(crps - integral)).toBeLessThan(2e-3);
  });

  it('reject mixtures with mismatched component arrays', () => {
    const p = regressionPrediction(f32(0), f32(0), f32(1), { mixture: { weights: [f32(1)], means: [f32(0), f32(1)], sigmas: [f32(1)] } });
    expect(() => mixtureCalibrationMetric.compute({ prediction: p, truth: f32(0) })).toThrow(/same K/);
  });
});

describe('replica predictions', () => {
  it('pin the fair CRPS and randomised PIT on a hand case', () => {
    // x = 0, 2 and y = 1: mean |x - y| = 1, sum_rs |x_r - x_s| = 4 -> 1 - 4/(2*2*1) = 0
    const s = sampleScores([f32(0), f32(2)], f32(1), new Rng(0));
    expect(s.crps[0]).toBeCloseTo(0, 12);
    // one replica below y: PIT in [1/3, 2/3)
    expect(s.pit[0]).toBeGreaterThanOrEqual(1 / 3);
    expect(s.pit[0]).toBeLessThan(2 / 3);
  });

  it('are calibrated, with CRPS 1/sqrt(pi), when replicas sample the true distribution', () => {
    const rng = new Rng(5);
    const n = 4000;
    const r = 20;
    const replicas = Array.from({ length: r }, () => rng.normalArray(n));
    const truth = rng.normalArray(n);
    const p: RegressionPrediction = regressionPrediction(new Float32Array(n), new Float32Array(n).fill(1), new Float32Array(n), { replicas });
    const v = createSampleCalibrationMetric({ bootstrap: 10, noise: 'none' }).compute({ prediction: p, truth }).values;
    // coverage binomial error 0.0074 at N = 4000; allow 0.025
    expect(Math.abs(v.sample_coverage_68.value - 0.6827)).toBeLessThan(0.025);
    // fair CRPS per-event std ~0.45 -> 0.007 error; allow 0.03
    expect(Math.abs(v.sample_crps.value - 1 / Math.sqrt(Math.PI))).toBeLessThan(0.03);
    expect(v.sample_mace.value).toBeLessThan(0.03);
  });

  it('add sigmaSyst noise to function draws by default', () => {
    const rng = new Rng(6);
    const n = 4000;
    // zero epistemic spread, aleatoric sigma 1: without smearing every replica equals the mean
    const replicas = Array.from({ length: 10 }, () => new Float32Array(n));
    const truth = rng.normalArray(n);
    const p = regressionPrediction(new Float32Array(n), new Float32Array(n), new Float32Array(n).fill(1), { replicas });
    const smeared = sampleCalibrationMetric.compute({ prediction: p, truth }).values;
    expect(Math.abs(smeared.sample_coverage_68.value - 0.6827)).toBeLessThan(0.025);
    const raw = createSampleCalibrationMetric({ noise: 'none', bootstrap: 0 }).compute({ prediction: p, truth }).values;
    expect(raw.sample_coverage_68.value).toBeLessThan(0.2);
  });
});
