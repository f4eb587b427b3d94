import { Dataset, z } from '@hepuq/core';
import { defineToy } from './define-toy.js';
import { checkNuisancePrior, drawNuisance, nuisancePriorFields, type NuisancePrior } from './nuisance-prior.js';

export const PIVOT_2D = 'pivot-2d';

/** Options of `pivot-2d`. */
export const Pivot2dOptions = z
  .object({
    ...nuisancePriorFields,
    zStd: nuisancePriorFields.zStd.default(1),
    /** P(label = 1). */
    signalFraction: z.number().gt(0).lt(1).default(0.5),
  })
  .strict()
  .superRefine(checkNuisancePrior);
export type Pivot2dOptions = z.infer<typeof Pivot2dOptions>;

const LOG_2PI = Math.log(2 * Math.PI);
/** log density of the signal N((0, 0), [[1, -1/2], [-1/2, 1]]): inverse (4/3)[[1, 1/2], [1/2, 1]], det 3/4. */
function logSignal(x1: number, x2: number): number {
  return (-2 / 3) * (x1 * x1 + x1 * x2 + x2 * x2) - LOG_2PI - 0.5 * Math.log(0.75);
}

/** log density of the background N((1, 1 + z), I) at fixed z. */
function logBackground(x1: number, x2: number, zv: number): number {
  const d1 = x1 - 1;
  const d2 = x2 - 1 - zv;
  return -0.5 * (d1 * d1 + d2 * d2) - LOG_2PI;
}

function posterior(f: number, logS: number, logB: number): number {
  return 1 / (1 + Math.exp(-(Math.log(f / (1 - f)) + logS - logB)));
}

/**
 * Exact P(signal | x, z) = f N_s(x) / (f N_s(x) + (1 - f) N((1, 1 + z), I)(x)) of the Louppe–Kagan–Cranmer
 * toy (arXiv:1611.01046, sec. 5.1), signal N(0, [[1, -1/2], [-1/2, 1]]).
 * @example pivot2dTrueProb(0, 0, 0) // ≈ 0.744
 */
export function pivot2dTrueProb(x1: number, x2: number, zv: number, signalFraction = 0.5): number {
  return posterior(signalFraction, logSignal(x1, x2), logBackground(x1, x2, zv));
}

/**
 * P(signal | x) with Z unknown: the background density averaged over the prior of Z. Gaussian prior:
 * N((1, 1), diag(1, 1 + zStd^2)); `zValues`: the uniform mixture of N((1, 1 + v), I); fixed `z`: the
 * conditional posterior at that z (the prior is a point mass).
 * @example pivot2dMarginalProb(0, 0, { zStd: 1, signalFraction: 0.5 })
 */
export function pivot2dMarginalProb(x1: number, x2: number, o: NuisancePrior & { signalFraction: number }): number {
  let logB: number;
  if (o.z !== undefined) {
    logB = logBackground(x1, x2, o.z);
  } else if (o.zValues !== undefined) {
    // log of the mean of exp, shifted by the largest term for stability
    const terms = o.zValues.map((v) => logBackground(x1, x2, v));
    const top = Math.max(...terms);
    logB = top + Math.log(terms.reduce((s, t) => s + Math.exp(t - top), 0) / terms.length);
  } else {
    const v2 = 1 + o.zStd * o.zStd;
    const d1 = x1 - 1;
    const d2 = x2 - 1;
    logB = -0.5 * (d1 * d1 + (d2 * d2) / v2) - LOG_2PI - 0.5 * Math.log(v2);
  }
  return posterior(o.signalFraction, logSignal(x1, x2), logB);
}

/**
 * `pivot-2d`: the "learning to pivot" toy. Signal (label 1) x ~ N((0, 0), [[1, -1/2], [-1/2, 1]]); background
 * (label 0) x ~ N((1, 1 + Z), I). The paper calls the Z-dependent class Y = 1; here it is the background so
 * that Z shifts the background as systematics usually do. Every event carries a Z (`nuisances.z`), drawn the
 * same way for both classes; it moves only the background.
 * @example const ds = pivot2dToy.generate(10_000, { zValues: [-1, 1] }, new Rng(1));
 */
export const pivot2dToy = defineToy({
  key: PIVOT_2D,
  task: 'classification',
  description: 'Louppe et al. learning-to-pivot toy: 2-D Gaussian signal, background mean shifted by a per-event nuisance Z',
  options: Pivot2dOptions,
  sample(n, o, rng) {
    const x1 = new Float32Array(n);
    const x2 = new Float32Array(n);
    const label = new Float32Array(n);
    const zCol = new Float32Array(n);
    const prob = new Float32Array(n);
    const marginal = new Float32Array(n);
    const c = Math.sqrt(0.75); // Cholesky factor of the signal covariance: x2 = -e1/2 + sqrt(3/4) e2
    for (let i = 0; i < n; i++) {
      const signal = rng.uniform() < o.signalFraction;
      zCol[i] = drawNuisance(o, 0, rng);
      const e1 = rng.normal();
      const e2 = rng.normal();
      x1[i] = signal ? e1 : 1 + e1;
      x2[i] = signal ? -0.5 * e1 + c * e2 : 1 + zCol[i] + e2;
      label[i] = signal ? 1 : 0;
      // truth from the stored float32 values: exact for the event as a network sees it
      prob[i] = pivot2dTrueProb(x1[i], x2[i], zCol[i], o.signalFraction);
      marginal[i] = pivot2dMarginalProb(x1[i], x2[i], o);
    }
    return new Dataset({
      features: { x1, x2 }, label, labelName: 'label', source: `toy:${PIVOT_2D}`,
      nuisances: { z: zCol },
      extras: { true_prob: prob, true_prob_marginal: marginal },
    });
  },
});
