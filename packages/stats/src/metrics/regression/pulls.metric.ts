import { normalPdf } from '../../special/normal.js';
import { weightedStd } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { pulls } from './pull.js';

export const PULLS = 'pulls';

/** Weighted histogram of pulls on [-range, range] normalised to a density, with the unit Gaussian. */
export function pullHistogram(t: Float64Array, w: Float32Array, sumW: number, bins = 40, range = 5) {
  const width = (2 * range) / bins;
  const counts = new Float64Array(bins);
  const sumW2 = new Float64Array(bins);
  for (let i = 0; i < t.length; i++) {
    const b = Math.floor((t[i] + range) / width);
    if (b >= 0 && b < bins) {
      counts[b] += w[i];
      sumW2[b] += w[i] * w[i];
    }
  }
  const center = Array.from({ length: bins }, (_, b) => -range + (b + 0.5) * width);
  return {
    center,
    density: Array.from(counts, (c) => c / (sumW * width)),
    densityError: Array.from(sumW2, (s) => Math.sqrt(s) / (sumW * width)),
    gaussian: center.map(normalPdf),
  };
}

/**
 * Pull statistics, t = (truth - mean) / sigmaTot: weighted mean and standard deviation (Kish-Bessel
 * corrected) with their errors; a calibrated Gaussian prediction has mean 0 and std 1.
 * @example computeMetrics(registries.metrics, input, ['pulls']).pull_std
 */
export const pullsMetric: Metric = {
  key: PULLS,
  task: 'regression',
  description: 'Pull mean and width (calibrated: 0 and 1), with the pull histogram.',
  definition:
    't_i = (y_i - mu_i)/sigmaTot_i. pull_mean = sum w t / W, error sqrt(s^2/Neff); pull_std s = sqrt(Neff/(Neff-1) sum w (t - mean)^2 / W), '
    + 'error sqrt((m4 - m2^2)/Neff)/(2 s) (delta method); W = sum w, Neff = W^2/sum w^2 (Kish).',
  valueNames: ['pull_mean', 'pull_std'],
  compute(input: MetricInput): MetricOutput {
    const { mean, sigma, truth, w, summary } = regressionArrays(PULLS, input);
    const t = pulls(truth, mean, sigma);
    const sd = weightedStd(t, w, summary);
    return {
      values: { pull_mean: sd.mean, pull_std: { value: sd.value, error: sd.error } },
      plots: { pullHistogram: pullHistogram(t, w, summary.sumW) },
    };
  },
};
