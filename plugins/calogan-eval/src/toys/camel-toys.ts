import type { Rng } from '@hepuq/core';
import { sampleMoments } from '../linalg/weighted-moments.js';
import { featureSample, type FeatureSample } from '../sample/feature-sample.js';
import { gaussianSample } from './gaussian-toys.js';

/** A 1-D mixture of Gaussians: weights (summing to 1), means and widths. */
export interface Mixture1d {
  weights: number[];
  means: number[];
  sigmas: number[];
}

/**
 * The camel back of Butter et al. 2008.06545 (section 2), here p(x) = 0.5 N(-2, 0.6) + 0.5 N(2, 0.6):
 * two well-separated humps, so a fit or a generator has to place both modes and the valley.
 */
export const CAMEL: Mixture1d = { weights: [0.5, 0.5], means: [-2, 2], sigmas: [0.6, 0.6] };

/**
 * n draws of a 1-D Gaussian mixture (feature `x`), component by inverse-CDF of a uniform.
 * @example const truth = mixtureSample(1_000_000, CAMEL, new Rng(1), 'truth');
 */
export function mixtureSample(n: number, m: Mixture1d, rng: Rng, source = 'camel toy'): FeatureSample {
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    let k = 0;
    let acc = m.weights[0];
    while (u >= acc && k < m.weights.length - 1) acc += m.weights[++k];
    data[i] = rng.normal(m.means[k], m.sigmas[k]);
  }
  return featureSample(data, 1, { names: ['x'], source });
}

/**
 * Maximum-likelihood fit of a K-component 1-D Gaussian mixture by expectation-maximisation (Dempster,
 * Laird, Rubin 1977), started from `start` (e.g. the true parameters: the fit's error is then purely
 * statistical) and run `iterations` times; widths are floored at 1e-3 of the sample spread.
 * @example const fit = fitMixture1d(train, CAMEL); mixtureSample(100_000, fit, rng, 'fit')
 */
export function fitMixture1d(sample: FeatureSample, start: Mixture1d, iterations = 200): Mixture1d {
  const x = sample.data;
  const n = sample.n;
  const k = start.weights.length;
  const m: Mixture1d = { weights: [...start.weights], means: [...start.means], sigmas: [...start.sigmas] };
  const floor = 1e-3 * Math.sqrt(sampleMoments(x, 1).cov[0]);
  const r = new Float64Array(n * k);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      let total = 0;
      for (let c = 0; c < k; c++) {
        const z = (x[i] - m.means[c]) / m.sigmas[c];
        r[i * k + c] = (m.weights[c] / m.sigmas[c]) * Math.exp(-0.5 * z * z);
        total += r[i * k + c];
      }
      for (let c = 0; c < k; c++) r[i * k + c] = total > 0 ? r[i * k + c] / total : 1 / k;
    }
    for (let c = 0; c < k; c++) {
      let sr = 0, sx = 0, sxx = 0;
      for (let i = 0; i < n; i++) {
        sr += r[i * k + c];
        sx += r[i * k + c] * x[i];
      }
      const mu = sx / sr;
      for (let i = 0; i < n; i++) sxx += r[i * k + c] * (x[i] - mu) ** 2;
      m.weights[c] = sr / n;
      m.means[c] = mu;
      m.sigmas[c] = Math.max(floor, Math.sqrt(sxx / sr));
    }
  }
  return m;
}

/**
 * n draws of the Gaussian with the sample's mean and covariance (maximum likelihood up to n/(n-1)): the
 * parametric fit of a Gaussian toy.
 * @example const fitted = gaussianFitSample(train, 100_000, new Rng(3));
 */
export function gaussianFitSample(sample: FeatureSample, n: number, rng: Rng, source = 'Gaussian fit'): FeatureSample {
  const { mean, cov } = sampleMoments(sample.data, sample.d, sample.weights);
  const drawn = gaussianSample(n, Array.from(mean), Array.from(cov), rng, source);
  return { ...drawn, names: sample.names };
}
