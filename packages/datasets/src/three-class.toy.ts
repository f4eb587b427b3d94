import { Dataset, z } from '@hepuq/core';
import { defineToy } from './define-toy.js';

export const THREE_CLASS_2D = 'three-class-2d';

/** Options of `three-class-2d`. */
export const ThreeClass2dOptions = z
  .object({
    /** Distance of every class mean from the origin (the means sit 120 degrees apart). Smaller is harder. */
    separation: z.number().finite().nonnegative().default(1.5),
    /** Per-coordinate widths of the three Gaussians (unequal widths make the Bayes boundaries curved). */
    widths: z.tuple([z.number().finite().positive(), z.number().finite().positive(), z.number().finite().positive()]).default([1, 0.7, 1.3]),
    /** Class priors P(label = k); normalised to sum 1. */
    fractions: z.tuple([z.number().finite().positive(), z.number().finite().positive(), z.number().finite().positive()]).default([0.5, 0.3, 0.2]),
  })
  .strict();
export type ThreeClass2dOptions = z.infer<typeof ThreeClass2dOptions>;

type ClassShape = Pick<ThreeClass2dOptions, 'separation' | 'widths' | 'fractions'>;
const DEFAULT_SHAPE: ClassShape = { separation: 1.5, widths: [1, 0.7, 1.3], fractions: [0.5, 0.3, 0.2] };

/** Mean of class k: separation (cos a_k, sin a_k) with a_k = 90 + 120 k degrees. */
export function threeClassMean(k: number, separation: number): [number, number] {
  const a = Math.PI / 2 + (2 * Math.PI * k) / 3;
  return [separation * Math.cos(a), separation * Math.sin(a)];
}

/**
 * Exact (Bayes-optimal) P(label = k | x) = f_k N(x; m_k, w_k^2 I) / sum_j f_j N(x; m_j, w_j^2 I) for
 * the three 2-D Gaussian classes, evaluated with log-sum-exp.
 * @example threeClassTrueProbs(0, 0) // three probabilities summing to 1
 */
export function threeClassTrueProbs(x1: number, x2: number, shape: ClassShape = DEFAULT_SHAPE): [number, number, number] {
  const total = shape.fractions[0] + shape.fractions[1] + shape.fractions[2];
  const logs = [0, 1, 2].map((k) => {
    const [m1, m2] = threeClassMean(k, shape.separation);
    const w = shape.widths[k];
    return Math.log(shape.fractions[k] / total) - 2 * Math.log(w) - ((x1 - m1) ** 2 + (x2 - m2) ** 2) / (2 * w * w);
  });
  const max = Math.max(...logs);
  const e = logs.map((l) => Math.exp(l - max));
  const s = e[0] + e[1] + e[2];
  return [e[0] / s, e[1] / s, e[2] / s];
}

/**
 * `three-class-2d`: label k ~ Categorical(fractions), then x ~ N(m_k, w_k^2 I) with the means 120
 * degrees apart on a circle of radius `separation`; `true_prob_0..2` are the exact class
 * probabilities given x, so a K-class classifier's calibration has a known answer.
 * @example const ds = threeClass2dToy.generate(10_000, { separation: 1 }, new Rng(4));
 */
export const threeClass2dToy = defineToy({
  key: THREE_CLASS_2D,
  task: 'classification',
  description: 'three 2-D Gaussian classes (labels 0, 1, 2) with exact class probabilities true_prob_0..2',
  options: ThreeClass2dOptions,
  sample(n, o, rng) {
    const x1 = new Float32Array(n);
    const x2 = new Float32Array(n);
    const label = new Float32Array(n);
    const truth = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    const total = o.fractions[0] + o.fractions[1] + o.fractions[2];
    const cut = [o.fractions[0] / total, (o.fractions[0] + o.fractions[1]) / total];
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      const k = u < cut[0] ? 0 : u < cut[1] ? 1 : 2;
      const [m1, m2] = threeClassMean(k, o.separation);
      x1[i] = rng.normal(m1, o.widths[k]);
      x2[i] = rng.normal(m2, o.widths[k]);
      label[i] = k;
      // truth from the stored (float32) values, so it is exact for the event as the network sees it
      threeClassTrueProbs(x1[i], x2[i], o).forEach((p, j) => (truth[j][i] = p));
    }
    return new Dataset({
      features: { x1, x2 }, label, labelName: 'label', source: `toy:${THREE_CLASS_2D}`,
      extras: { true_prob_0: truth[0], true_prob_1: truth[1], true_prob_2: truth[2] },
    });
  },
});
