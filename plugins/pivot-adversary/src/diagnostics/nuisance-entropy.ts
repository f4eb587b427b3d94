import { HepuqError, parseOrThrow, z } from '@hepuq/core';
import { argsortFloat32, weightSummary } from '@hepuq/stats';

/** Options of `nuisanceEntropy`. */
export const NuisanceEntropyOptions = z
  .object({
    /** Gaussian components K of the mixture fitted to continuous Z (the adversary's mixture-density head). */
    components: z.number().int().min(1).max(50).default(1),
    /** Z with at most this many distinct values is discrete. */
    maxDiscrete: z.number().int().min(1).default(10),
    /** EM stops when the mean NLL changes by less than this (nats; far below its statistical error), or after maxIterations. */
    tolerance: z.number().positive().default(1e-5),
    maxIterations: z.number().int().min(1).default(500),
  })
  .strict();
export type NuisanceEntropyOptions = z.input<typeof NuisanceEntropyOptions>;

export interface NuisanceEntropy {
  /** Entropy in nats: the loss an adversary that learns nothing from the classifier output reaches. */
  value: number;
  /** Statistical error (delta method over the events, Kish effective size), nats. */
  error: number;
  kind: 'discrete' | 'continuous';
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** H = -sum_k p_k ln p_k over weighted class frequencies; error sqrt((sum_k p_k ln^2 p_k - H^2) / Neff). */
function discreteEntropy(zv: Float32Array, w: Float32Array, neff: number): NuisanceEntropy {
  const mass = new Map<number, number>();
  let total = 0;
  zv.forEach((v, i) => {
    mass.set(v, (mass.get(v) ?? 0) + w[i]);
    total += w[i];
  });
  let h = 0;
  let h2 = 0;
  for (const m of mass.values()) {
    const p = m / total;
    if (p > 0) {
      h -= p * Math.log(p);
      h2 += p * Math.log(p) ** 2;
    }
  }
  return { value: h, error: Math.sqrt(Math.max(h2 - h * h, 0) / neff), kind: 'discrete' };
}

/**
 * Weighted EM for a K-component 1-D Gaussian mixture (Dempster, Laird, Rubin 1977), deterministic start: means
 * at the weighted quantiles (k + 1/2)/K, common variance var(Z)/K^2, equal fractions; variances floored at
 * 1e-6 var(Z). Returns the per-event log-likelihood at convergence.
 */
function mixtureLogLikelihood(zv: Float32Array, w: Float32Array, k: number, tol: number, maxIter: number): Float64Array {
  const n = zv.length;
  const order = argsortFloat32(zv);
  let total = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    total += w[i];
    mean += w[i] * zv[i];
  }
  mean /= total;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += w[i] * (zv[i] - mean) ** 2;
  variance /= total;
  const floor = 1e-6 * variance;
  const mu = new Float64Array(k);
  let cum = 0;
  let c = 0;
  for (let j = 0; j < n && c < k; j++) {
    cum += w[order[j]];
    while (c < k && cum >= ((c + 0.5) / k) * total) mu[c++] = zv[order[j]];
  }
  const sigma2 = new Float64Array(k).fill(variance / (k * k));
  const pi = new Float64Array(k).fill(1 / k);
  const resp = new Float64Array(n * k);
  const logLik = new Float64Array(n);
  let previous = Infinity;
  for (let iter = 0; iter < maxIter; iter++) {
    // E step (log-sum-exp per event) and the mean NLL at the current parameters
    let nll = 0;
    const norm = Float64Array.from(pi, (p, j) => Math.log(p) - 0.5 * Math.log(sigma2[j]) - HALF_LOG_2PI);
    const halfPrecision = Float64Array.from(sigma2, (v) => 0.5 / v);
    for (let i = 0; i < n; i++) {
      let top = -Infinity;
      for (let j = 0; j < k; j++) {
        const d = zv[i] - mu[j];
        const l = norm[j] - d * d * halfPrecision[j];
        resp[i * k + j] = l;
        top = Math.max(top, l);
      }
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(resp[i * k + j] - top);
      logLik[i] = top + Math.log(s);
      for (let j = 0; j < k; j++) resp[i * k + j] = Math.exp(resp[i * k + j] - logLik[i]);
      nll -= w[i] * logLik[i];
    }
    nll /= total;
    if (Math.abs(previous - nll) < tol) break;
    previous = nll;
    // M step
    for (let j = 0; j < k; j++) {
      let sw = 0;
      let sx = 0;
      for (let i = 0; i < n; i++) {
        const r = w[i] * resp[i * k + j];
        sw += r;
        sx += r * zv[i];
      }
      if (!(sw > 0)) continue; // an emptied component keeps its parameters
      mu[j] = sx / sw;
      let sv = 0;
      for (let i = 0; i < n; i++) sv += w[i] * resp[i * k + j] * (zv[i] - mu[j]) ** 2;
      sigma2[j] = Math.max(sv / sw, floor);
      pi[j] = sw / total;
    }
  }
  return logLik;
}

/**
 * Entropy of the nuisance Z in nats: the loss an uninformed adversary reaches, so a pivot's adversary loss
 * should approach it. Discrete Z (<= maxDiscrete values): H = -sum_k p_k ln p_k of the weighted frequencies
 * (the cross-entropy of a classifier adversary predicting the priors). Continuous Z: the weighted mean NLL of a
 * K-component Gaussian mixture fitted by EM (what a K-component mixture-density adversary reaches; for
 * Gaussian Z it is 1/2 ln(2 pi e sigma^2)) — Louppe, Kagan, Cranmer 1611.01046, sec. 3 (L_r -> H(Z)).
 * @example nuisanceEntropy(ds.nuisances.z, ds.weights, { components: 5 }) // { value, error, kind }
 */
export function nuisanceEntropy(zv: Float32Array, weights: Float32Array, opts: NuisanceEntropyOptions = {}): NuisanceEntropy {
  const o = parseOrThrow(NuisanceEntropyOptions, opts, { code: 'InvalidArgument', where: 'nuisanceEntropy options' });
  if (weights.length !== zv.length) {
    throw new HepuqError('ShapeMismatch', `nuisanceEntropy: z has ${zv.length} entries, weights ${weights.length}; they must match`);
  }
  const summary = weightSummary(weights);
  if (!(summary.sumW > 0) || zv.length < 2) {
    throw new HepuqError('InvalidArgument', `nuisanceEntropy: needs at least 2 events with a positive weight sum, got ${zv.length} events summing to ${summary.sumW}`, {
      hint: 'Pass the nuisance column of a dataset with events and its event weights.',
    });
  }
  if (new Set(zv).size <= o.maxDiscrete) return discreteEntropy(zv, weights, summary.neff);
  const logLik = mixtureLogLikelihood(zv, weights, o.components, o.tolerance, o.maxIterations);
  let value = 0;
  for (let i = 0; i < zv.length; i++) value -= weights[i] * logLik[i];
  value /= summary.sumW;
  let spread = 0;
  for (let i = 0; i < zv.length; i++) spread += weights[i] * (-logLik[i] - value) ** 2;
  spread /= summary.sumW;
  return { value, error: Math.sqrt(spread / summary.neff), kind: 'continuous' };
}
