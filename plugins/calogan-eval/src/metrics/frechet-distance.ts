import { HepuqError } from '@hepuq/core';
import { traceSqrtProduct } from '../linalg/trace-sqrt-product.js';
import { sampleMoments } from '../linalg/weighted-moments.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { FeatureSample } from '../sample/feature-sample.js';

/**
 * Frechet (2-Wasserstein) distance between Gaussians N(mu1, C1) and N(mu2, C2):
 * FD = |mu1 - mu2|^2 + Tr(C1 + C2 - 2 (C1 C2)^1/2) — Frechet 1957; Dowson & Landau 1982; Heusel et al. 1706.08500.
 * Covariances are row-major d x d.
 * @example frechetDistance(new Float64Array([0]), new Float64Array([1]), new Float64Array([1]), new Float64Array([4])) // 1 + (1 - 2)^2 = 2
 */
export function frechetDistance(mu1: Float64Array, cov1: Float64Array, mu2: Float64Array, cov2: Float64Array): number {
  const d = mu1.length;
  if (mu2.length !== d || cov1.length !== d * d || cov2.length !== d * d) {
    throw new HepuqError('ShapeMismatch', `frechetDistance: means of length ${d} and ${mu2.length}, covariances of ${cov1.length} and ${cov2.length} entries`, { plugin: PLUGIN_NAME });
  }
  let fd = 0;
  for (let a = 0; a < d; a++) fd += (mu1[a] - mu2[a]) ** 2 + cov1[a * d + a] + cov2[a * d + a];
  return fd - 2 * traceSqrtProduct(cov1, cov2, d);
}

/**
 * Frechet distance between the Gaussians fitted (weighted mean and covariance) to two samples at
 * their full size: biased upwards by O(1/n); use `fpdInfinity` for the extrapolated value.
 * @example const fd = frechetDistanceOfSamples(reference, generated);
 */
export function frechetDistanceOfSamples(reference: FeatureSample, generated: FeatureSample): number {
  const a = sampleMoments(reference.data, reference.d, reference.weights);
  const b = sampleMoments(generated.data, generated.d, generated.weights);
  return frechetDistance(a.mean, a.cov, b.mean, b.cov);
}
