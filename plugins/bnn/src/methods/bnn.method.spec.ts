import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ofType, Rng } from '@hepuq/core';
import { heteroscedastic1dToy } from '@hepuq/datasets';
import { asRegression, meanWhere, pullStats, testContext } from '../spec-helpers.js';
import { BnnOptions } from './bnn-options.js';
import { bnnMethod } from './bnn.method.js';

describe('bnn regression (heteroscedastic-1d, 10^4 training events)', () => {
  it('is calibrated: pulls ~ N(0, 1), 68.3%/95.4% coverage, sigma_syst tracks the true noise; saves, loads and frees its tensors', async () => {
    const { app, ctx } = await testContext(1);
    const train = heteroscedastic1dToy.generate(10_000, {}, new Rng(11));
    const test = heteroscedastic1dToy.generate(10_000, {}, new Rng(12));
    const epochs: { loss: number; terms?: Record<string, number> }[] = [];
    app.events.events$.pipe(ofType('fit:epoch')).subscribe((e) => epochs.push(e.payload));
    const before = tf.memory().numTensors;
    const options = BnnOptions.parse({ epochs: 60, lr: 1e-2 });
    const model = await bnnMethod.fit(train, options, ctx);
    const pred = asRegression(await model.predict(test, { replicas: 20 }));

    // 10^4 test events: the pull std of a N(0, 1) sample has standard error 0.007 and a coverage
    // fraction sqrt(p(1-p)/n) <= 0.005, so the bands (std 0.9-1.1, coverage +-0.03) test the
    // method at >5 standard errors, leaving room for the network's approximation error.
    // The pull mean is not limited by the test sample (standard error 0.01) but by the fit: over fit
    // seeds 1-5 it was -0.052, 0.019, 0.013, -0.076, 0.006 (std 0.04), a coherent shift of the learned
    // mean that sigma_stat does not fully cover (a calibration debt, tracked as such). 0.1 is 2.5
    // times that seed-to-seed spread.
    const pulls = pullStats(test.target!, pred.mean, pred.sigmaTot);
    expect(Math.abs(pulls.mean)).toBeLessThan(0.1);
    expect(pulls.std).toBeGreaterThan(0.9);
    expect(pulls.std).toBeLessThan(1.1);
    expect(Math.abs(pulls.cover1 - 0.6827)).toBeLessThan(0.03);
    expect(Math.abs(pulls.cover2 - 0.9545)).toBeLessThan(0.03);

    // sigma_syst tracks the true noise s(x) = 0.2 + 0.1 sin x (range 0.1-0.3): on average within 10%,
    // and in the low-noise (s < 0.15) and high-noise (s > 0.25) regions separately within 20%
    const truth = test.extras.true_sigma;
    const ratio = Float64Array.from(pred.sigmaSyst, (s, i) => s / truth[i]);
    expect(Math.abs(meanWhere(ratio) - 1)).toBeLessThan(0.1);
    expect(Math.abs(meanWhere(ratio, (i) => truth[i] < 0.15) - 1)).toBeLessThan(0.2);
    expect(Math.abs(meanWhere(ratio, (i) => truth[i] > 0.25) - 1)).toBeLessThan(0.2);
    // with 10^4 events the statistical part is well below the label noise (Plehn 2022: sigma_stoch >> sigma_pred)
    expect(meanWhere(pred.sigmaStat)).toBeGreaterThan(0);
    expect(meanWhere(pred.sigmaStat)).toBeLessThan(0.5 * meanWhere(pred.sigmaSyst));

    // fit events report the per-event ELBO term by term: loss = nll + kl, kl = KL / N_train > 0
    expect(epochs).toHaveLength(60);
    for (const e of epochs) {
      expect(e.terms!.kl).toBeGreaterThan(0);
      expect(Math.abs(e.terms!.nll + e.terms!.kl - e.loss)).toBeLessThan(1e-4 * (1 + Math.abs(e.loss)));
    }

    // replicas: R coherent draws whose mean is close to the prediction (20 of 100 draws: the mean
    // of 20 draws scatters by sigma_stat / sqrt(20), so allow 3 of those)
    expect(pred.replicas).toHaveLength(20);
    const r0 = pred.replicas!.map((r) => r[0]);
    const rMean = r0.reduce((a, b) => a + b, 0) / r0.length;
    expect(Math.abs(rMean - pred.mean[0])).toBeLessThan(3 * pred.sigmaStat[0] / Math.sqrt(20) + 1e-6);

    // save / load: identical predictions for the same draw seed
    const dir = await mkdtemp(join(tmpdir(), 'bnn-'));
    await model.save(join(dir, 'model'));
    const loaded = await bnnMethod.load(join(dir, 'model'), ctx);
    const small = test.subset(Int32Array.from({ length: 500 }, (_, i) => i));
    const [a, b] = [asRegression(await model.predict(small, { seed: 7 })), asRegression(await loaded.predict(small, { seed: 7 }))];
    expect(Array.from(b.mean)).toEqual(Array.from(a.mean));
    expect(Array.from(b.sigmaStat)).toEqual(Array.from(a.sigmaStat));
    expect(Array.from(b.sigmaSyst)).toEqual(Array.from(a.sigmaSyst));
    // another seed gives other draws
    const c = asRegression(await model.predict(small, { seed: 8 }));
    expect(Array.from(c.sigmaStat)).not.toEqual(Array.from(a.sigmaStat));
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await rm(dir, { recursive: true });
    app.dispose();
  });
});
