import { HepuqError } from '@hepuq/core';
import { resolveWeights, weightedMoments, weightSummary } from '@hepuq/stats';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { column, type FeatureSample } from './feature-sample.js';

/** How features are scaled before the distances: by the reference sample, or not at all. */
export type NormaliseMode = 'reference' | 'none';
export const NORMALISE_MODES = ['reference', 'none'] as const;

export interface Normalised {
  reference: FeatureSample;
  generated: FeatureSample;
  /** Per feature: x' = (x - shift) / scale (shift 0, scale 1 for `none`). */
  shift: Float64Array;
  scale: Float64Array;
}

/**
 * Standardise both samples with the reference's weighted mean and standard deviation per feature,
 * x' = (x - mu_ref) / sigma_ref, so distances are in units of the reference spread and a generator is
 * never judged on a scale it chose. (JetNet divides by max |x| of the reference instead, which one
 * outlier can change; the standard deviation is stable and makes a 1 sigma mean shift give FD = 1.)
 * A constant reference feature keeps scale 1. Mean and m2 = Σw(x − μ)²/W are core's `weightedMoments`.
 * @example const { reference, generated } = normaliseSamples(ref, gen, 'reference');
 */
export function normaliseSamples(reference: FeatureSample, generated: FeatureSample, mode: NormaliseMode): Normalised {
  const d = reference.d;
  if (generated.d !== d) {
    throw new HepuqError('ShapeMismatch', `reference ${reference.source} has ${d} features, generated ${generated.source} has ${generated.d}`, { plugin: PLUGIN_NAME });
  }
  const shift = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  if (mode === 'none') return { reference, generated, shift, scale };
  const w = reference.weights ?? resolveWeights(reference.n);
  const { sumW } = weightSummary(w);
  for (let j = 0; j < d; j++) {
    const { mean, m2 } = weightedMoments(column(reference, j), w, sumW);
    const s = Math.sqrt(m2);
    shift[j] = mean;
    scale[j] = s > 0 && Number.isFinite(s) ? s : 1;
  }
  const apply = (s: FeatureSample): FeatureSample => {
    const data = new Float64Array(s.data.length);
    for (let i = 0; i < s.n; i++) for (let j = 0; j < d; j++) data[i * d + j] = (s.data[i * d + j] - shift[j]) / scale[j];
    return { ...s, data };
  };
  return { reference: apply(reference), generated: apply(generated), shift, scale };
}
