import { z } from 'zod';
import { dataRow } from '../data/data-row.js';
import { HepuqError } from '../errors/hepuq-error.js';
import { parseOrThrow } from '../plugin/parse-or-throw.js';

export const LikelihoodRatioOptions = z
  .object({
    /** Classifier outputs are clipped to [probClip, 1 - probClip] before c/(1-c). */
    probClip: z.number().gt(0).lt(0.5).default(1e-6),
    /** Ratio weights above this are set to it (Infinity: no weight clipping). */
    maxWeight: z.union([z.number().gt(0), z.literal(Infinity)]).default(100),
    /** Prior factor multiplying c/(1-c), e.g. W_0 / W_1 for unequal training samples (default 1). */
    prior: z.number().gt(0).default(1),
  })
  .strict();
export type LikelihoodRatioOptions = z.input<typeof LikelihoodRatioOptions>;

export interface LikelihoodRatioWeights {
  /** w(x) = prior c/(1-c), c clipped to [eps, 1-eps], then w clipped at maxWeight. */
  weights: Float32Array;
  /** 1 where either clip acted. */
  clipped: Uint8Array;
  /** Largest ratio before weight clipping (after the probability clip). */
  maxRaw: number;
}

/**
 * Likelihood-ratio trick: a classifier c(x) = P(1|x) trained on samples 1 and 0 gives
 * p_1(x)/p_0(x) = prior c/(1-c) (Neyman-Pearson; Cranmer et al., arXiv:1506.02169), with clipping.
 * @example likelihoodRatioWeights(prob, { maxWeight: 50 }).weights
 */
export function likelihoodRatioWeights(prob: Float32Array, options: LikelihoodRatioOptions = {}): LikelihoodRatioWeights {
  const { probClip, maxWeight, prior } = parseOrThrow(LikelihoodRatioOptions, options, { code: 'InvalidArgument', where: 'likelihood-ratio options' });
  const weights = new Float32Array(prob.length);
  const clipped = new Uint8Array(prob.length);
  let maxRaw = 0;
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i];
    if (!(p >= 0 && p <= 1)) throw new HepuqError('InvalidArgument', `likelihood-ratio: probability ${p} at ${dataRow(i)} is outside [0, 1]`);
    const c = Math.min(Math.max(p, probClip), 1 - probClip);
    const r = (prior * c) / (1 - c);
    if (r > maxRaw) maxRaw = r;
    weights[i] = Math.min(r, maxWeight);
    clipped[i] = c !== p || r > maxWeight ? 1 : 0;
  }
  return { weights, clipped, maxRaw };
}
