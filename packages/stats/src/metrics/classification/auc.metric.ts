import { Rng, type Metric, type MetricInput, type MetricOutput, parseOrThrow } from '@hepuq/core';
import { poissonBootstrapStd } from '../../bootstrap/poisson-bootstrap.js';
import { classificationArrays } from '../metric-input.js';
import { BootstrapOptions } from './bootstrap-options.js';
import { classificationRanked } from './classification-pass.js';
import { aucFromRanked, rocCurve } from './ranked-events.js';

export const AUC = 'auc';

/** The AUC metric with a Poisson-bootstrap error (`bootstrap` replicas, fixed `seed`). */
export function createAucMetric(options: BootstrapOptions = {}): Metric {
  const opts = parseOrThrow(BootstrapOptions, options, { code: 'InvalidArgument', where: 'auc metric options' });
  return {
    key: AUC,
    task: 'classification',
    description: 'Weighted area under the ROC curve, with a bootstrap error, and the ROC curve.',
    definition:
      'auc = sum_{i: y=1} sum_{j: y=0} w_i w_j (1[p_i > p_j] + 0.5 1[p_i = p_j]) / (W+ W-) (ties count half; Mann-Whitney form). '
      + `Error: std over ${opts.bootstrap} Poisson(1) bootstrap replicas (weights w k, k ~ Poisson(1), seed ${opts.seed}).`,
    valueNames: ['auc'],
    compute(input: MetricInput): MetricOutput {
      const ranked = classificationRanked(classificationArrays(AUC, input));
      const value = aucFromRanked(ranked);
      const error = poissonBootstrapStd(ranked.wPos.length, opts.bootstrap, new Rng(opts.seed), (k) => aucFromRanked(ranked, k));
      return {
        values: { auc: Number.isNaN(error) ? { value } : { value, error } },
        plots: { roc: rocCurve(ranked) },
      };
    },
  };
}

export const aucMetric: Metric = createAucMetric();
