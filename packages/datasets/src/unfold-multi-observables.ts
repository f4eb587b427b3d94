import { HepuqError } from '@hepuq/core';
import { normalBinProbabilities } from './normal-bins.js';

/** Observables of `unfold-multi`, in column order (features gen_<obs>, reco_<obs>). */
export const UNFOLD_MULTI_OBSERVABLES = ['mass', 'width', 'mult'] as const;
export type UnfoldMultiObservable = (typeof UNFOLD_MULTI_OBSERVABLES)[number];
export type UnfoldMultiSample = 'sim' | 'nature';
export type UnfoldMultiTriple = readonly [number, number, number];

/**
 * Latent Gaussians z ~ N(mean, corr) (unit variances) of the two samples: nature is shifted by 0.2-0.3 sigma
 * and correlated differently, so an unfolding of sim to nature has work to do in every marginal and in the
 * correlations. Heavier jets are wider and have more constituents (positive correlations).
 */
export const UNFOLD_MULTI_SAMPLES: Readonly<Record<UnfoldMultiSample, { mean: UnfoldMultiTriple; corr: readonly UnfoldMultiTriple[] }>> = {
  sim: { mean: [0, 0, 0], corr: [[1, 0.5, 0.4], [0.5, 1, 0.3], [0.4, 0.3, 1]] },
  nature: { mean: [0.3, -0.2, 0.25], corr: [[1, 0.6, 0.5], [0.6, 1, 0.2], [0.5, 0.2, 1]] },
};

/** Latent mean of the fakes (independent unit-variance components): light, wide, few constituents. */
export const UNFOLD_MULTI_FAKE_MEAN: UnfoldMultiTriple = [-1, 1, -0.8];

interface ObservableMap {
  /** The increasing map x = g(z). */
  fromLatent(z: number): number;
  /** z = g^-1(x); -Infinity / Infinity below / above the range of g. */
  toLatent(x: number): number;
  /** log dz/dx (the Jacobian of the change of variables), inside the range. */
  logJacobian(x: number): number;
}

/** log(1 + e^t) without overflow. */
const softplus = (t: number): number => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));

/**
 * mass = 20 e^{z/2} (log-normal, GeV-like); width = logistic(-1.5 + 0.6 z) in (0, 1) (median 0.18);
 * mult = 12 softplus(1.5 + z/2) > 0 (a continuous constituent count, median 20, compressed lower tail).
 */
const MAPS: Readonly<Record<UnfoldMultiObservable, ObservableMap>> = {
  mass: {
    fromLatent: (z) => 20 * Math.exp(z / 2),
    toLatent: (x) => (x > 0 ? 2 * Math.log(x / 20) : -Infinity),
    logJacobian: (x) => Math.LN2 - Math.log(x),
  },
  width: {
    fromLatent: (z) => 1 / (1 + Math.exp(1.5 - 0.6 * z)),
    toLatent: (x) => (x <= 0 ? -Infinity : x >= 1 ? Infinity : (Math.log(x / (1 - x)) + 1.5) / 0.6),
    logJacobian: (x) => -Math.log(0.6 * x * (1 - x)),
  },
  mult: {
    fromLatent: (z) => 12 * softplus(1.5 + z / 2),
    // softplus^-1(y) = y + log(1 - e^-y)
    toLatent: (x) => (x > 0 ? 2 * (x / 12 + Math.log(-Math.expm1(-x / 12)) - 1.5) : -Infinity),
    logJacobian: (x) => -Math.log(6 * -Math.expm1(-x / 12)),
  },
};

function mapOf(column: string, where: string): ObservableMap {
  if (!(UNFOLD_MULTI_OBSERVABLES as readonly string[]).includes(column)) {
    throw new HepuqError('InvalidArgument', `${where}: unknown observable "${column}"`, {
      hint: `Use one of ${UNFOLD_MULTI_OBSERVABLES.join(', ')} (the observable, without the gen_/reco_ prefix).`,
    });
  }
  return MAPS[column as UnfoldMultiObservable];
}

/**
 * Observable values (mass, width, mult) of a latent point.
 * @example unfoldMultiFromLatent([0, 0, 0]) // [20, 0.182, 20.4]
 */
