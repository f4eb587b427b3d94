import { meanValue } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';
import { regressionCrps } from './regression-pass.js';

export const CRPS = 'crps';

// the formula's home is gaussian-crps.ts; kept importable from here, where it was defined first
export { gaussianCrps } from './gaussian-crps.js';

/** Mean closed-form CRPS of the Gaussian prediction. */
export const crpsMetric: Metric = {
  key: CRPS,
  task: 'regression',
  description: 'Continuous ranked probability score of the Gaussian prediction (closed form; units of the target; lower is better).',
  definition:
    'crps = sum w sigma [z (2 Phi(z) - 1) + 2 phi(z) - 1/sqrt(pi)] / W, z = (y - mu)/sigmaTot (Gneiting et al. 2005, eq. 5); '
    + 'CRPS(F, y) = integral (F(x) - 1[y <= x])^2 dx. Error s/sqrt(Neff).',
  valueNames: ['crps'],
  compute(input: MetricInput): MetricOutput {
    const arrays = regressionArrays(CRPS, input);
    const crps = regressionCrps(arrays);
    return { values: { crps: meanValue(crps.mean, crps.m2, arrays.summary) } };
  },
};
