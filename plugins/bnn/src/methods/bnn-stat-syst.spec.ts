import { describe, expect, it } from 'vitest';
import { Dataset, Rng } from '@hepuq/core';
import { gap1dToy, heteroscedastic1dToy } from '@hepuq/datasets';
import { asRegression, meanWhere, testContext } from '../spec-helpers.js';
import { BnnOptions } from './bnn-options.js';
import { bnnMethod } from './bnn.method.js';

/** An evenly spaced x grid on [lo, hi] (truth columns are not needed: we look at sigmas only). */
function grid(lo: number, hi: number, n: number): Dataset {
  return new Dataset({ features: { x: Float32Array.from({ length: n }, (_, i) => lo + ((hi - lo) * (i + 0.5)) / n) }, source: 'grid' });
}

/** Train with the same number of optimiser steps (~2000) whatever N, so only the data size differs. */
function optionsFor(n: number): BnnOptions {
  return BnnOptions.parse({ epochs: Math.round((2000 * 256) / n), lr: 1e-2, hidden: [16, 16] });
}

describe('bnn: sigma_stat is the training-statistics uncertainty, sigma_syst the label noise', () => {
  it('sigma_stat shrinks like 1/sqrt(N) (factor 1.4-2.8 per 4x N) while sigma_syst stays flat', async () => {
    const { app, ctx } = await testContext(3);
    // away from the ends of the training range, where extrapolation (not statistics) dominates sigma_stat
    const x = grid(-2.5, 2.5, 2000);
    const sigmas: { stat: number; syst: number }[] = [];
    for (const n of [2500, 10_000]) {
      const model = await bnnMethod.fit(heteroscedastic1dToy.generate(n, {}, new Rng(n)), optionsFor(n), ctx);
      const p = asRegression(await model.predict(x));
      sigmas.push({ stat: meanWhere(p.sigmaStat), syst: meanWhere(p.sigmaSyst) });
      model.dispose();
    }
    const statRatio = sigmas[0].stat / sigmas[1].stat;
    // 1/sqrt(N) predicts 2; the band 1.4-2.8 (a factor sqrt 2 either way) absorbs the
    // variational approximation and the seed-to-seed scatter of one training (~10% on a mean sigma).
    // Measured here: 1.6 (mean-field VI shrinks sigma_stat a little slower than 1/sqrt(N): widths of
    // weights the data barely constrain stay at the prior for every N)
    expect(statRatio).toBeGreaterThan(1.4);
    expect(statRatio).toBeLessThan(2.8);
    // the label noise does not depend on N: the learned sigma_syst agrees within 15% (its own
    // finite-sample error with 2500 events is a few percent, the rest is network bias)
    expect(Math.abs(sigmas[0].syst / sigmas[1].syst - 1)).toBeLessThan(0.15);
    app.dispose();
  });

  it('sigma_stat is larger where training data is missing (gap toy), with two and with three hidden layers, and sigma_syst is not what grows there', async () => {
    const train = gap1dToy.generate(5000, {}, new Rng(41));
    const x = grid(-3, 3, 3000);
    const inGap = (i: number) => Math.abs(x.features.x[i]) < 0.7;
    const onIsland = (i: number) => Math.abs(x.features.x[i]) > 1.3 && Math.abs(x.features.x[i]) < 2.7;
    const gapRatio = async (hidden: number[], seed: number) => {
      const { app, ctx } = await testContext(seed);
      const model = await bnnMethod.fit(train, BnnOptions.parse({ epochs: 60, lr: 1e-2, hidden }), ctx);
      const p = asRegression(await model.predict(x));
      model.dispose();
      app.dispose();
      return { stat: meanWhere(p.sigmaStat, inGap) / meanWhere(p.sigmaStat, onIsland), syst: meanWhere(p.sigmaSyst, inGap) / meanWhere(p.sigmaSyst, onIsland) };
    };
    // 2500 events per island constrain the function to a few percent of the noise there; in the gap
    // only the prior and the network's depth do (mean-field VI's known in-between weakness: Foong et
    // al. 1906.11537: a single layer [128] gives 0.27-0.35, sigma_stat smaller in the gap). Measured
    // gap / island sigma_stat for testContext(4..9): [64, 64, 64] 3.18, 3.64, 4.47, 3.63, 2.74, 2.28;
    // [32, 32] 3.62, 2.92, 3.08, 3.05, 2.46, 2.25. Depth adds on average ~15% (per seed 0.88-1.45x), so
    // no depth ordering is asserted: one seed's 1.5x was not reproducible.
    for (const hidden of [[64, 64, 64], [32, 32]]) {
      const ratios = [];
      for (const seed of [4, 5, 6]) ratios.push(await gapRatio(hidden, seed));
      for (const r of ratios) {
        expect(r.stat, `[${hidden}]`).toBeGreaterThan(1.5); // the lowest of 12 fits: 2.25
        // the extra uncertainty in the gap is statistical: it grows more than the learned noise does
        expect(r.stat, `[${hidden}]`).toBeGreaterThan(r.syst);
      }
      // the mean of three fits (per-fit scatter ~0.6) is well above 2: 3.76 and 3.21 here
      expect(ratios.reduce((t, r) => t + r.stat, 0) / ratios.length, `[${hidden}] mean gap ratio`).toBeGreaterThan(2.5);
    }
  });
});
