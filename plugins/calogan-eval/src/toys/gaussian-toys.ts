import { HepuqError, type Rng } from '@hepuq/core';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { featureSample, type FeatureSample } from '../sample/feature-sample.js';

/**
 * n draws of N(mean, cov) (cov row-major d x d, positive definite) as a feature sample: x = mu + L z
 * with L the Cholesky factor — the Gaussian toys of Kansal et al. 2211.10295, section 4.
 * @example const ref = gaussianSample(2000, [0, 0], [1, 0.5, 0.5, 1], new Rng(1));
 */
export function gaussianSample(n: number, mean: readonly number[], cov: readonly number[], rng: Rng, source = 'gaussian toy'): FeatureSample {
  const d = mean.length;
  const chol = new CholeskyDecomposition(new Matrix(Array.from({ length: d }, (_, i) => cov.slice(i * d, i * d + d))));
  if (!chol.isPositiveDefinite()) throw new HepuqError('InvalidArgument', `gaussianSample: covariance is not positive definite`, { plugin: PLUGIN_NAME });
  const l = chol.lowerTriangularMatrix;
  const data = new Float64Array(n * d);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) z[k] = rng.normal();
    for (let a = 0; a < d; a++) {
      let s = mean[a];
      for (let k = 0; k <= a; k++) s += l.get(a, k) * z[k];
      data[i * d + a] = s;
    }
  }
  return featureSample(data, d, { source });
}

/** Identity covariance of dimension d (row-major). */
export function identityCov(d: number, variance = 1): number[] {
  return Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? variance : 0));
}

/**
 * The events of `sample` whose feature `feature` lies at or below `cut` (a dropped tail), so a
 * generator that never produces the tail can be mimicked.
 * @example const noTail = dropTail(gen, 0, 1.5);
 */
export function dropTail(sample: FeatureSample, feature: number, cut: number): FeatureSample {
  const keep: number[] = [];
  for (let i = 0; i < sample.n; i++) if (sample.data[i * sample.d + feature] <= cut) keep.push(i);
  const data = new Float64Array(keep.length * sample.d);
  keep.forEach((i, r) => data.set(sample.data.subarray(i * sample.d, (i + 1) * sample.d), r * sample.d));
  return featureSample(data, sample.d, { names: sample.names, source: `${sample.source} (tail of ${sample.names[feature]} > ${cut} dropped)` });
}

/** Concatenate samples with the same features (e.g. a two-component mixture). */
export function concatSamples(...samples: FeatureSample[]): FeatureSample {
  const d = samples[0].d;
  const data = new Float64Array(samples.reduce((s, x) => s + x.data.length, 0));
  let o = 0;
  for (const s of samples) {
    data.set(s.data, o);
    o += s.data.length;
  }
  return featureSample(data, d, { names: samples[0].names, source: samples.map((s) => s.source).join(' + ') });
}
