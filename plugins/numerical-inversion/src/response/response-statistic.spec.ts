import { describe, expect, it } from 'vitest';
import { regressionPrediction, type RegressionPrediction } from '@hepuq/core';
import { normalCdf } from '@hepuq/stats';
import { responsePoints } from './response-statistic.js';

const gaussian = (mu: number, syst: number, stat = 0.01): RegressionPrediction => regressionPrediction(Float32Array.of(mu), Float32Array.of(stat), Float32Array.of(syst));

/** A two-component mixture prediction at one row. */
function mixture(w: [number, number], mu: [number, number], sigma: [number, number]): RegressionPrediction {
  const mean = w[0] * mu[0] + w[1] * mu[1];
  const p = regressionPrediction(Float32Array.of(mean), Float32Array.of(0), Float32Array.of(0.1));
  return { ...p, mixture: { weights: w.map((v) => Float32Array.of(v)), means: mu.map((v) => Float32Array.of(v)), sigmas: sigma.map((v) => Float32Array.of(v)) } };
}

describe('response statistic', () => {
  it('a Gaussian ratio has one response: mean = median = mode = y mu, sigmas times y', () => {
    const y = [50];
    for (const s of ['mean', 'median', 'mode'] as const) {
      const r = responsePoints(gaussian(0.8, 0.1, 0.02), y, s, 'ratio');
      expect(r.x[0]).toBeCloseTo(40, 5);
      expect(r.syst[0]).toBeCloseTo(5, 5);
      expect(r.stat[0]).toBeCloseTo(1, 5);
    }
    expect(responsePoints(gaussian(42, 3), y, 'mean', 'value').x[0]).toBeCloseTo(42, 5);
  });

  it('a log-ratio Gaussian is a log-normal x: median y e^mu, mean y e^(mu + s^2/2), mode y e^(mu - s^2)', () => {
    const [mu, s, y] = [Math.log(0.8), 0.2, 100];
    expect(responsePoints(gaussian(mu, s), [y], 'median', 'log-ratio').x[0]).toBeCloseTo(80, 4);
    expect(responsePoints(gaussian(mu, s), [y], 'mean', 'log-ratio').x[0]).toBeCloseTo(80 * Math.exp(0.02), 4);
    expect(responsePoints(gaussian(mu, s), [y], 'mode', 'log-ratio').x[0]).toBeCloseTo(80 * Math.exp(-0.04), 4);
    // dx/dt = x: sigma_syst of x is 0.2 x at the median
    expect(responsePoints(gaussian(mu, s), [y], 'median', 'log-ratio').syst[0]).toBeCloseTo(16, 3);
  });

  it('takes the median and mode of a mixture head numerically', () => {
    // 0.7 N(1, 0.1) + 0.3 N(2, 0.5): median where 0.7 Phi((t-1)/0.1) + 0.3 Phi((t-2)/0.5) = 1/2, mode near 1
    const p = mixture([0.7, 0.3], [1, 2], [0.1, 0.5]);
    const median = responsePoints(p, [1], 'median', 'value').x[0];
    // (the head's parameters are float32: 0.1 is 0.1 + 1.5e-9, which moves the CDF by ~1e-8)
    expect(0.7 * normalCdf((median - 1) / 0.1) + 0.3 * normalCdf((median - 2) / 0.5)).toBeCloseTo(0.5, 6);
    const mode = responsePoints(p, [1], 'mode', 'value').x[0];
    // the density's maximum: the narrow component's peak moved a little by the wide one's slope
    const density = (t: number) => (0.7 / 0.1) * Math.exp(-0.5 * ((t - 1) / 0.1) ** 2) + (0.3 / 0.5) * Math.exp(-0.5 * ((t - 2) / 0.5) ** 2);
    let best = 0.5;
    for (let t = 0.5; t < 1.5; t += 1e-5) if (density(t) > density(best)) best = t;
    expect(mode).toBeCloseTo(best, 3);
    expect(responsePoints(p, [1], 'mean', 'value').x[0]).toBeCloseTo(1.3, 5);
  });
});

