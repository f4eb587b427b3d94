import { normalCdf, normalPdf } from '../../special/normal.js';
import { weightedMean } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';

export const CRPS = 'crps';

const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

/** Gaussian CRPS sigma [z (2 Phi(z) - 1) + 2 phi(z) - 1/sqrt(pi)], z = (y - mu)/sigma — Gneiting et al., Mon. Weather Rev. 133 (2005) 1098, eq. 5. */
export function gaussianCrps(y: number, mu: number, sigma: number): number {
  const z = (y - mu) / sigma;
  return sigma * (z * (2 * normalCdf(z) - 1) + 2 * normalPdf(z) - INV_SQRT_PI);
}

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
    const { mean, sigma, truth, w, summary } = regressionArrays(CRPS, input);
    const c = new Float64Array(truth.length);
    for (let i = 0; i < c.length; i++) c[i] = gaussianCrps(truth[i], mean[i], sigma[i]);
    return { values: { crps: weightedMean(c, w, summary) } };
  },
};
