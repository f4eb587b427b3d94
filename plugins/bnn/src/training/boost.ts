import { HepuqError, type Prediction } from '@hepuq/core';

export interface BoostOptions {
  by: 'pull' | 'sigma';
  after: number;
  max: number;
}

/**
 * Per-point loss weights n_j for precision regression (Badger, Butter, Luchmann, Pitz, Plehn
 * 2206.14831; Plehn 2022 "Precision amplitudes"): `pull`: n_j = clip(|y_j - <A>_j| / sigma_tot,j, 1, max),
 * so badly interpolated points count more; `sigma`: n_j = clip(sigma_tot,j / median sigma_tot, 1, max),
 * so the least constrained regions count more. The factors multiply the event weights (which are
 * normalised to mean 1 again), so they reshape the likelihood, not the ELBO normalisation.
 * @example boostFactors(await model.predict(train), train.target!, { by: 'pull', after: 0.5, max: 10 })
 */
export function boostFactors(pred: Prediction, y: Float32Array, opts: BoostOptions): Float32Array {
  if (pred.kind !== 'regression') throw new HepuqError('InvalidArgument', 'boosting needs a regression prediction');
  const n = y.length;
  const out = new Float32Array(n);
  if (opts.by === 'pull') {
    for (let i = 0; i < n; i++) out[i] = Math.abs(y[i] - pred.mean[i]) / pred.sigmaTot[i];
  } else {
    const sorted = Float32Array.from(pred.sigmaTot).sort();
    const median = sorted[Math.floor(n / 2)] || 1;
    for (let i = 0; i < n; i++) out[i] = pred.sigmaTot[i] / median;
  }
  for (let i = 0; i < n; i++) out[i] = Math.min(opts.max, Math.max(1, Number.isFinite(out[i]) ? out[i] : opts.max));
  return out;
}
