import { parseOrThrow, z } from '@hepuq/core';
import { assertComparable, column, type FeatureSample } from '../sample/feature-sample.js';
import { weightedQuantiles } from '../stats/weighted-quantiles.js';
import { PLUGIN_NAME } from '../plugin-meta.js';

export const TailOptions = z
  .object({
    /** Tail probability on each side: events beyond the reference quantiles q and 1 - q. */
    quantile: z.number().gt(0).lt(0.5).default(0.01),
  })
  .strict();
export type TailOptions = z.input<typeof TailOptions>;

export interface TailSide {
  feature: string;
  side: 'low' | 'high';
  /** The reference quantile that defines the tail. */
  cut: number;
  reference: number;
  generated: number;
  /** generated / reference tail fraction and its binomial error; 1 for a perfect generator. */
  ratio: number;
  error: number;
  /** (ratio - 1) / error. */
  pull: number;
}

export interface TailResult {
  sides: TailSide[];
  /** The side with the largest |pull|. */
  worst: TailSide;
  quantile: number;
}

/** Weighted fraction of values below (or at and above) a cut, with the Kish effective size. */
function fraction(values: Float64Array, weights: Float64Array | undefined, cut: number, side: 'low' | 'high') {
  let sw = 0, sw2 = 0, inside = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i] : 1;
    sw += w;
    sw2 += w * w;
    if (side === 'low' ? values[i] < cut : values[i] >= cut) inside += w;
  }
  return { p: inside / sw, nEff: (sw * sw) / sw2 };
}

/**
 * Tail fractions: for each feature, the fraction of generated events beyond the reference's
 * q and 1 - q quantiles relative to the reference's own fraction (ratio 1 for a perfect
 * generator; a dropped tail gives ratio ~0). Errors are binomial with the Kish effective sizes,
 * sigma_p^2 = p(1-p)/n_eff, with p floored at 1/n_eff so an empty tail still carries an error.
 * @example const { worst } = tailFractions(reference, generated, { quantile: 0.01 });
 */
export function tailFractions(reference: FeatureSample, generated: FeatureSample, options: TailOptions = {}): TailResult {
  const { quantile } = parseOrThrow(TailOptions, options, { code: 'InvalidArgument', where: 'tail-fraction options', plugin: PLUGIN_NAME });
  assertComparable(reference, generated, 2, 'tails');
  const sides: TailSide[] = [];
  reference.names.forEach((feature, j) => {
    const rc = column(reference, j);
    const gc = column(generated, j);
    const [lo, hi] = weightedQuantiles(rc, reference.weights, [quantile, 1 - quantile]);
    for (const [side, cut] of [['low', lo], ['high', hi]] as const) {
      const r = fraction(rc, reference.weights, cut, side);
      const g = fraction(gc, generated.weights, cut, side);
      const sr = Math.sqrt((Math.max(r.p, 1 / r.nEff) * (1 - r.p)) / r.nEff);
      const sg = Math.sqrt((Math.max(g.p, 1 / g.nEff) * (1 - g.p)) / g.nEff);
      const ratio = g.p / r.p;
      const error = Math.hypot(sg / r.p, (ratio * sr) / r.p);
      sides.push({ feature, side, cut, reference: r.p, generated: g.p, ratio, error, pull: (ratio - 1) / error });
    }
  });
  const worst = sides.reduce((a, b) => (Math.abs(b.pull) > Math.abs(a.pull) ? b : a));
  return { sides, worst, quantile };
}
