import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { featureSample } from '../sample/feature-sample.js';
import { gaussianSample, identityCov } from '../toys/gaussian-toys.js';
import { prdc, prdcBatch } from './prdc.metric.js';

/** prdc's definitions written out with a full distance matrix (the reference implementation's way). */
function naivePrdc(real: Float64Array, fake: Float64Array, d: number, k: number) {
  const n = real.length / d, m = fake.length / d;
  const dist = (a: Float64Array, i: number, b: Float64Array, j: number) => {
    let s = 0;
    for (let t = 0; t < d; t++) s += (a[i * d + t] - b[j * d + t]) ** 2;
    return Math.sqrt(s);
  };
  const radius = (x: Float64Array, cnt: number) =>
    Array.from({ length: cnt }, (_, i) => Array.from({ length: cnt }, (_, j) => dist(x, i, x, j)).sort((a, b) => a - b)[k]);
  const rr = radius(real, n), rf = radius(fake, m);
  let precision = 0, recall = 0, density = 0, coverage = 0;
  for (let j = 0; j < m; j++) {
    let inside = 0;
    for (let i = 0; i < n; i++) if (dist(real, i, fake, j) < rr[i]) inside++;
    precision += inside > 0 ? 1 : 0;
    density += inside;
  }
  for (let i = 0; i < n; i++) {
    let any = false, nearest = Infinity;
    for (let j = 0; j < m; j++) {
      const dd = dist(real, i, fake, j);
      if (dd < rf[j]) any = true;
      nearest = Math.min(nearest, dd);
    }
    recall += any ? 1 : 0;
    coverage += nearest < rr[i] ? 1 : 0;
  }
  return { precision: precision / m, recall: recall / n, density: density / (k * m), coverage: coverage / n };
}

describe('prdc', () => {
  it('matches the definitions computed from a full distance matrix (odd sizes exercise the tile edges)', () => {
    const rng = new Rng(9);
    const a = gaussianSample(157, [0, 0, 0], identityCov(3), rng);
    const b = gaussianSample(93, [0.4, 0, 0], identityCov(3, 2), rng);
    const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
    const fast = prdcBatch(a, all(157), b, all(93), 5);
    const slow = naivePrdc(a.data, b.data, 3, 5);
    expect(fast.precision).toBeCloseTo(slow.precision, 12);
    expect(fast.recall).toBeCloseTo(slow.recall, 12);
    expect(fast.density).toBeCloseTo(slow.density, 12);
    expect(fast.coverage).toBeCloseTo(slow.coverage, 12);
  });

  it('counts duplicated events as neighbours at distance zero, like prdc', () => {
    const x = featureSample(new Float64Array([0, 0, 1, 5]), 1);
    const y = featureSample(new Float64Array([0, 3]), 1);
    const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
    // real radii (k=1): 0, 0, 1, 4 -> fake 0 lies in no ball (strict <), fake 3 lies in the ball of 5 (|3-5| = 2 < 4)
    const r = prdcBatch(x, all(4), y, all(2), 1);
    expect(r.precision).toBeCloseTo(0.5, 12);
    expect(r.density).toBeCloseTo(0.5, 12);
  });

  it('responds to scaled covariances as Kansal et al. table 1: wider -> low precision, narrower -> low recall', () => {
    const rng = new Rng(3);
    const ref = gaussianSample(3000, [0, 0, 0, 0], identityCov(4), rng);
    const same = prdc(ref, gaussianSample(3000, [0, 0, 0, 0], identityCov(4), rng), { batchSize: 1000 });
    const wide = prdc(ref, gaussianSample(3000, [0, 0, 0, 0], identityCov(4, 10), rng), { batchSize: 1000 });
    const narrow = prdc(ref, gaussianSample(3000, [0, 0, 0, 0], identityCov(4, 0.1), rng), { batchSize: 1000 });
    expect(same.precision.error).toBeGreaterThan(0);
    // three batches of 1000: spreads are ~0.01; the distortions move the values by > 0.2
    expect(wide.precision.value).toBeLessThan(same.precision.value - 0.2);
    expect(narrow.recall.value).toBeLessThan(same.recall.value - 0.2);
    expect(narrow.precision.value).toBeGreaterThanOrEqual(same.precision.value - 3 * same.precision.error);
    expect(wide.recall.value).toBeGreaterThanOrEqual(same.recall.value - 3 * same.recall.error);
  });
});
