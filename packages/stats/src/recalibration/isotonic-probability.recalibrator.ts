import { z } from 'zod';
import type { ClassificationPrediction, RecalibrationMethod } from '@hepuq/core';
import { classificationArrays } from '../metrics/metric-input.js';
import { MonotoneMap } from '../isotonic/monotone-map.js';
import { pav } from '../isotonic/pav.js';

export const ISOTONIC_PROBABILITY = 'isotonic-probability';
export const IsotonicProbabilityOptions = z.object({}).strict();

/**
 * Isotonic recalibration of classifier probabilities: weighted PAV fit of the labels on p (Zadrozny &
 * Elkan, KDD 2002), linear between block centres and constant beyond the first/last; sigmaProb times the
 * local slope (delta method); replicas mapped the same way.
 * @example isotonicProbability.fit({ prediction, truth: labels }).apply(test).prob
 */
export const isotonicProbability: RecalibrationMethod<ClassificationPrediction, typeof IsotonicProbabilityOptions> = {
  key: ISOTONIC_PROBABILITY,
  task: 'classification',
  description: 'Isotonic (PAV) map from predicted to observed probability, fitted on a calibration set.',
  definition:
    'g = argmin over non-decreasing g of sum_i w_i (y_i - g(p_i))^2 (weighted PAV; non-positive-weight blocks pooled); p -> g(p) '
    + 'interpolated linearly between block centres, clamped to [0, 1]; sigmaProb -> |g\'(p)| sigmaProb. Zadrozny & Elkan (2002).',
  options: IsotonicProbabilityOptions,
  fit(data) {
    const { prob, label, w } = classificationArrays(ISOTONIC_PROBABILITY, data, 'recalibration');
    const map = MonotoneMap.fromPav(pav(Float64Array.from(prob), Float64Array.from(label), Float64Array.from(w)));
    const g = (v: number) => Math.min(Math.max(map.at(v), 0), 1);
    return {
      method: ISOTONIC_PROBABILITY,
      parameters: { nodes: map.x.length, prob: Array.from(map.x), calibrated: Array.from(map.y) },
      apply(prediction) {
        const out: ClassificationPrediction = {
          kind: 'classification',
          prob: Float32Array.from(prediction.prob, g),
          sigmaProb: Float32Array.from(prediction.sigmaProb, (s, i) => s * map.slope(prediction.prob[i])),
        };
        if (prediction.replicas) out.replicas = prediction.replicas.map((r) => Float32Array.from(r, g));
        return out;
      },
    };
  },
};
