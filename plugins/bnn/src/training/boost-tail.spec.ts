import { describe, expect, it } from 'vitest';
import { Dataset, Rng } from '@hepuq/core';
import { amplitudeToy } from '@hepuq/datasets';
import { asRegression, testContext } from '../spec-helpers.js';
import { BnnOptions } from '../methods/bnn-options.js';
import { bnnMethod } from '../methods/bnn.method.js';

/**
 * The amplitude toy (D = 4, exact amplitudes, A from 0.7 to ~5e4) with target t = log A, as the
 * network of Badger et al. 2206.14831 regresses the log amplitude; `a` keeps A_true.
 */
function logAmplitudes(n: number, seed: number): { data: Dataset; a: Float32Array } {
  const raw = amplitudeToy.generate(n, { dim: 4 }, new Rng(seed));
  const data = new Dataset({ features: { ...raw.features }, target: Float32Array.from(raw.target!, Math.log), targetName: 'logA', source: 'amplitude-log' });
  return { data, a: raw.extras.true_mean };
}

/** RMS and mean of Delta = exp(<t>)/A_true - 1, and the mean pull (log A_true - <t>)/sigma_tot, where `mask` holds. */
function tailStats(a: Float32Array, mean: Float32Array, sigma: Float32Array, mask: (i: number) => boolean) {
  let n = 0;
  let d2 = 0;
  let pull = 0;
  for (let i = 0; i < a.length; i++) {
    if (!mask(i)) continue;
    n++;
    d2 += (Math.exp(mean[i]) / a[i] - 1) ** 2;
    pull += (Math.log(a[i]) - mean[i]) / sigma[i];
  }
  return { rms: Math.sqrt(d2 / n), pullMean: pull / n };
}

/** The median of `xs`. */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
}

/**
 * Loss boosting (`boost: { by: 'sigma' }`) in the sparse large-amplitude tail. The top 1% of A holds
 * ~90 of the 10^4 training events, and a plain fit underestimates it (Delta < 0, pulls > 0). Boosting
 * by sigma_tot / median sigma_tot up-weights the points the network is least sure about, which sit in
 * that tail, and cuts its relative error — in most trainings, not in every one.
 *
 * Measured in this setup (10^4 events, [32, 32], 30 epochs, 3e4 test events), top-1% RMS Delta ratio
 * sigma-boost / plain for seeds 1-16: with the in-kernel Philox noise 0.79, 0.96, 0.68, 0.97, 5.1,
 * 1.05, 0.58, 0.69, 0.96, 0.78, 0.71, 0.69, 0.82, 0.55, 0.55, 0.57 (median 0.75, 14 of 16 below 1);
 * with the earlier ziggurat noise 0.68, 0.71, 0.99, 0.76, 0.86, 0.55, 0.76, 0.74, 0.86, 1.46, 1.04,
 * 1.62, 0.91, 0.57, 1.11, 1.01 (median 0.86, 11 of 16). One training in 32 derailed (seed 5: tail 5x,
 * bulk 2.4x worse), so single seeds prove nothing and the test asserts medians over seeds 1-8 (the
 * first eight, not chosen): median ratio 0.88 here, and below 1 in 6 of 8. Against a control with the
 * boosted run's learning-rate schedule but all n_j = 1 the ratio was below 1 in 8 of 8 runs
 * (0.58-0.89), so the gain is the reweighting's. ~25 s of CPU.
 */
describe('bnn boost: sparse high-amplitude tail of the amplitude toy', () => {
  it('by: sigma lowers the top-1% relative error in most of eight seeds, without a larger tail pull bias or a worse bulk', async () => {
    const { app } = await testContext(1);
    const train = logAmplitudes(10_000, 101);
    const test = logAmplitudes(30_000, 102);
    const sorted = Float32Array.from(test.a).sort();
    const q90 = sorted[Math.floor(0.9 * test.a.length)];
    const q99 = sorted[Math.floor(0.99 * test.a.length)];
    const tail = (i: number) => test.a[i] >= q99;
    const bulk = (i: number) => test.a[i] < q90;
    const base = { hidden: [32, 32], epochs: 30, lr: 0.01, draws: 20 };
    const tailRatio: number[] = [];
    const bulkRatio: number[] = [];
    const plainPull: number[] = [];
    const boostedPull: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const run = async (options: BnnOptions) => {
        const model = await bnnMethod.fit(train.data, options, { rng: new Rng(seed), events: app.events });
        const p = asRegression(await model.predict(test.data));
        model.dispose();
        return { tail: tailStats(test.a, p.mean, p.sigmaTot, tail), bulk: tailStats(test.a, p.mean, p.sigmaTot, bulk) };
      };
      const plain = await run(BnnOptions.parse(base));
      const boosted = await run(BnnOptions.parse({ ...base, boost: { by: 'sigma', after: 0.5, max: 10 } }));
      tailRatio.push(boosted.tail.rms / plain.tail.rms);
      bulkRatio.push(boosted.bulk.rms / plain.bulk.rms);
      plainPull.push(Math.abs(plain.tail.pullMean));
      boostedPull.push(Math.abs(boosted.tail.pullMean));
    }
    app.dispose();
    // a median of 8 above 1 needs 4 of 8 trainings to get worse; 7 of 32 did in the runs above
    expect(median(tailRatio), `top-1% RMS Delta, boosted / plain: ${tailRatio.map((r) => r.toFixed(2))}`).toBeLessThan(1);
    expect(tailRatio.filter((r) => r < 1).length).toBeGreaterThanOrEqual(5);
    // calibration: the tail's mean pull (the plain fit's underestimate in sigma_tot units) does not
    // grow: medians 0.49 -> 0.34 here
    expect(median(boostedPull), 'median |top-1% pull mean|').toBeLessThan(median(plainPull) + 0.05);
    // the bulk (A below its 90% quantile) pays at most 10% in the median; measured 0.93
    expect(median(bulkRatio), 'bulk RMS Delta, boosted / plain').toBeLessThan(1.1);
  });
});
