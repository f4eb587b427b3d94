import { HepuqError, type RegressionPrediction } from '@hepuq/core';

/**
 * Widen (factor > 1) or narrow a regression prediction about its mean by a per-event factor f_i:
 * sigmaStat, sigmaSyst and sigmaTot times f, replicas mu + f (r - mu), mixture means mu + f (mu_k - mu)
 * and sigmas f sigma_k. The mean is unchanged. One target only: a multi-target prediction is refused.
 */
export function scaleRegression(p: RegressionPrediction, factor: (i: number) => number): RegressionPrediction {
  if (p.targets) {
    throw new HepuqError('InvalidArgument', `a recalibration takes one target, got a prediction of ${p.targets.length}`, {
      hint: 'Recalibrate each target on its own (`targetAsPrediction(prediction.targets[t])`).',
    });
  }
  const n = p.mean.length;
  const f = new Float32Array(n);
  for (let i = 0; i < n; i++) f[i] = factor(i);
  const times = (a: Float32Array) => Float32Array.from(a, (v, i) => v * f[i]);
  const about = (a: Float32Array) => Float32Array.from(a, (v, i) => p.mean[i] + f[i] * (v - p.mean[i]));
  const out: RegressionPrediction = {
    kind: 'regression',
    mean: p.mean,
    sigmaStat: times(p.sigmaStat),
    sigmaSyst: times(p.sigmaSyst),
    sigmaTot: times(p.sigmaTot),
  };
  if (p.replicas) out.replicas = p.replicas.map(about);
  if (p.mixture) {
    out.mixture = { weights: p.mixture.weights, means: p.mixture.means.map(about), sigmas: p.mixture.sigmas.map(times) };
  }
  return out;
}
