import { Dataset, type ClassificationPrediction, type Rng } from '@hepuq/core';
import type { NuisanceAwareModel } from '../aware/nuisance-aware-model.js';

/** The aware-2d toy of the specs: signal ~ N(r (cos z, sin z), 0.7^2 I), background ~ N(-r (cos z, sin z), 0.7^2 I), r = 1. */
export const SIGMA = 0.7;
export const R = 1;
export const Z0 = Math.PI / 4;
export const Z_STD = 0.5;

/**
 * The exact Bayes posterior of the toy at equal class priors: P(s | x, z) = sigmoid(2 r x.(cos z, sin z) / sigma^2)
 * (log ratio of the two Gaussians). `predict` evaluates every event at its own Z column.
 */
export function analyticAwareModel(prior = { mean: Z0, std: Z_STD }, nuisance = 'z'): NuisanceAwareModel {
  const prob = (x1: number, x2: number, z: number): number => 1 / (1 + Math.exp((-2 * R * (x1 * Math.cos(z) + x2 * Math.sin(z))) / (SIGMA * SIGMA)));
  return {
    method: 'test/analytic-aware',
    task: 'classification',
    nuisance,
    prior,
    async probAt(data: Dataset, z: number) {
      const { x1, x2 } = data.features;
      return Float32Array.from({ length: data.n }, (_, i) => prob(x1[i], x2[i], z));
    },
    async predict(data: Dataset): Promise<ClassificationPrediction> {
      const { x1, x2 } = data.features;
      const zs = data.nuisances[nuisance];
      const p = Float32Array.from({ length: data.n }, (_, i) => prob(x1[i], x2[i], zs[i]));
      return { kind: 'classification', prob: p, sigmaProb: new Float32Array(data.n) };
    },
    async save() {},
    dispose() {},
  };
}

/** Events of the toy: at each value of `zs`, `nSignal` and `nBackground` events with the given weights. */
export function aware2d(rng: Rng, c: { zs: readonly number[]; nSignal: number; nBackground: number; signalWeight?: number; backgroundWeight?: number; source?: string }): Dataset {
  const n = c.zs.length * (c.nSignal + c.nBackground);
  const [x1, x2, label, z, w] = [0, 0, 0, 0, 0].map(() => new Float32Array(n));
  let i = 0;
  for (const zv of c.zs) {
    for (let j = 0; j < c.nSignal + c.nBackground; j++, i++) {
      const sig = j < c.nSignal;
      const sign = sig ? 1 : -1;
      x1[i] = sign * R * Math.cos(zv) + rng.normal(0, SIGMA);
      x2[i] = sign * R * Math.sin(zv) + rng.normal(0, SIGMA);
      label[i] = sig ? 1 : 0;
      z[i] = zv;
      w[i] = sig ? (c.signalWeight ?? 1) : (c.backgroundWeight ?? 1);
    }
  }
  return new Dataset({ features: { x1, x2 }, label, weights: w, nuisances: { z }, source: c.source ?? 'aware-2d (spec)' });
}
