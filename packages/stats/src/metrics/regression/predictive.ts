import { HepuqError, dataRow, type RegressionPrediction, Rng } from '@hepuq/core';
import { normalCdf, normalPdf } from '../../special/normal.js';

/** Which predictive distribution of a regression prediction a metric evaluates. */
export type PredictiveSource = 'gaussian' | 'mixture' | 'replicas';

/** PIT_i = F_i(y_i) of the Gaussian N(mu_i, sigmaTot_i^2): Phi((y - mu)/sigma). */
export function gaussianPit(mean: Float32Array, sigma: Float32Array, truth: Float32Array): Float64Array {
  const out = new Float64Array(truth.length);
  for (let i = 0; i < out.length; i++) out[i] = normalCdf((truth[i] - mean[i]) / sigma[i]);
  return out;
}

/** A per-event Gaussian mixture checked for shape, with component weights normalised per event. */
export interface Mixture {
  k: number;
  weights: Float64Array[];
  means: Float32Array[];
  sigmas: Float32Array[];
}

/** Validate `prediction.mixture` ([K][N] arrays, sigma > 0, weights >= 0) and normalise weights per event. */
export function checkedMixture(metric: string, p: RegressionPrediction, n: number): Mixture {
  const m = p.mixture;
  if (!m) throw new HepuqError('InvalidArgument', `metric "${metric}" needs prediction.mixture, which this prediction lacks`);
  const k = m.weights.length;
  if (k === 0 || m.means.length !== k || m.sigmas.length !== k) {
    throw new HepuqError('ShapeMismatch', `metric "${metric}": prediction.mixture has ${m.weights.length} weight, ${m.means.length} mean and ${m.sigmas.length} sigma arrays; expected the same K >= 1 of each ([K][N] layout)`);
  }
  const weights = m.weights.map(() => new Float64Array(n));
  for (let c = 0; c < k; c++) {
    for (const [name, arr] of [['weights', m.weights[c]], ['means', m.means[c]], ['sigmas', m.sigmas[c]]] as const) {
      if (arr.length !== n) throw new HepuqError('ShapeMismatch', `metric "${metric}": prediction.mixture.${name}[${c}] has ${arr.length} entries, truth has ${n}`);
    }
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) {
      const wc = m.weights[c][i];
      if (!(wc >= 0) || !(m.sigmas[c][i] > 0) || !Number.isFinite(m.means[c][i])) {
        throw new HepuqError('InvalidArgument', `metric "${metric}": mixture component ${c} at ${dataRow(i)} has weight ${wc}, mean ${m.means[c][i]}, sigma ${m.sigmas[c][i]}; weights must be >= 0, sigmas > 0`);
      }
      s += wc;
    }
    if (!(s > 0)) throw new HepuqError('InvalidArgument', `metric "${metric}": mixture weights at ${dataRow(i)} sum to ${s}`);
    for (let c = 0; c < k; c++) weights[c][i] = m.weights[c][i] / s;
  }
  return { k, weights, means: m.means, sigmas: m.sigmas };
}

/** Mixture PIT: F_i(y_i) = sum_k pi_ik Phi((y_i - mu_ik)/sigma_ik). */
export function mixturePit(m: Mixture, truth: Float32Array): Float64Array {
  const out = new Float64Array(truth.length);
  for (let c = 0; c < m.k; c++) {
    const pi = m.weights[c];
    const mu = m.means[c];
    const sd = m.sigmas[c];
    for (let i = 0; i < out.length; i++) out[i] += pi[i] * normalCdf((truth[i] - mu[i]) / sd[i]);
  }
  return out;
}

/** Mixture negative log density per event: -log sum_k pi_k phi((y - mu_k)/sigma_k)/sigma_k (log-sum-exp). */
export function mixtureNll(m: Mixture, truth: Float32Array): Float64Array {
  const out = new Float64Array(truth.length);
  const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  for (let i = 0; i < out.length; i++) {
    let max = -Infinity;
    for (let c = 0; c < m.k; c++) {
      const z = (truth[i] - m.means[c][i]) / m.sigmas[c][i];
      const l = Math.log(m.weights[c][i]) - Math.log(m.sigmas[c][i]) - 0.5 * z * z;
      if (l > max) max = l;
    }
    let s = 0;
    for (let c = 0; c < m.k; c++) {
      const z = (truth[i] - m.means[c][i]) / m.sigmas[c][i];
      s += Math.exp(Math.log(m.weights[c][i]) - Math.log(m.sigmas[c][i]) - 0.5 * z * z - max);
    }
    out[i] = HALF_LOG_2PI - max - Math.log(s);
  }
  return out;
}

