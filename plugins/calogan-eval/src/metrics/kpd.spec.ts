import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { gaussianSample, identityCov } from '../toys/gaussian-toys.js';
import { kpd } from './kpd.metric.js';

describe('kpd', () => {
  it('is consistent with zero for two samples of one distribution, by median and by mean', () => {
    const rng = new Rng(4);
    const a = gaussianSample(4000, [0, 0, 0], identityCov(3), rng);
    const b = gaussianSample(4000, [0, 0, 0], identityCov(3), rng);
    const r = kpd(a, b, { batches: 20 });
    expect(r.batchSize).toBe(200);
    // median within its one-batch spread; the mean of 20 independent unbiased batch values within 3 standard errors
    expect(Math.abs(r.value)).toBeLessThan(r.error);
    expect(Math.abs(r.mean)).toBeLessThan(3 * r.meanError);
  });

  it('detects a 0.5 sigma shift far outside its error', () => {
    const rng = new Rng(8);
    const a = gaussianSample(4000, [0, 0], identityCov(2), rng);
    const b = gaussianSample(4000, [0.5, 0], identityCov(2), rng);
    const r = kpd(a, b);
    expect(r.value).toBeGreaterThan(3 * r.error);
  });
});
