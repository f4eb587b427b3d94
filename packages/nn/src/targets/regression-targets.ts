import * as tf from '@tensorflow/tfjs';
import { HepuqError, multiTargetPrediction, targetPrediction, type Dataset, type RegressionPrediction } from '@hepuq/core';
import { boundLogSigma, type LogSigmaBound } from '../loss/log-sigma-bound.js';
import { splitRows } from '../nn/chunked-evaluation.js';

/** Most regression targets one model predicts (a diagonal Gaussian head has 2 outputs per target). */
export const MAX_TARGETS = 64;

/** A regression target as a model standardises it: y' = (y - mean) / std. */
export interface TargetScale {
  name: string;
  mean: number;
  std: number;
}

/**
 * What a saved regression model records about its targets: the first one in `targetName`,
 * `targetMean`, `targetStd` (as single-target models always did), and every one in `targets` when
 * there are several; and how the head bounds log sigma (`logSigmaBound`; absent in models saved
 * before the soft bound, which keep the hard clip they were trained with: `savedLogSigmaBound`).
 */
export interface SavedTargets {
  targetName: string;
  targetMean: number;
  targetStd: number;
  targets?: TargetScale[];
  logSigmaBound?: LogSigmaBound;
}

/** The outputs of a diagonal Gaussian head on T targets: mu_0..mu_{T-1}, then log sigma_0..log sigma_{T-1}. */
export function regressionOutputs(targets: number): number {
  return 2 * targets;
}

/**
 * The regression targets of `data`, each standardised (mean 0, std 1 over the training events, so
 * the loss is scale-free), as one row-major [n, T] matrix; `MissingColumn` without a target.
 * @example const { scales, y } = regressionTargets(train, 'het-mlp')
 */
export function regressionTargets(data: Dataset, method: string): { scales: TargetScale[]; y: Float32Array } {
  if (data.targets.length === 0) throw new HepuqError('MissingColumn', `${data.source}: ${method} needs a regression target column`, { hint: 'Name it in the data source: `target: y`, or `target: [y1, y2]` for several.' });
  if (data.targets.length > MAX_TARGETS) throw new HepuqError('InvalidConfig', `${data.source}: ${method} predicts at most ${MAX_TARGETS} targets, got ${data.targets.length}`);
  const t = data.targets.length;
  const scales = data.targets.map(({ name, values }) => ({ name, ...targetScale(values) }));
  const y = new Float32Array(data.n * t);
  data.targets.forEach(({ values }, j) => {
    const { mean, std } = scales[j];
    for (let i = 0; i < data.n; i++) y[i * t + j] = (values[i] - mean) / std;
  });
  return { scales, y };
}

/** Mean and standard deviation used to standardise a target (the loss is scale-free then). */
export function targetScale(y: Float32Array): { mean: number; std: number } {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  let sq = 0;
  for (const v of y) sq += (v - mean) ** 2;
  return { mean, std: Math.sqrt(sq / Math.max(1, y.length - 1)) || 1 };
}

/** The spec fields that record `scales` (see `SavedTargets`). */
export function savedTargetFields(scales: readonly TargetScale[]): SavedTargets {
  const [first] = scales;
  return { targetName: first.name, targetMean: first.mean, targetStd: first.std, ...(scales.length > 1 ? { targets: [...scales] } : {}), logSigmaBound: 'soft' };
}

/** The log sigma bound a saved spec was trained with: `soft`, or `clip` for specs saved before it existed. */
export function savedLogSigmaBound(spec: SavedTargets, dir: string): LogSigmaBound {
  const bound = spec.logSigmaBound ?? 'clip';
  if (bound !== 'soft' && bound !== 'clip') throw new HepuqError('ModelLoadFailed', `${dir}: unknown logSigmaBound ${JSON.stringify(bound)}; expected "soft" or "clip"`);
  return bound;
}

/** The target scales a saved spec records, checked (`ModelLoadFailed` names `dir`). */
export function savedTargetScales(spec: SavedTargets, dir: string): TargetScale[] {
  const scales = spec.targets ?? [{ name: spec.targetName, mean: spec.targetMean, std: spec.targetStd }];
  const ok = Array.isArray(scales) && scales.length >= 1 && scales.length <= MAX_TARGETS
    && scales.every((s) => typeof s?.name === 'string' && Number.isFinite(s.mean) && Number.isFinite(s.std) && s.std > 0)
    && new Set(scales.map((s) => s.name)).size === scales.length;
  if (!ok) throw new HepuqError('ModelLoadFailed', `${dir}: the saved model's targets must be distinct names with a finite mean and a positive std, got ${JSON.stringify(scales)}`);
  return scales;
}

/**
 * The Gaussian head's outputs along the last axis of `out` [..., 2T]: `mu` [..., T] and the bounded
 * `logSigma` [..., T] (`softBound` of the raw outputs, or a saved model's own `bound`; standardised units).
 */
export function gaussianHeadColumns<T extends tf.Tensor>(out: T, targets: number, bound: LogSigmaBound = 'soft'): { mu: T; logSigma: T } {
  const last = out.shape.length - 1;
  const begin = out.shape.map(() => 0);
  const size = out.shape.map((d, i) => (i === last ? targets : d));
  const logBegin = begin.map((b, i) => (i === last ? targets : b));
  return {
    mu: tf.slice(out, begin, size) as T,
    logSigma: boundLogSigma(tf.slice(out, logBegin, size), bound) as T,
  };
}

/**
 * The prediction of targets `names` from per-target columns in target units: `mean`, `stat`, `syst`
 * are row-major [T, n] (target t in rows t*n..(t+1)*n), `replicas` [R, T, n] (row r*T+t: replica r of
 * target t). Methods scale to target units on the backend in float32 (`toTargetUnits`), as the
 * exported graph does. One target gives a plain regression prediction.
 */
export function targetsPrediction(
  names: readonly string[], n: number, cols: { mean: Float32Array; stat: Float32Array; syst: Float32Array; replicas?: Float32Array }, replicas = 0,
): RegressionPrediction {
  const [mean, stat, syst] = [cols.mean, cols.stat, cols.syst].map((c) => splitRows(c, names.length, n));
  const reps = replicas > 0 && cols.replicas ? splitRows(cols.replicas, replicas * names.length, n) : undefined;
  return multiTargetPrediction(names.map((name, t) => targetPrediction(
    name, mean[t], stat[t], syst[t], reps && Array.from({ length: replicas }, (_, r) => reps[r * names.length + t]),
  )));
}

/**
 * Standardised head outputs in target units, on the backend: `mu` [..., T] to mu s_t + m_t and
 * `logSigma` (bounded) to sigma = exp(log sigma) s_t, target t along the last axis.
 */
export function toTargetUnits(mu: tf.Tensor, logSigma: tf.Tensor, scales: readonly TargetScale[]): { mean: tf.Tensor; sigma: tf.Tensor } {
  const std = tf.tensor1d(scales.map((s) => s.std));
  return { mean: tf.add(tf.mul(mu, std), tf.tensor1d(scales.map((s) => s.mean))), sigma: tf.mul(tf.exp(logSigma), std) };
}
