import { parseOrThrow } from '@hepuq/core';
import { z } from 'zod';
import { centralQuantile } from '../../special/normal.js';
import { meanValue, weightedMean } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput, MetricValue } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { levelName, SIGMA_LEVELS } from './coverage.metric.js';
import { intervalScore } from './interval-score.js';
import { PASS_LEVELS, regressionIntervals } from './regression-pass.js';

export const INTERVAL_SCORE = 'interval-score';

// the formula's home is interval-score.ts; kept importable from here, where it was defined first
export { intervalScore } from './interval-score.js';

export const IntervalScoreOptions = z.object({ levels: z.array(z.number().gt(0).lt(1)).default([...SIGMA_LEVELS]) }).strict();
export type IntervalScoreOptions = z.input<typeof IntervalScoreOptions>;

/** Mean interval score of central Gaussian intervals at the given levels (values `interval_score_<level>`). */
export function createIntervalScoreMetric(options: IntervalScoreOptions = {}): Metric {
  const { levels } = parseOrThrow(IntervalScoreOptions, options, { code: 'InvalidArgument', where: 'interval-score metric options' });
  return {
    key: INTERVAL_SCORE,
    task: 'regression',
    description: 'Interval score of central Gaussian intervals (width plus penalty for misses; lower is better).',
    definition:
      'interval_score_p = sum w [(u - l) + (2/alpha)(l - y)1[y < l] + (2/alpha)(y - u)1[y > u]] / W with alpha = 1 - p, '
      + '[l, u] = mu -+ Phi^-1((1+p)/2) sigmaTot (Gneiting & Raftery 2007 eq. 43); levels 68/95 are +-1/+-2 sigma. Error s/sqrt(Neff).',
    valueNames: levels.map((l) => `interval_score_${levelName(l)}`),
    compute(input: MetricInput): MetricOutput {
      const arrays = regressionArrays(INTERVAL_SCORE, input);
      const { mean, sigma, truth, w, summary } = arrays;
      const values: Record<string, MetricValue> = {};
      const at = levels.map((l) => PASS_LEVELS.indexOf(l));
      if (at.every((k) => k >= 0)) {
        const interval = regressionIntervals(arrays);
        levels.forEach((level, j) => (values[`interval_score_${levelName(level)}`] = meanValue(interval[at[j]].mean, interval[at[j]].m2, summary)));
        return { values };
      }
      const s = new Float64Array(truth.length);
      for (const level of levels) {
        const z = centralQuantile(level);
        for (let i = 0; i < s.length; i++) s[i] = intervalScore(truth[i], mean[i] - z * sigma[i], mean[i] + z * sigma[i], 1 - level);
        values[`interval_score_${levelName(level)}`] = weightedMean(s, w, summary);
      }
      return { values };
    },
  };
}

export const intervalScoreMetric: Metric = createIntervalScoreMetric();
