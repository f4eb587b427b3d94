import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('is reproducible from the seed and forks independent streams', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect([...Array(5)].map(() => a.nextUint32())).toEqual([...Array(5)].map(() => b.nextUint32()));
    expect(new Rng(42).fork('x').uniform()).toBe(new Rng(42).fork('x').uniform());
    expect(new Rng(42).fork('x').uniform()).not.toBe(new Rng(42).fork('y').uniform());
    expect(new Rng(1).uniform()).not.toBe(new Rng(2).uniform());
  });

  it('draws normals and Poissons with the right moments', () => {
    const rng = new Rng(7);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    // N = 1e5: the sample mean has standard error 0.0032 and the variance 0.0045; 5 sigma allowed.
    expect(Math.abs(s / n)).toBeLessThan(0.016);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.023);
    let p = 0;
    let p2 = 0;
    for (let i = 0; i < n; i++) {
      const k = rng.poisson(1);
      p += k;
      p2 += k * k;
    }
    // Poisson(1): mean 1 and variance 1, standard errors 0.0032 and 0.0055.
    expect(Math.abs(p / n - 1)).toBeLessThan(0.016);
    expect(Math.abs(p2 / n - (p / n) ** 2 - 1)).toBeLessThan(0.03);
  });

  it('permutes every index exactly once', () => {
    const perm = new Rng(3).permutation(1000);
    expect(new Set(perm).size).toBe(1000);
    expect(Math.max(...perm)).toBe(999);
  });
});
