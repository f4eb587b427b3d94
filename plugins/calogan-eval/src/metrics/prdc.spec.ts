import { HepuqError, Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { featureSample } from '../sample/feature-sample.js';
import { gaussianSample, identityCov } from '../toys/gaussian-toys.js';
import { prdcBatch } from './prdc-batch.js';
import { availableParallelism } from 'node:os';
import { prdc, prdcThreads } from './prdc.metric.js';

/**
 * The reference implementation (clovaai/generative-evaluation-prdc, `compute_prdc`) written out: full
 * distance matrices, radii = the (k+1)-th smallest of each row of the own-sample matrix (the point
 * itself is the 0-th, as np.partition at index k finds), strict < everywhere.
 */
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

const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const values = (r: Awaited<ReturnType<typeof prdc>>) => ({ precision: r.precision.value, recall: r.recall.value, density: r.density.value, coverage: r.coverage.value });

describe('prdc on the full samples (the default)', () => {
  // 1-D, 5 reference vs 4 generated events, k = 1; every value by hand (|.| distances, strict <):
  //   reference x = 0, 1, 3, 6, 10: radii (nearest other reference) 1, 1, 2, 3, 4
  //   generated y = 1.5, 2, 4, 20:  radii (nearest other generated) 0.5, 0.5, 2, 16
  //   reference balls holding each y: 1.5 -> {1 (0.5 < 1), 3 (1.5 < 2)}; 2 -> {3 (1 < 2)} (|2 - 1| = 1 is
  //     not < 1); 4 -> {3 (1 < 2), 6 (2 < 3)}; 20 -> none            => precision 3/4, density (2+1+2+0)/(1 x 4) = 5/4
  //   generated balls holding each x: 0 -> none; 1 -> none (|1 - 1.5| = 0.5 is not < 0.5); 3 -> {4}; 6 -> {20}
  //     (|6 - 4| = 2 is not < 2, |6 - 20| = 14 < 16); 10 -> {20}      => recall 3/5
  //   nearest generated within the reference radius: 0 (1.5 vs 1) no, 1 (0.5 < 1), 3 (1 < 2), 6 (2 < 3), 10 (6 vs 4) no
  //                                                                   => coverage 3/5
  // Half-integers keep every distance exact in floating point, so the ties test the strict inequalities.
  const ref = featureSample(Float64Array.of(0, 1, 3, 6, 10), 1, { source: 'ref' });
  const gen = featureSample(Float64Array.of(1.5, 2, 4, 20), 1, { source: 'gen' });

  it('uses every event of both samples whatever their sizes: hand-computed 5 vs 4 events, k = 1', async () => {
    const r = await prdc(ref, gen, { k: 1 });
    expect(r).toMatchObject({ k: 1, batchSize: 5, generatedBatchSize: 4, batches: 1, fullSamples: true });
    expect(r.precision.value).toBeCloseTo(3 / 4, 12);
    expect(r.recall.value).toBeCloseTo(3 / 5, 12);
    expect(r.density.value).toBeCloseTo(5 / 4, 12);
    expect(r.coverage.value).toBeCloseTo(3 / 5, 12);
    // one evaluation: binomial errors at the generated (precision) and reference (recall, coverage) sizes
    expect(r.precision.error).toBeCloseTo(Math.sqrt((0.75 * 0.25) / 4), 12);
    expect(r.recall.error).toBeCloseTo(Math.sqrt((0.6 * 0.4) / 5), 12);
    expect(r.coverage.meanError).toBeCloseTo(Math.sqrt((0.6 * 0.4) / 5), 12);
    // density: per-event ball counts 2, 1, 2, 0 (k = 1): population variance 0.6875, error sqrt(0.6875 / 4)
    expect(r.density.error).toBeCloseTo(Math.sqrt(0.6875 / 4), 12);
  });

  it('hand-computed with k = 2 on the same events', async () => {
    // reference radii (2nd nearest other) 3, 2, 3, 4, 7; generated 2.5, 2, 2.5, 18
    // y = 1.5 in the balls of 0, 1, 3; y = 2 in 0, 1, 3 (|2 - 6| = 4 is not < 4); y = 4 in 3, 6, 10; y = 20 in none
    //   => precision 3/4, density (3 + 3 + 3 + 0) / (2 x 4) = 9/8
    // x = 0 in the ball of 1.5 (1.5 < 2.5); 1, 3 likewise; 6 and 10 in the ball of 20 (14, 10 < 18) => recall 1
    // every reference ball holds a generated event (0: 1.5 < 3, ..., 10: |10 - 4| = 6 < 7)           => coverage 1
    const r = await prdc(ref, gen, { k: 2 });
    expect(values(r)).toEqual({ precision: 0.75, recall: 1, density: 1.125, coverage: 1 });
    expect(r.recall.error).toBe(0); // p = 1: the binomial error vanishes
  });

  it('weights the averages, and the errors use the Kish effective size', async () => {
    // generated weights 1, 1, 1, 3: the unmatched y = 20 carries half the weight; n_eff = 6^2 / 12 = 3
    const weighted = featureSample(Float64Array.of(1.5, 2, 4, 20), 1, { weights: [1, 1, 1, 3] });
    const r = await prdc(ref, weighted, { k: 1 });
    expect(r.precision.value).toBeCloseTo(0.5, 12);
    expect(r.precision.error).toBeCloseTo(Math.sqrt(0.25 / 3), 12);
    expect(r.density.value).toBeCloseTo(5 / 6, 12); // (2 + 1 + 2 + 3 x 0) / 6
    expect(r.recall.value).toBeCloseTo(3 / 5, 12); // reference unweighted: the balls do not carry weights
  });

  it('equals the reference algorithm on random samples of unequal sizes (300 vs 200 in 5-d, odd sizes cross tile edges)', async () => {
    const rng = new Rng(9);
    const a = gaussianSample(300, [0, 0, 0, 0, 0], identityCov(5), rng);
    const b = gaussianSample(200, [0.3, 0, 0, 0, 0], identityCov(5, 1.5), rng);
    for (const k of [1, 5]) expect(values(await prdc(a, b, { k }))).toEqual(naivePrdc(a.data, b.data, 5, k));
    expect(values(await prdc(b, a, { k: 3 }))).toEqual(naivePrdc(b.data, a.data, 5, 3));
  });

  it('counts duplicated events as neighbours at distance zero, like prdc', async () => {
    const x = featureSample(new Float64Array([0, 0, 1, 5]), 1);
    const y = featureSample(new Float64Array([0, 3]), 1);
    // real radii (k=1): 0, 0, 1, 4 -> fake 0 lies in no ball (strict <), fake 3 lies in the ball of 5 (|3-5| = 2 < 4)
    const r = prdcBatch(x, all(4), y, all(2), 1);
    expect(r.precision).toBeCloseTo(0.5, 12);
    expect(r.density).toBeCloseTo(0.5, 12);
  });

  it('on one distribution (3000 vs 2000 events in 4-d): density and coverage at their known values, within the reported errors', async () => {
    // Naeem et al. 2002.09797 (sec. 3.3): for identical distributions E[density] = 1 exactly (a new event
    // falls in a given k-NN ball with probability k/N by exchangeability) and E[coverage] =
    // 1 - C(N-1, k) / C(N+M-1, k) (no generated event among the k nearest of the merged sample).
    // Tolerance 5 sigma: the reported errors treat the per-event indicators as independent, which the
    // shared balls are not. A scan of this test over seeds 1..20 gave pulls of rms 1.6 (density) and 1.5
    // (coverage), largest 3.8: the one-evaluation errors are about 1.5x too small (see the README).
    const N = 3000, M = 2000, k = 5;
    let expectedMissed = 1;
    for (let i = 0; i < k; i++) expectedMissed *= (N - 1 - i) / (N + M - 1 - i);
    const rng = new Rng(21);
    const r = await prdc(gaussianSample(N, [0, 0, 0, 0], identityCov(4), rng), gaussianSample(M, [0, 0, 0, 0], identityCov(4), rng), { k });
    expect(Math.abs(r.density.value - 1)).toBeLessThan(5 * r.density.error);
    expect(Math.abs(r.coverage.value - (1 - expectedMissed))).toBeLessThan(5 * r.coverage.error);
    // precision and recall have no closed form: two independent draws agree within 3 combined errors
    // (the same scan: pulls of the difference rms 1.2 and 1.0, largest 2.4)
    const again = await prdc(gaussianSample(N, [0, 0, 0, 0], identityCov(4), rng), gaussianSample(M, [0, 0, 0, 0], identityCov(4), rng), { k });
    for (const key of ['precision', 'recall'] as const) {
      expect(Math.abs(r[key].value - again[key].value)).toBeLessThan(3 * Math.hypot(r[key].error, again[key].error));
    }
  });
});

describe('prdc in batches (batchSize / --prdc-batch)', () => {
  const rng = new Rng(5);
  const a = gaussianSample(300, [0, 0], identityCov(2), rng);
  const b = gaussianSample(200, [0, 0], identityCov(2), rng);

  it('applies batchSize to each sample, capped by its size, and averages up to 5 disjoint batches', async () => {
    expect(await prdc(a, b, { batchSize: 50 })).toMatchObject({ batchSize: 50, generatedBatchSize: 50, batches: 4, fullSamples: false });
    expect(await prdc(a, b, { batchSize: 250 })).toMatchObject({ batchSize: 250, generatedBatchSize: 200, batches: 1, fullSamples: false });
    expect(await prdc(a, b, { batchSize: 1000 })).toMatchObject({ batchSize: 300, generatedBatchSize: 200, batches: 1, fullSamples: true });
    expect(await prdc(a, b, { batches: 2 })).toMatchObject({ batchSize: 150, generatedBatchSize: 100, batches: 2 });
    const r = await prdc(a, b, { batchSize: 50, seed: 3 });
    expect(r.precision.meanError).toBeCloseTo(r.precision.error / 2, 12); // spread over 4 batches / sqrt(4)
    expect(values(r)).toEqual(values(await prdc(a, b, { batchSize: 50, seed: 3 }))); // one seed, one result
  });

  it('batch values are the reference algorithm on the batch events', async () => {
    const r = await prdc(a, b, { batchSize: 250, seed: 2 });
    // one batch: the reference algorithm on 250 reference events (a seeded draw) and all 200 generated
    expect(r.density.value).toBeGreaterThan(0.5);
    expect(r.precision.error).toBeCloseTo(Math.sqrt((r.precision.value * (1 - r.precision.value)) / 200), 12);
    expect(r.recall.error).toBeCloseTo(Math.sqrt((r.recall.value * (1 - r.recall.value)) / 250), 12);
  });

  it('responds to scaled covariances as Kansal et al. table 1: wider -> low precision, narrower -> low recall', async () => {
    const g = new Rng(3);
    const ref = gaussianSample(3000, [0, 0, 0, 0], identityCov(4), g);
    const same = await prdc(ref, gaussianSample(3000, [0, 0, 0, 0], identityCov(4), g), { batchSize: 1000 });
    const wide = await prdc(ref, gaussianSample(3000, [0, 0, 0, 0], identityCov(4, 10), g), { batchSize: 1000 });
    const narrow = await prdc(ref, gaussianSample(3000, [0, 0, 0, 0], identityCov(4, 0.1), g), { batchSize: 1000 });
    expect(same.precision.error).toBeGreaterThan(0);
    // three batches of 1000: spreads are ~0.01; the distortions move the values by > 0.2
    expect(wide.precision.value).toBeLessThan(same.precision.value - 0.2);
    expect(narrow.recall.value).toBeLessThan(same.recall.value - 0.2);
    expect(narrow.precision.value).toBeGreaterThanOrEqual(same.precision.value - 3 * same.precision.error);
    expect(wide.recall.value).toBeGreaterThanOrEqual(same.recall.value - 3 * same.recall.error);
  });
});

describe('prdc options', () => {
  const ref = featureSample(Float64Array.of(0, 1, 3, 6, 10), 1);
  const gen = featureSample(Float64Array.of(1.5, 2, 4, 20), 1);
  const error = async (run: Promise<unknown>): Promise<HepuqError> => {
    try {
      await run;
    } catch (e) {
      return e as HepuqError;
    }
    throw new Error('expected an error');
  };

  it('rejects batchSize < 2 and k >= events per batch with an InvalidArgument naming the option, with a hint', async () => {
    const small = await error(prdc(ref, gen, { batchSize: 1 }));
    expect(small).toBeInstanceOf(HepuqError);
    expect(small).toMatchObject({ code: 'InvalidArgument', message: expect.stringContaining('batchSize') });
    expect(small.hint).toMatch(/--prdc-batch/);
    const tooFew = await error(prdc(ref, gen, { k: 4 }));
    expect(tooFew).toMatchObject({ code: 'InvalidArgument', message: expect.stringMatching(/k = 4 needs more than 4 events .* 5 reference and 4 generated/) });
    expect(tooFew.hint).toMatch(/more than k events/);
    await expect(prdc(ref, gen, { k: 3 })).resolves.toMatchObject({ k: 3 });
    expect((await error(prdc(ref, gen, { k: 2, batchSize: 2 }))).message).toMatch(/2 reference and 2 generated/);
    expect((await error(prdc(ref, gen, { bogus: 1 } as never))).message).toMatch(/bogus/);
  });

  it('rejects threads < 1 or not an integer, naming the option', async () => {
    expect((await error(prdc(ref, gen, { threads: 0 }))).message).toMatch(/threads/);
    expect((await error(prdc(ref, gen, { threads: 1.5 }))).message).toMatch(/threads/);
  });

  it('threads: unset, the available cores for large batches and the calling thread for small ones; never more than the reference has row tiles', () => {
    expect(prdcThreads(100_000, 100_000, 20, undefined)).toBe(availableParallelism());
    expect(prdcThreads(1500, 1500, 3, undefined)).toBe(1); // 1.4e7 pair-dimensions: threads would cost more than they save
    expect(prdcThreads(3000, 2000, 4, 3)).toBe(3); // set: honoured, however small the batch
    expect(prdcThreads(100, 5000, 4, 8)).toBe(2); // 100 reference rows are 2 tiles of 64
  });
});
