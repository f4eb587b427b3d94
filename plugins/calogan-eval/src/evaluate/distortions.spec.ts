import { EventBus, Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { logisticMethod } from '../test-support/logistic-method.js';
import { concatSamples, dropTail, gaussianSample, identityCov } from '../toys/gaussian-toys.js';
import { evaluateGenerator } from './evaluate-generator.js';
import type { GenEvalResult } from './gen-eval.result.js';

/**
 * Kansal et al. 2211.10295 (table 1) style Gaussian toys: a 3-d reference N(0, C) against generators
 * with one hand-made distortion each. Every number below is compared with its own error, so the
 * assertions hold at any seed with > 3 sigma margins (the distortions are chosen well above the noise
 * of 3000-event samples: e.g. FPD_inf error ~ 3e-3, KPD batch spread ~ 5e-3).
 */
const N = 3000;
const COV = [1, 0.4, 0, 0.4, 1, 0, 0, 0, 1];
const methods = { get: () => logisticMethod };
const env = (seed: number) => ({ methods, ctx: { rng: new Rng(seed), events: new EventBus() } });
// 20 KPD batches: the standard error of their mean is itself estimated from 20 values (Student t, 19 dof)
const options = { metrics: ['fpd', 'kpd', 'w1', 'prdc', 'separation', 'tails', 'classifier'] as const, prdc: { batchSize: 1000 }, kpd: { batches: 20 }, seed: 3 };

async function evaluate(gen: (rng: Rng) => ReturnType<typeof gaussianSample>, seed: number): Promise<GenEvalResult> {
  const rng = new Rng(seed);
  const ref = gaussianSample(N, [0, 0, 0], COV, rng, 'reference');
  return evaluateGenerator(ref, gen(rng), { ...options, metrics: [...options.metrics] }, env(seed));
}

const sig = (v: { value: number; error: number }) => v.value / v.error;

describe('gen-eval on Gaussian toys with hand-made distortions', () => {
  it('perfect generator: every summary row is compatible with its ideal', async () => {
    const r = await evaluate((rng) => gaussianSample(N, [0, 0, 0], COV, rng), 1);
    for (const row of r.summary) if (row.ideal !== null) expect(row.verdict, `${row.aspect} ${row.metric} pull ${row.pull}`).toBe('compatible');
    expect(Math.abs(sig(r.fpd!))).toBeLessThan(3);
    expect(Math.abs(r.kpd!.mean)).toBeLessThan(3 * r.kpd!.meanError);
    expect(Math.abs(r.classifier!.auc.value - 0.5)).toBeLessThan(3 * r.classifier!.auc.error);
  });

  it('shifted mean (0.5 sigma in x0): FPD ~ 0.25, KPD, W1(x0), separation(x0), AUC and the high-side tail all rise', async () => {
    const r = await evaluate((rng) => gaussianSample(N, [0.5, 0, 0], COV, rng), 2);
    // closed form: FD = |dmu|^2 = 0.25 (covariances equal)
    expect(Math.abs(r.fpd!.value - 0.25)).toBeLessThan(4 * r.fpd!.error);
    // one batch of 150 events barely sees it (median ~ 3 x its spread); the mean of 20 batches clearly does
    expect(r.kpd!.mean).toBeGreaterThan(5 * r.kpd!.meanError);
    const w1 = Object.fromEntries(r.w1!.features.map((f) => [f.feature, f]));
    expect(w1.x0.value).toBeGreaterThan(w1.x2.value + 3 * Math.hypot(w1.x0.error, w1.x2.error));
    expect(r.separation!.features[0].value).toBeGreaterThan(r.separation!.features[0].noiseFloor + 5 * r.separation!.features[0].error);
    expect(r.classifier!.auc.value).toBeGreaterThan(0.5 + 5 * r.classifier!.auc.error);
    // the low tail of x0 empties (ratio ~0.2), the high tail fills (ratio ~3.5)
    expect(r.tails!.worst.feature).toBe('x0');
    expect(r.tails!.sides.find((s) => s.feature === 'x0' && s.side === 'high')!.ratio).toBeGreaterThan(2);
    expect(r.tails!.sides.find((s) => s.feature === 'x0' && s.side === 'low')!.ratio).toBeLessThan(0.5);
    expect(r.summary.find((s) => s.aspect === 'correlations')!.verdict).toBe('deviates');
  });

  it('covariance x 4: precision falls, recall does not; FPD, KPD and both tails rise', async () => {
    const r = await evaluate((rng) => gaussianSample(N, [0, 0, 0], COV.map((c) => 4 * c), rng), 3);
    const same = await evaluate((rng) => gaussianSample(N, [0, 0, 0], COV, rng), 3);
    expect(r.prdc!.precision.value).toBeLessThan(same.prdc!.precision.value - 0.2);
    expect(r.prdc!.recall.value).toBeGreaterThan(same.prdc!.recall.value - 0.1);
    expect(sig(r.fpd!)).toBeGreaterThan(10);
    expect(r.kpd!.value).toBeGreaterThan(3 * r.kpd!.error);
    for (const side of r.tails!.sides) expect(side.ratio).toBeGreaterThan(3);
  });

  it('covariance / 4: recall and coverage fall, precision does not; the tails empty', async () => {
    const r = await evaluate((rng) => gaussianSample(N, [0, 0, 0], COV.map((c) => c / 4), rng), 4);
    const same = await evaluate((rng) => gaussianSample(N, [0, 0, 0], COV, rng), 4);
    expect(r.prdc!.recall.value).toBeLessThan(same.prdc!.recall.value - 0.2);
    expect(r.prdc!.coverage.value).toBeLessThan(same.prdc!.coverage.value - 0.2);
    expect(r.prdc!.precision.value).toBeGreaterThan(same.prdc!.precision.value - 0.05);
    for (const side of r.tails!.sides) expect(side.ratio).toBeLessThan(0.3);
  });

  it('dropped tail (x0 > 1.5 never generated): the tail ratio of x0 collapses to 0 while FPD barely moves', async () => {
    const r = await evaluate((rng) => dropTail(gaussianSample(Math.round(N / 0.93), [0, 0, 0], COV, rng), 0, 1.5), 5);
    const x0high = r.tails!.sides.find((s) => s.feature === 'x0' && s.side === 'high')!;
    expect(x0high.ratio).toBe(0);
    expect(Math.abs(x0high.pull)).toBeGreaterThan(5);
    expect(r.tails!.worst).toEqual(x0high);
    expect(r.summary.find((s) => s.aspect === 'tails')!.verdict).toBe('deviates');
    // the removed 7% of events shift the mean by ~0.13 sigma: FD ~ 0.03, far smaller than for the 0.5 sigma shift
    expect(r.fpd!.value).toBeLessThan(0.1);
    // w cannot fill a hole (no generated events there to reweight) but it points at the feature
    expect(r.classifier!.regions[0].feature).toBe('x0');
  });

  it('two-Gaussian mixture with the reference mean and covariance: FPD and KPD(3) are blind, W1 and separation are not, KPD(4) sees it', async () => {
    // x0 ~ (N(-0.9, 0.19) + N(0.9, 0.19))/2 has mean 0, variance 1 and no skew, like the reference, but
    // E[x0^4] = 1.69 instead of 3; x1, x2 independent N(0, 1)
    const cov = [0.19, 0, 0, 0, 1, 0, 0, 0, 1];
    const mixture = (rng: Rng) => concatSamples(gaussianSample(N / 2, [-0.9, 0, 0], cov, rng), gaussianSample(N / 2, [0.9, 0, 0], cov, rng));
    const rng = new Rng(6);
    const ref = gaussianSample(N, [0, 0, 0], identityCov(3), rng, 'reference');
    const gen = mixture(rng);
    const r = await evaluateGenerator(ref, gen, { ...options, metrics: [...options.metrics] }, env(6));
    // moments up to 3rd order agree, so FD and the degree-3 kernel have nothing to see
    expect(Math.abs(sig(r.fpd!))).toBeLessThan(3);
    expect(Math.abs(r.kpd!.mean)).toBeLessThan(3.5 * r.kpd!.meanError);
    expect(r.separation!.features[0].value).toBeGreaterThan(r.separation!.features[0].noiseFloor + 5 * r.separation!.features[0].error);
    const w1 = r.w1!.features[0];
    expect(w1.value).toBeGreaterThan(r.w1!.noiseFloor.value + 3 * w1.error);
    // (the quadratic logistic stand-in cannot see a symmetric bimodal x0 either: its log-ratio needs x^4; an MLP can)
    // the degree-4 kernel sees E[x0^4]: MMD^2 = 3^-4 (3 - 1.69)^2 = 0.021, measured on larger samples
    // (the moment expansion makes KPD O(n): 10 batches of 2000 cost milliseconds), sem ~ 0.003
    const bigRef = gaussianSample(20000, [0, 0, 0], identityCov(3), rng, 'reference');
    const bigGen = concatSamples(gaussianSample(10000, [-0.9, 0, 0], cov, rng), gaussianSample(10000, [0.9, 0, 0], cov, rng));
    const k3 = await evaluateGenerator(bigRef, bigGen, { metrics: ['kpd'], kpd: { degree: 3 }, seed: 3 });
    const k4 = await evaluateGenerator(bigRef, bigGen, { metrics: ['kpd'], kpd: { degree: 4 }, seed: 3 });
    expect(Math.abs(k3.kpd!.mean)).toBeLessThan(3.5 * k3.kpd!.meanError);
    expect(k4.kpd!.mean).toBeGreaterThan(5 * k4.kpd!.meanError);
    expect(Math.abs(k4.kpd!.mean - 0.021)).toBeLessThan(4 * k4.kpd!.meanError);
  });
});
