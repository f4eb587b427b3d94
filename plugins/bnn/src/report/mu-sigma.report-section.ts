import type { ReportContext, ReportSection } from '@hepuq/core';
import { BNN_CLASSIFIER } from '../methods/bnn-classifier.method.js';
import { MC_DROPOUT_CLASSIFIER } from '../methods/mc-dropout-classifier.method.js';
import { subsample } from './subsample.js';

export const BNN_MU_SIGMA = 'bnn-mu-sigma';

/** Plugin sections come after core's (0-100). */
const ORDER = 520;

/**
 * The mu-sigma plot of a Bayesian classifier (Bollweg et al. 1904.10004): sigma_pred against
 * mu_pred per event, under the bound sigma^2 <= mu (1 - mu) that every event must respect.
 * @example ctx.reportSections.add(BNN_MU_SIGMA, muSigmaReportSection())
 */
export function muSigmaReportSection(): ReportSection {
  const applies = (ctx: ReportContext) =>
    ctx.prediction?.kind === 'classification' && [BNN_CLASSIFIER, MC_DROPOUT_CLASSIFIER].includes(String(ctx.metadata.method));
  return {
    key: BNN_MU_SIGMA,
    title: 'Bayesian classifier: mu-sigma correlation',
    order: ORDER,
    applies,
    plots(ctx) {
      const p = ctx.prediction;
      if (!p || p.kind !== 'classification') return [];
      const events = subsample(p.prob.length, 3000).map((i) => ({ mu: p.prob[i], sigma: p.sigmaProb[i] }));
      const bound = Array.from({ length: 101 }, (_, k) => ({ mu: k / 100, sigma: Math.sqrt((k / 100) * (1 - k / 100)) }));
      return [{
        name: 'bnn-mu-sigma',
        title: 'sigma_pred vs mu_pred (line: the bound sqrt(mu (1 - mu)))',
        spec: {
          $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
          width: 420,
          height: 300,
          layer: [
            { data: { values: events }, mark: { type: 'point', size: 8, opacity: 0.4 }, encoding: { x: { field: 'mu', type: 'quantitative', title: 'mu_pred' }, y: { field: 'sigma', type: 'quantitative', title: 'sigma_pred' } } },
            { data: { values: bound }, mark: { type: 'line', color: 'firebrick' }, encoding: { x: { field: 'mu', type: 'quantitative' }, y: { field: 'sigma', type: 'quantitative' } } },
          ],
        },
      }];
    },
  };
}
