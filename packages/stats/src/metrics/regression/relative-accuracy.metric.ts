import { parseOrThrow } from '@hepuq/core';
import { z } from 'zod';
import { weightedStd, weightSummary } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { slicedMoments, type SliceRow } from './slices.js';

export const RELATIVE_ACCURACY = 'relative-accuracy';

export const RelativeAccuracyOptions = z.object({ slices: z.number().int().min(1).max(1000).default(10) }).strict();
export type RelativeAccuracyOptions = z.input<typeof RelativeAccuracyOptions>;

/** Relative accuracy Delta = (mu - y)/y overall and in equal-mass slices of each feature. */
export function createRelativeAccuracyMetric(options: RelativeAccuracyOptions = {}): Metric {
  const opts = parseOrThrow(RelativeAccuracyOptions, options, { code: 'InvalidArgument', where: 'relative-accuracy metric options' });
  return {
    key: RELATIVE_ACCURACY,
    task: 'regression',
    description: 'Relative accuracy Delta = (prediction - truth)/truth: bias and width, overall and over phase space.',
    definition:
      'Delta_i = (mu_i - y_i)/y_i over events with y_i != 0 (others are left out; delta_excluded counts them, no error). '
      + 'delta_mean = weighted mean (error s/sqrt(Neff)); delta_std = Kish-Bessel weighted std (error as for pull_std). '
      + `Plot data: the same per ${opts.slices} equal-mass slices of each feature. Plehn et al. (2025) write Delta = (A_data - A_theta)/A_data, the opposite sign; the width is the same.`,
    valueNames: ['delta_mean', 'delta_std', 'delta_excluded'],
    compute(input: MetricInput): MetricOutput {
      const { mean, truth, w } = regressionArrays(RELATIVE_ACCURACY, input);
      const keep: number[] = [];
      for (let i = 0; i < truth.length; i++) if (truth[i] !== 0) keep.push(i);
      const d = new Float64Array(keep.length);
      const wk = new Float32Array(keep.length);
      keep.forEach((i, j) => {
        d[j] = (mean[i] - truth[i]) / truth[i];
        wk[j] = w[i];
      });
      const summary = weightSummary(wk);
      const sd = weightedStd(d, wk, summary);
      const tables: Record<string, SliceRow[]> = {};
      for (const [name, f] of Object.entries(input.features ?? {})) {
        if (f.length !== truth.length) continue;
        tables[name] = slicedMoments(Float32Array.from(keep, (i) => f[i]), d, wk, opts.slices);
      }
      return {
        values: { delta_mean: sd.mean, delta_std: { value: sd.value, error: sd.error }, delta_excluded: { value: truth.length - keep.length } },
        plots: { deltaSlices: tables },
      };
    },
  };
}

export const relativeAccuracyMetric: Metric = createRelativeAccuracyMetric();
