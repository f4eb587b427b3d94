import { Dataset, HepuqError, z } from '@hepuq/core';
import { normalCdf } from '@hepuq/stats';
import { defineToy } from './define-toy.js';
import { checkNuisancePrior, drawNuisance, nuisancePriorFields } from './nuisance-prior.js';

export const AWARE_2D = 'aware-2d';

/** Options of `aware-2d`. */
export const Aware2dOptions = z
  .object({
    ...nuisancePriorFields,
    zStd: nuisancePriorFields.zStd.default(0.5),
    /** Centre of the Gaussian prior of Z, and the angle `true_prob_nominal` assumes. */
    zNominal: z.number().finite().default(Math.PI / 4),
    /** Width of both classes (per coordinate). */
    sigma: z.number().finite().positive().default(0.7),
    /** Distance of either class mean from the origin. */
    radius: z.number().finite().positive().default(1),
    /** P(label = 1). */
    signalFraction: z.number().gt(0).lt(1).default(0.5),
  })
  .strict()
  .superRefine(checkNuisancePrior);
export type Aware2dOptions = z.infer<typeof Aware2dOptions>;

/**
 * Exact P(signal | x, z) for signal N(r u_z, sigma^2 I) and background N(-r u_z, sigma^2 I), u_z = (cos z, sin z):
 * logistic in logit f + 2 r (x . u_z) / sigma^2 (Ghosh–Nachman–Whiteson 2105.08742, systaware toy).
 * @example aware2dTrueProb(1, 1, Math.PI / 4) // ≈ 0.997
 */
export function aware2dTrueProb(x1: number, x2: number, zv: number, sigma = 0.7, radius = 1, signalFraction = 0.5): number {
  const t = Math.log(signalFraction / (1 - signalFraction)) + (2 * radius * (x1 * Math.cos(zv) + x2 * Math.sin(zv))) / (sigma * sigma);
  return 1 / (1 + Math.exp(-t));
}

/**
 * Exact AUC, on data at angle z, of the classifier optimal at zClassifier: Phi(2 r cos(z - zc) / (sqrt 2 sigma)).
 * The optimal score at zc is monotone in the projection on u_zc, whose class means are +-r cos(z - zc) with
 * width sigma (AUC of two Gaussians = Phi(Delta mu / sqrt(2 sigma^2))); aware2dAuc(z, z) is the aware optimum.
 * @example aware2dAuc(Math.PI / 4, Math.PI / 4) // ≈ 0.9783
 */
export function aware2dAuc(zData: number, zClassifier: number, sigma = 0.7, radius = 1): number {
  if (!(sigma > 0) || !(radius > 0) || !Number.isFinite(zData) || !Number.isFinite(zClassifier)) {
    throw new HepuqError('InvalidArgument', `aware2dAuc: needs finite angles and sigma > 0, radius > 0; got z=${zData}, zClassifier=${zClassifier}, sigma=${sigma}, radius=${radius}`, {
      hint: 'Pass the angles in radians and the toy\'s positive sigma and radius (defaults 0.7 and 1).',
    });
  }
  return normalCdf((2 * radius * Math.cos(zData - zClassifier)) / (Math.SQRT2 * sigma));
}

/**
 * `aware-2d`: the uncertainty-aware-learning toy (Ghosh, Nachman, Whiteson, arXiv:2105.08742; hep-lbdl/systaware
 * Toy_Dataset): the nuisance Z rotates both class means, signal at +r (cos Z, sin Z), background at the opposite
 * point. Z per event (`nuisances.z`): fixed, uniform over `zValues`, or N(zNominal, zStd).
 * @example const ds = aware2dToy.generate(10_000, { z: 0 }, new Rng(3));
 */
export const aware2dToy = defineToy({
  key: AWARE_2D,
  task: 'classification',
  description: 'uncertainty-aware toy: the nuisance Z rotates the opposite 2-D Gaussian class means (r cos Z, r sin Z)',
  options: Aware2dOptions,
  sample(n, o, rng) {
    const x1 = new Float32Array(n);
    const x2 = new Float32Array(n);
    const label = new Float32Array(n);
    const zCol = new Float32Array(n);
    const prob = new Float32Array(n);
    const nominal = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const signal = rng.uniform() < o.signalFraction;
      zCol[i] = drawNuisance(o, o.zNominal, rng);
      const side = signal ? o.radius : -o.radius;
      x1[i] = rng.normal(side * Math.cos(zCol[i]), o.sigma);
      x2[i] = rng.normal(side * Math.sin(zCol[i]), o.sigma);
      label[i] = signal ? 1 : 0;
      prob[i] = aware2dTrueProb(x1[i], x2[i], zCol[i], o.sigma, o.radius, o.signalFraction);
      nominal[i] = aware2dTrueProb(x1[i], x2[i], o.zNominal, o.sigma, o.radius, o.signalFraction);
    }
    return new Dataset({
      features: { x1, x2 }, label, labelName: 'label', source: `toy:${AWARE_2D}`,
      nuisances: { z: zCol },
      extras: { true_prob: prob, true_prob_nominal: nominal },
    });
  },
});
