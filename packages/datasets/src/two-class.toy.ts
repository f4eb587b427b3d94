import { Dataset, z } from '@hepuq/core';
import { defineToy } from './define-toy.js';

export const TWO_CLASS_2D = 'two-class-2d';

/** Options of `two-class-2d`. */
export const TwoClass2dOptions = z
  .object({
    /** Distance between the class means along x1 (signal at +d/2, background at -d/2). */
    separation: z.number().finite().nonnegative().default(2),
    /** Common per-coordinate width of both Gaussians. */
    width: z.number().finite().positive().default(1),
    /** P(label = 1). */
    signalFraction: z.number().gt(0).lt(1).default(0.5),
    /** Per-event nuisance Z ~ N(0, sigma) shifting the background mean along x1 (stored as nuisances.z). */
    nuisance: z.object({ sigma: z.number().finite().positive() }).strict().optional(),
  })
  .strict();
export type TwoClass2dOptions = z.infer<typeof TwoClass2dOptions>;

type ClassShape = Pick<TwoClass2dOptions, 'separation' | 'width' | 'signalFraction'>;
const DEFAULT_SHAPE: ClassShape = { separation: 2, width: 1, signalFraction: 0.5 };

/**
 * Exact P(label = 1 | x, Z) = f N_s / (f N_s + (1 - f) N_b) for signal N((d/2, 0), w^2 I) and background
 * N((-d/2 + Z, 0), w^2 I): logistic in t = logit f + [(x1 - mu_b)^2 - (x1 - mu_s)^2] / (2 w^2); x2 drops out.
 * The classification and nuisance set-up of Plehn 2022 / Ghosh 2023 (learning to pivot; seed talks).
 * @example twoClassTrueProb(0, 0) // 0.5
 */
export function twoClassTrueProb(x1: number, z = 0, shape: ClassShape = DEFAULT_SHAPE): number {
  const { separation: d, width: w, signalFraction: f } = shape;
  const ds = x1 - d / 2;
  const db = x1 + d / 2 - z;
  const t = Math.log(f / (1 - f)) + (db * db - ds * ds) / (2 * w * w);
  return 1 / (1 + Math.exp(-t));
}

/**
 * `two-class-2d`: label ~ Bernoulli(f), then x from the label's Gaussian; `true_prob` is exact given x
 * (and the event's Z in the nuisance variant, where Z is drawn for every event but moves only background).
 * @example const ds = twoClass2dToy.generate(10_000, { nuisance: { sigma: 0.5 } }, new Rng(4));
 */
export const twoClass2dToy = defineToy({
  key: TWO_CLASS_2D,
  task: 'classification',
  description: 'two 2-D Gaussian classes (label 1 = signal), optional per-event nuisance shifting the background',
  options: TwoClass2dOptions,
  sample(n, o, rng) {
    const x1 = new Float32Array(n);
    const x2 = new Float32Array(n);
    const label = new Float32Array(n);
    const prob = new Float32Array(n);
    const zCol = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const z = o.nuisance ? rng.normal(0, o.nuisance.sigma) : 0;
      const signal = rng.uniform() < o.signalFraction;
      const centre = signal ? o.separation / 2 : -o.separation / 2 + z;
      x1[i] = rng.normal(centre, o.width);
      x2[i] = rng.normal(0, o.width);
      label[i] = signal ? 1 : 0;
      zCol[i] = z;
      // truth from the stored (float32) values, so it is exact for the event as the network sees it
      prob[i] = twoClassTrueProb(x1[i], zCol[i], o);
    }
    return new Dataset({
      features: { x1, x2 }, label, labelName: 'label', source: `toy:${TWO_CLASS_2D}`,
      nuisances: o.nuisance ? { z: zCol } : {},
      extras: { true_prob: prob },
    });
  },
});
