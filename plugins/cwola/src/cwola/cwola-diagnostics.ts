import { Rng, type Dataset, type MetricValue, type ModelDiagnostics } from '@hepuq/core';
import { aucFromRanked, poissonBootstrapStd, rankEvents } from '@hepuq/stats';

/** Bootstrap replicas behind an AUC error, and their fixed seed (errors reproducible run to run). */
const AUC_BOOTSTRAP = 200;
const AUC_SEED = 20_171_708;

/**
 * Weighted AUC of any real-valued `score` (ties count half) for the 0/1 `label`, with the standard
 * deviation over Poisson(1) bootstrap replicas of the events as its error, as the stats AUC metric.
 * @example weightedAuc(scores, sample, weights) // { value: 0.71, error: 0.003 }
 */
export function weightedAuc(score: Float32Array, label: Float32Array, weights: Float32Array): MetricValue {
  const ranked = rankEvents(score, label, weights);
  return { value: aucFromRanked(ranked), error: poissonBootstrapStd(score.length, AUC_BOOTSTRAP, new Rng(AUC_SEED), (k) => aucFromRanked(ranked, k)) };
}

/** Weighted fraction of events with `truth` = 1 among those with `label` = `sample`, with its binomial error (Kish effective count). */
export function signalFraction(truth: Float32Array, label: Float32Array, weights: Float32Array, sample: 0 | 1): MetricValue {
  let w = 0;
  let w2 = 0;
  let s = 0;
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== sample) continue;
    w += weights[i];
    w2 += weights[i] * weights[i];
    if (truth[i] === 1) s += weights[i];
  }
  const f = w > 0 ? s / w : Number.NaN;
  const nEff = w2 > 0 ? (w * w) / w2 : 0;
  return { value: f, error: nEff > 0 ? Math.sqrt((f * (1 - f)) / nEff) : Number.NaN };
}

/**
 * What a CWoLa classifier reports on the test set (Metodiev, Nachman, Thaler, arXiv:1708.02949):
 * `mixed_auc`, the AUC between the two mixed samples it was trained to separate, and, when the test
 * set carries the true signal label in the `truth` column (validation only, never trained on):
 * `signal_auc` (signal vs background), the signal fraction of each sample, and the mixed AUC these
 * predict, 1/2 + (f1 - f0)(signal_auc - 1/2), the identity that holds when signal and background
 * look alike in both samples: the measured and predicted mixed AUC agreeing is the check of that
 * CWoLa assumption, and the mixed AUC rising with the signal AUC is why the mixed classifier is optimal.
 * @example cwolaDiagnostics(test, prediction.prob, 'is_signal')
 */
export function cwolaDiagnostics(test: Dataset, score: Float32Array, truth?: string): ModelDiagnostics {
  if (!test.label) return {};
  const out: ModelDiagnostics = { mixed_auc: weightedAuc(score, test.label, test.weights) };
  const t = truth ? (test.extras[truth] ?? test.nuisances[truth]) : undefined;
  if (!t) return out;
  const signal = weightedAuc(score, t, test.weights);
  const f1 = signalFraction(t, test.label, test.weights, 1);
  const f0 = signalFraction(t, test.label, test.weights, 0);
  const delta = f1.value - f0.value;
  const predicted = 0.5 + delta * (signal.value - 0.5);
  const predictedError = Math.hypot(delta * (signal.error ?? 0), (signal.value - 0.5) * Math.hypot(f1.error ?? 0, f0.error ?? 0));
  return { ...out, signal_auc: signal, signal_fraction_1: f1, signal_fraction_0: f0, predicted_mixed_auc: { value: predicted, error: predictedError } };
}