export function unfoldMultiFromLatent(z: UnfoldMultiTriple): UnfoldMultiTriple {
  return [MAPS.mass.fromLatent(z[0]), MAPS.width.fromLatent(z[1]), MAPS.mult.fromLatent(z[2])];
}

/**
 * The latent coordinate z = g^-1(x) of one observable value (standard normal up to the sample's mean shift).
 * @example unfoldMultiToLatent('mass', 20) // 0
 */
export function unfoldMultiToLatent(column: UnfoldMultiObservable, x: number): number {
  return MAPS[column].toLatent(x);
}

/**
 * Exact particle-level bin probabilities of one gen observable: z_j ~ N(mean_j, 1), so
 * P(lo < x <= hi) = Phi(g^-1(hi) - mean_j) - Phi(g^-1(lo) - mean_j). Covers true events only (not fakes);
 * `weighted` samples follow the same truth once weighted.
 * @example unfoldMultiBinProbabilities('mass', [0, 20, Infinity], { sample: 'sim' }) // [0.5, 0.5]
 */
export function unfoldMultiBinProbabilities(
  column: UnfoldMultiObservable, edges: ArrayLike<number>, options: { sample?: UnfoldMultiSample } = {},
): Float64Array {
  const where = 'unfold-multi bin probabilities';
  const map = mapOf(column, where);
  const mean = UNFOLD_MULTI_SAMPLES[options.sample ?? 'sim'].mean[UNFOLD_MULTI_OBSERVABLES.indexOf(column)];
  return normalBinProbabilities(edges, (x) => map.toLatent(x) - mean, where);
}

/**
 * Exact bin probabilities of one reco observable among the fakes (latent N(UNFOLD_MULTI_FAKE_MEAN, I), same maps).
 * @example unfoldMultiFakeBinProbabilities('width', [0, 0.5, 1])
 */
export function unfoldMultiFakeBinProbabilities(column: UnfoldMultiObservable, edges: ArrayLike<number>): Float64Array {
  const where = 'unfold-multi fake bin probabilities';
  const map = mapOf(column, where);
  const mean = UNFOLD_MULTI_FAKE_MEAN[UNFOLD_MULTI_OBSERVABLES.indexOf(column)];
  return normalBinProbabilities(edges, (x) => map.toLatent(x) - mean, where);
}

/** Lower Cholesky factor of a 3 x 3 positive definite matrix. */
export function cholesky3(a: readonly UnfoldMultiTriple[]): number[][] {
  const l = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = i === j ? Math.sqrt(s) : s / l[j][j];
    }
  }
  return l;
}

const CHOLESKY = { sim: cholesky3(UNFOLD_MULTI_SAMPLES.sim.corr), nature: cholesky3(UNFOLD_MULTI_SAMPLES.nature.corr) };

/** The sample's latent Cholesky factor L (corr = L L^T). */
export function unfoldMultiCholesky(sample: UnfoldMultiSample): readonly (readonly number[])[] {
  return CHOLESKY[sample];
}

/**
 * Exact joint particle-level density p(mass, width, mult) = N3(z; mean, corr) prod_j dz_j/dx_j, z_j = g_j^-1(x_j);
 * 0 outside the ranges (mass, mult > 0; 0 < width < 1).
 * @example unfoldMultiDensity(20, 0.18, 20.4, 'sim')
 */
export function unfoldMultiDensity(mass: number, width: number, mult: number, sample: UnfoldMultiSample = 'sim'): number {
  if (!(mass > 0 && width > 0 && width < 1 && mult > 0)) return 0;
  const { mean } = UNFOLD_MULTI_SAMPLES[sample];
  const l = CHOLESKY[sample];
  const x: UnfoldMultiTriple = [mass, width, mult];
  let logP = -1.5 * Math.log(2 * Math.PI);
  const y = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const obs = UNFOLD_MULTI_OBSERVABLES[i];
    // forward substitution L y = z - mean: the Mahalanobis term is |y|^2, log det corr = 2 sum log L_ii
    let r = MAPS[obs].toLatent(x[i]) - mean[i];
    for (let k = 0; k < i; k++) r -= l[i][k] * y[k];
    y[i] = r / l[i][i];
    logP += -0.5 * y[i] * y[i] - Math.log(l[i][i]) + MAPS[obs].logJacobian(x[i]);
  }
  return Math.exp(logP);
}
