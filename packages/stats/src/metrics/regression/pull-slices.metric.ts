import { parseOrThrow } from '@hepuq/core';
import { z } from 'zod';
import type { Metric, MetricInput, MetricOutput, MetricValue } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { pulls } from './pull.js';
import { slicedMoments, valueSuffix, type SliceRow } from './slices.js';

export const PULL_SLICES = 'pull-slices';

export const PullSlicesOptions = z
  .object({
    /** Equal-mass slices per feature. */
    slices: z.number().int().min(1).max(1000).default(10),
    /** Features to slice (default: every column of `input.features`). */
    features: z.array(z.string()).optional(),
  })
  .strict();
export type PullSlicesOptions = z.input<typeof PullSlicesOptions>;

/** "Pull over phase space": pull mean and std in equal-mass slices of each feature. */
export function createPullSlicesMetric(options: PullSlicesOptions = {}): Metric {
  const opts = parseOrThrow(PullSlicesOptions, options, { code: 'InvalidArgument', where: 'pull-slices metric options' });
  return {
    key: PULL_SLICES,
    task: 'regression',
    description: `Pull mean and std in ${opts.slices} equal-mass slices of each feature (pull over phase space).`,
    definition:
      `Per feature f, events are split into ${opts.slices} slices of equal weight in f (ties kept together); in each slice the pull t = (y - mu)/sigmaTot `
      + 'has weighted mean and Kish-Bessel std with errors as in `pulls`. Values per feature: pull_std_min_<f>, pull_std_max_<f> (slice with the '
      + 'smallest/largest pull std, with its error) and pull_mean_maxabs_<f> (the slice mean furthest from 0); the full table is plot data.',
    applies: (input: MetricInput) => Object.keys(input.features ?? {}).length > 0,
    compute(input: MetricInput): MetricOutput {
      const { mean, sigma, truth, w } = regressionArrays(PULL_SLICES, input);
      const t = pulls(truth, mean, sigma);
      const values: Record<string, MetricValue> = {};
      const tables: Record<string, SliceRow[]> = {};
      const names = opts.features ?? Object.keys(input.features ?? {});
      for (const name of names) {
        const f = input.features?.[name];
        if (!f || f.length !== truth.length) continue;
        const rows = slicedMoments(f, t, w, opts.slices);
        if (rows.length === 0) continue;
        tables[name] = rows;
        const sfx = valueSuffix(name);
        const byStd = [...rows].sort((a, b) => a.std - b.std);
        const worstMean = rows.reduce((a, b) => (Math.abs(b.mean) > Math.abs(a.mean) ? b : a));
        values[`pull_std_min_${sfx}`] = { value: byStd[0].std, error: byStd[0].stdError };
        values[`pull_std_max_${sfx}`] = { value: byStd[byStd.length - 1].std, error: byStd[byStd.length - 1].stdError };
        values[`pull_mean_maxabs_${sfx}`] = { value: worstMean.mean, error: worstMean.meanError };
      }
      return { values, plots: { pullSlices: tables } };
    },
  };
}

export const pullSlicesMetric: Metric = createPullSlicesMetric();
