import { HepuqError, targetAsPrediction, type Dataset, type MetricValue, type Prediction } from '@hepuq/core';
import { weightedMean, weightSummary } from '../weighted/weighted-stats.js';
import { gaussianNllMetric } from '../metrics/regression/gaussian-nll.metric.js';
import { rmseMetric } from '../metrics/regression/rmse.metric.js';
import { aucMetric } from '../metrics/classification/auc.metric.js';
import { bceMetric } from '../metrics/classification/bce.metric.js';
import { logLossMetric } from '../metrics/multiclass/log-loss.metric.js';
import { TRUE_MEAN } from '../metrics/truth/stat-pulls.metric.js';

/**
 * What a refit scores on the test set. `score` is the proper score the scans compare (regression:
 * Gaussian NLL; classification: binary cross-entropy; multiclass: log-loss), `sigma_stat` the weighted mean
 * statistical error (regression: sigma_stat; classification: sigma_prob, averaged over classes for
 * several), `sigma_syst` the mean systematic error of a regression.
 */
export interface RefitSummary {
  score: MetricValue;
  /** Which metric `score` is (`gaussian-nll`, `bce`, `log-loss`). */
  score_metric: string;
  sigma_stat: number;
  sigma_syst?: number;
  rmse?: MetricValue;
  auc?: MetricValue;
  /** Regression on a toy with `true_mean`: the weighted rms of (mean - true_mean), the error sigma_stat estimates. */
  error_of_mean?: number;
}

/**
 * The summary of one refit's test prediction (the first target of a multi-target regression).
 * @example const s = refitSummary(prediction, test) // s.score.value, s.sigma_stat
 */
export function refitSummary(prediction: Prediction, test: Dataset): RefitSummary {
  const w = test.weights;
  const mean = (x: Float32Array) => weightedMean(x, w, weightSummary(w)).value;
  if (prediction.kind === 'regression') {
    const p = prediction.targets ? targetAsPrediction(prediction.targets[0]) : prediction;
    const truth = test.targets[0]?.values;
    if (!truth) throw new HepuqError('MissingColumn', `${test.source}: a regression refit is scored against a target, and the test data has none`);
    const input = { prediction: p, truth, weights: w };
    const trueMean = test.extras[TRUE_MEAN];
    return {
      score: gaussianNllMetric.compute(input).values.nll, score_metric: gaussianNllMetric.key,
      sigma_stat: mean(p.sigmaStat), sigma_syst: mean(p.sigmaSyst), rmse: rmseMetric.compute(input).values.rmse,
      ...(trueMean && !prediction.targets ? { error_of_mean: rms(p.mean, trueMean, w) } : {}),
    };
  }
  const label = test.label;
  if (!label) throw new HepuqError('MissingColumn', `${test.source}: a classification refit is scored against a label, and the test data has none`);
  const input = { prediction, truth: label, weights: w };
  if (prediction.kind === 'classification') {
    return { score: bceMetric.compute(input).values.bce, score_metric: bceMetric.key, sigma_stat: mean(prediction.sigmaProb), auc: aucMetric.compute(input).values.auc };
  }
  const perClass = prediction.sigmaProbs.map(mean);
  return { score: logLossMetric.compute(input).values.log_loss, score_metric: logLossMetric.key, sigma_stat: perClass.reduce((a, b) => a + b, 0) / perClass.length };
}

function rms(a: Float32Array, b: Float32Array, w: Float32Array): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < a.length; i++) {
    s += w[i] * (a[i] - b[i]) ** 2;
    sw += w[i];
  }
  return Math.sqrt(s / sw);
}
