import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { predictiveStatScale } from './predictive-stat-scale.js';

/** Pulls (f - mean_r mu_r) / (s predictiveStatScale(R)) of a calibrated posterior: f and the R draws all N(c, 1). */
function pulls(R: number, trials: number, rng: Rng): Float64Array {
  const scale = predictiveStatScale(R);
  const out = new Float64Array(trials);
  for (let k = 0; k < trials; k++) {
    const c = 10 * rng.normal();
    const f = c + rng.normal();
    let [sum, sum2] = [0, 0];
    for (let r = 0; r < R; r++) {
      const mu = c + rng.normal();
      sum += mu;
      sum2 += mu * mu;
    }
    const mean = sum / R;
    const s = Math.sqrt(Math.max(sum2 / R - mean * mean, 0));
    out[k] = (f - mean) / (s * scale);
  }
  return out;
}

const std = (x: Float64Array) => Math.sqrt(x.reduce((a, v) => a + v * v, 0) / x.length);
const within = (x: Float64Array, z: number) => x.filter((v) => Math.abs(v) < z).length / x.length;

describe('predictiveStatScale', () => {
  it('is sqrt((R + 1) / (R - 3)) and refuses R <= 3, where the Student-t predictive has no finite std', () => {
    expect(predictiveStatScale(5)).toBeCloseTo(Math.sqrt(3), 12);
    expect(predictiveStatScale(10)).toBeCloseTo(Math.sqrt(11 / 7), 12);
    expect(() => predictiveStatScale(3)).toThrow(/at least 4 draws/);
    expect(() => predictiveStatScale(4.5)).toThrow(RangeError);
  });

  it('gives a calibrated posterior of R draws stat pulls of std 1 and 95% coverage at +-1.96', () => {
    const rng = new Rng(7);
    // R = 10: t with 9 dof has a finite fourth moment (kurtosis 3 + 6/5): with 1e5 trials the std of
    // the pulls' std is about sqrt((4.2 - 1) / 1e5) / 2 = 0.003; 0.015 is five of those
    expect(Math.abs(std(pulls(10, 100_000, rng)) - 1)).toBeLessThan(0.015);
    // R = 5: the pulls are t_4 / sqrt(2), and |t_4| < 1.96 sqrt(2) holds 0.9498 of them (binomial error 0.0007 at 1e5; 0.004 is 5 sigma)
    expect(Math.abs(within(pulls(5, 100_000, rng), 1.96) - 0.9498)).toBeLessThan(0.004);
  });
});