/** A(m, s) = 2 s phi(m/s) + m (2 Phi(m/s) - 1) = E|X| for X ~ N(m, s^2). */
function foldedNormalMean(m: number, s: number): number {
  const z = m / s;
  return 2 * s * normalPdf(z) + m * (2 * normalCdf(z) - 1);
}

/**
 * Closed-form CRPS of a Gaussian mixture: sum_k pi_k A(y - mu_k, sigma_k) - 1/2 sum_jk pi_j pi_k
 * A(mu_j - mu_k, sqrt(sigma_j^2 + sigma_k^2)) — Grimit et al., Q. J. R. Meteorol. Soc. 132 (2006) 2925, eq. 5.
 */
export function mixtureCrps(m: Mixture, truth: Float32Array): Float64Array {
  const out = new Float64Array(truth.length);
  for (let i = 0; i < out.length; i++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < m.k; j++) {
      const pj = m.weights[j][i];
      a += pj * foldedNormalMean(truth[i] - m.means[j][i], m.sigmas[j][i]);
      for (let k = 0; k < m.k; k++) {
        const s = Math.hypot(m.sigmas[j][i], m.sigmas[k][i]);
        b += pj * m.weights[k][i] * foldedNormalMean(m.means[j][i] - m.means[k][i], s);
      }
    }
    out[i] = a - 0.5 * b;
  }
  return out;
}

/** Per-event results from replica samples: randomised PIT and the fair (unbiased) sample CRPS. */
export interface SampleScores {
  pit: Float64Array;
  crps: Float64Array;
}

/**
 * Randomised PIT (k_< + U (k_= + 1))/(R + 1), U(0,1) exactly under calibration (Czado et al., Biometrics 65
 * (2009) 1254), and the fair CRPS (1/R) sum|x_r - y| - 1/(2R(R-1)) sum_rs |x_r - x_s| (energy form, unbiased;
 * Gneiting & Raftery, JASA 102 (2007) eq. 21; Ferro, Q. J. R. Meteorol. Soc. 140 (2014) 1917), O(R log R)
 * per event via sum_rs |x_r - x_s| = 2 sum_i x_(i) (2i - R + 1). With `noise`, replica r of event i is
 * x_ri + noise_i eps_ri, eps ~ N(0,1): samples of the predictive mixture of N(x_r, noise^2) (function
 * draws plus the aleatoric sigmaSyst).
 */
export function sampleScores(replicas: Float32Array[], truth: Float32Array, rng: Rng, noise?: Float32Array): SampleScores {
  const r = replicas.length;
  const n = truth.length;
  const pit = new Float64Array(n);
  const crps = new Float64Array(n);
  const x = new Float64Array(r);
  for (let i = 0; i < n; i++) {
    const y = truth[i];
    const s = noise ? noise[i] : 0;
    let below = 0;
    let equal = 0;
    let abs = 0;
    for (let q = 0; q < r; q++) {
      const v = s > 0 ? replicas[q][i] + s * rng.normal() : replicas[q][i];
      x[q] = v;
      if (v < y) below++;
      else if (v === y) equal++;
      abs += Math.abs(v - y);
    }
    x.sort();
    let spread = 0;
    for (let q = 0; q < r; q++) spread += x[q] * (2 * q - r + 1);
    pit[i] = (below + rng.uniform() * (equal + 1)) / (r + 1);
    crps[i] = abs / r - spread / (r * (r - 1));
  }
  return { pit, crps };
}

/** Validate replicas [R][N] with R >= 2 finite draws per event. */
export function checkedReplicas(metric: string, p: RegressionPrediction, n: number): Float32Array[] {
  const reps = p.replicas;
  if (!reps || reps.length < 2) {
    throw new HepuqError('InvalidArgument', `metric "${metric}" needs prediction.replicas with at least 2 replicas, got ${reps?.length ?? 0}`);
  }
  reps.forEach((rep, q) => {
    if (rep.length !== n) throw new HepuqError('ShapeMismatch', `metric "${metric}": prediction.replicas[${q}] has ${rep.length} entries, truth has ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(rep[i])) throw new HepuqError('NonFiniteValue', `metric "${metric}": prediction.replicas[${q}] is ${rep[i]} at ${dataRow(i)}`);
    }
  });
  return reps;
}
