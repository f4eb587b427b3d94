import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { fillPoisson1, poissonBootstrapStd } from './poisson-bootstrap.js';

describe('Poisson(1) bootstrap', () => {
  it('draws multiplicities with mean 1, variance 1 and P(0) = 1/e', () => {
    const k = new Uint8Array(200_000);
    fillPoisson1(new Rng(1), k);
    let s = 0;
    let s2 = 0;
    let zeros = 0;
    for (const v of k) {
      s += v;
      s2 += v * v;
      if (v === 0) zeros++;
    }
    const mean = s / k.length;
    // N = 2e5: error of the mean 0.0022, of P(0) 0.0011; allow ~4 sigma
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(s2 / k.length - mean * mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(zeros / k.length - Math.exp(-1))).toBeLessThan(0.005);
  });

  it('reproduces the standard error of a mean', () => {
    const rng = new Rng(2);
    const x = rng.normalArray(2000);
    const se = poissonBootstrapStd(x.length, 400, new Rng(3), (k) => {
      let s = 0;
      let w = 0;
      for (let i = 0; i < x.length; i++) {
        s += k[i] * x[i];
        w += k[i];
      }
      return s / w;
    });
    // true SE 1/sqrt(2000) = 0.0224; 400 replicas estimate it to 3.5%; allow 12%
    expect(Math.abs(se / (1 / Math.sqrt(2000)) - 1)).toBeLessThan(0.12);
  });
});
