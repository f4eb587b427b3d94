import { HepuqError } from '@hepuq/core';
import { resolveWeights, weightedMoments, weightSummary } from '@hepuq/stats';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { column, type FeatureSample } from './feature-sample.js';

/**
 * How features are scaled before the distances: standardised by the reference sample (`reference`),
 * divided by the reference's max |x| as JetNet does (`jetnet`, which also selects JetNet's FPD and KPD
 * defaults, see `evaluate/jetnet-conventions.ts`), or not at all (`none`).
 */
export const NORMALISE_MODES = ['reference', 'jetnet', 'none'] as const;
export type NormaliseMode = (typeof NORMALISE_MODES)[number];

export interface Normalised {
  reference: FeatureSample;
  generated: FeatureSample;
  /** Per feature: x' = (x - shift) / scale (shift 0, scale 1 for `none`; shift 0 for `jetnet`). */
  shift: Float64Array;
  scale: Float64Array;
}

/** Per-feature max |x| over the reference events (JetNet's `_normalise_features`: real sample only, 0 -> 1). */
function maxAbsScale(reference: FeatureSample): Float64Array {
  const { d } = reference;
  const scale = new Float64Array(d);
  for (let i = 0; i < reference.n; i++) for (let j = 0; j < d; j++) scale[j] = Math.max(scale[j], Math.abs(reference.data[i * d + j]));
  for (let j = 0; j < d; j++) if (scale[j] === 0) scale[j] = 1;
  return scale;
}

/** Fill `shift` and `scale` with the reference's weighted mean and standard deviation per feature. */
function standardScale(reference: FeatureSample, shift: Float64Array, scale: Float64Array): void {
  const w = reference.weights ?? resolveWeights(reference.n);
  const { sumW } = weightSummary(w);
  for (let j = 0; j < reference.d; j++) {
    const { mean, m2 } = weightedMoments(column(reference, j), w, sumW);
    const s = Math.sqrt(m2);
    shift[j] = mean;
    scale[j] = s > 0 && Number.isFinite(s) ? s : 1;
  }
}

/**
 * Scale both samples by the reference. `reference`: the reference's weighted mean and standard
 * deviation per feature, x' = (x - mu_ref) / sigma_ref, so distances are in units of the reference
 * spread and a generator is never judged on a scale it chose; a 1 sigma mean shift gives FD = 1; a
 * constant reference feature keeps scale 1 (mean and m2 = Σw(x − μ)²/W are core's `weightedMoments`).
 * `jetnet`: x' = x / max_ref |x| (JetNet's `_normalise_features`: the max over the reference events,
 * unweighted, applied to both samples; a feature that is 0 throughout keeps scale 1). One outlier sets
 * that scale, which is why it is not the default; it is there to reproduce published JetNet numbers.
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
  if (mode === 'jetnet') scale.set(maxAbsScale(reference));
  else standardScale(reference, shift, scale);
  const apply = (s: FeatureSample): FeatureSample => {
    const data = new Float64Array(s.data.length);
    for (let i = 0; i < s.n; i++) for (let j = 0; j < d; j++) data[i * d + j] = (s.data[i * d + j] - shift[j]) / scale[j];
    return { ...s, data };
  };
  return { reference: apply(reference), generated: apply(generated), shift, scale };
}
