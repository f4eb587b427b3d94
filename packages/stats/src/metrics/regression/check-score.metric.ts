import { parseOrThrow } from '@hepuq/core';
import { z } from 'zod';
import { normalQuantile } from '../../special/normal.js';
import { weightedMean } from '../../weighted/weighted-stats.js';
import type { Metric, MetricInput, MetricOutput } from '@hepuq/core';
import { regressionArrays } from '../metric-input.js';

export const CHECK_SCORE = 'check-score';

export const CheckScoreOptions = z.object({ grid: z.number().int().min(2).max(1000).default(100) }).strict();
export type CheckScoreOptions = z.input<typeof CheckScoreOptions>;

/** Check (pinball) loss rho_tau(u) = u (tau - 1[u < 0]) at u = y - q — Koenker & Bassett, Econometrica 46 (1978) 33. */
export function pinball(y: number, q: number, tau: number): number {
  const u = y - q;
  return u * (tau - (u < 0 ? 1 : 0));
}

/** Mean check score over quantile levels tau_j = j/M of the Gaussian prediction. */
export function createCheckScoreMetric(options: CheckScoreOptions = {}): Metric {
  const { grid } = parseOrThrow(CheckScoreOptions, options, { code: 'InvalidArgument', where: 'check-score metric options' });
  const taus = Array.from({ length: grid - 1 }, (_, j) => (j + 1) / grid);
  const z = taus.map(normalQuantile);
  return {
    key: CHECK_SCORE,
    task: 'regression',
    description: `Check (pinball) score averaged over ${grid - 1} quantile levels of the Gaussian prediction.`,
    definition:
      `check = sum_i w_i (1/(M-1)) sum_j rho_tau_j(y_i - q_ij) / W, tau_j = j/M (M = ${grid}), q_ij = mu_i + sigmaTot_i Phi^-1(tau_j), `
      + 'rho_tau(u) = u (tau - 1[u < 0]) (uncertainty-toolbox convention; 2 x check -> CRPS as M -> infinity, Gneiting & Raftery 2007 sec. 6). Error s/sqrt(Neff).',
    valueNames: ['check'],
    compute(input: MetricInput): MetricOutput {
      const { mean, sigma, truth, w, summary } = regressionArrays(CHECK_SCORE, input);
      const c = new Float64Array(truth.length);
      for (let i = 0; i < c.length; i++) {
        let s = 0;
        for (let j = 0; j < taus.length; j++) s += pinball(truth[i], mean[i] + sigma[i] * z[j], taus[j]);
        c[i] = s / taus.length;
      }
      return { values: { check: weightedMean(c, w, summary) } };
    },
  };
}

export const checkScoreMetric: Metric = createCheckScoreMetric();
