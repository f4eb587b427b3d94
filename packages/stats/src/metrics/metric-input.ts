import {
  HepuqError, dataRow, type ClassificationPrediction, type MetricInput, type MulticlassPrediction, type RegressionPrediction,
} from '@hepuq/core';
import {
  assertPositiveTotal, resolveWeights, weightSummary, type WeightSummary,
} from '../weighted/weighted-stats.js';

export interface RegressionArrays {
  prediction: RegressionPrediction;
  mean: Float32Array;
  sigma: Float32Array;
  truth: Float32Array;
  w: Float32Array;
  summary: WeightSummary;
}

export interface ClassificationArrays {
  prediction: ClassificationPrediction;
  prob: Float32Array;
  label: Float32Array;
  w: Float32Array;
  summary: WeightSummary;
}

export interface MulticlassArrays {
  prediction: MulticlassPrediction;
  /** [K][N] class probabilities. */
  probs: Float32Array[];
  /** Labels 0..K-1 (MetricInput.truth). */
  label: Float32Array;
  /** Number of classes K. */
  k: number;
  w: Float32Array;
  summary: WeightSummary;
}

/** How far sum_k p_k may be from 1 per event (float32 softmax outputs sum to 1 within ~1e-6). */
export const PROB_SUM_TOLERANCE = 1e-3;

/** How messages name the caller: `metric "pulls"`, `recalibration "variance-scaling"`. */
function label(kind: string, key: string): string {
  return `${kind} "${key}"`;
}

function checkLength(metric: string, name: string, col: { length: number }, n: number): void {
  if (col.length !== n) {
    throw new HepuqError('ShapeMismatch', `${metric}: ${name} has ${col.length} entries, truth has ${n}`);
  }
}

function checkFinite(metric: string, name: string, col: Float32Array, offset = 0): void {
  for (let i = 0; i < col.length; i++) {
    if (!Number.isFinite(col[i])) {
      throw new HepuqError('NonFiniteValue', `${metric}: ${name} is ${col[i]} at ${dataRow(i + offset)}`);
    }
  }
}

function weightsOf(metric: string, input: MetricInput): { w: Float32Array; summary: WeightSummary } {
  const n = input.truth.length;
  if (n === 0) throw new HepuqError('EmptyDataset', `${metric}: no events`);
  if (input.weights) {
    checkLength(metric, 'weights', input.weights, n);
    checkFinite(metric, 'weight', input.weights);
  }
  const w = resolveWeights(n, input.weights);
  const summary = weightSummary(w);
  assertPositiveTotal(summary, `${metric}`);
  return { w, summary };
}

/**
 * Validated arrays per input object: computeMetrics hands one input to many metrics, and validation
 * (several passes over N events) would otherwise dominate cheap metrics. An entry is reused only while
 * the input still holds the same prediction, truth and weight arrays.
 */
const validated = new WeakMap<MetricInput, { prediction: unknown; truth: unknown; weights: unknown; arrays: unknown }>();

function cached<T>(input: MetricInput, make: () => T): T {
  const hit = validated.get(input);
  if (hit && hit.prediction === input.prediction && hit.truth === input.truth && hit.weights === input.weights) return hit.arrays as T;
  const arrays = make();
  validated.set(input, { prediction: input.prediction, truth: input.truth, weights: input.weights, arrays });
  return arrays;
}

/** Validate a regression input: kind, lengths, finite values, sigmaTot > 0, positive weight total. */
export function regressionArrays(key: string, input: MetricInput, kind = 'metric'): RegressionArrays {
  const metric = label(kind, key);
  const p = input.prediction;
  if (p.kind !== 'regression') {
    throw new HepuqError('InvalidArgument', `${metric} needs a regression prediction, got ${p.kind}`);
  }
  if (p.targets) {
    // its top-level columns are the first target's: reading them silently would drop the others
    throw new HepuqError('InvalidArgument', `${metric} takes one target, got a prediction of ${p.targets.length} (${p.targets.map((t) => t.name).join(', ')})`, {
      hint: 'Evaluate each target on its own: `targetAsPrediction(prediction.targets[t])` with that target\'s truth column (what `hepuq run` does, suffixing the values with `_<target>`).',
    });
  }
  return cached(input, () => {
    const n = input.truth.length;
    checkLength(metric, 'prediction.mean', p.mean, n);
    checkLength(metric, 'prediction.sigmaTot', p.sigmaTot, n);
    const { truth } = input;
    const { mean, sigmaTot } = p;
    for (let i = 0; i < n; i++) {
      // one fused pass; the slow path below names the offending column
      if (Number.isFinite(truth[i] + mean[i]) && sigmaTot[i] > 0 && sigmaTot[i] !== Infinity) continue;
      checkFinite(metric, 'truth', truth.subarray(i, i + 1), i);
      checkFinite(metric, 'prediction.mean', mean.subarray(i, i + 1), i);
      throw new HepuqError('InvalidArgument', `${metric}: prediction.sigmaTot is ${sigmaTot[i]} at ${dataRow(i)}; it must be positive and finite`);
    }
    return { prediction: p, mean, sigma: sigmaTot, truth, ...weightsOf(metric, input) };
  });
}

/** Validate a classification input: kind, lengths, probabilities in [0, 1], labels 0/1. */
export function classificationArrays(key: string, input: MetricInput, kind = 'metric'): ClassificationArrays {
  const metric = label(kind, key);
  const p = input.prediction;
  if (p.kind !== 'classification') {
    throw new HepuqError('InvalidArgument', `${metric} needs a classification prediction, got ${p.kind}`);
  }
  return cached(input, () => {
    const n = input.truth.length;
    checkLength(metric, 'prediction.prob', p.prob, n);
    for (let i = 0; i < n; i++) {
      if (!(p.prob[i] >= 0 && p.prob[i] <= 1)) {
        throw new HepuqError('InvalidArgument', `${metric}: prediction.prob is ${p.prob[i]} at ${dataRow(i)}; it must lie in [0, 1]`);
      }
      if (input.truth[i] !== 0 && input.truth[i] !== 1) {
        throw new HepuqError('InvalidArgument', `${metric}: label is ${input.truth[i]} at ${dataRow(i)}; labels must be 0 or 1`);
      }
    }
    return { prediction: p, prob: p.prob, label: input.truth, ...weightsOf(metric, input) };
  });
}

/**
 * Validate a multiclass input: kind, K >= 2 class columns (and as many class names) of N entries,
 * probabilities in [0, 1] summing to 1 within PROB_SUM_TOLERANCE per event, labels integers 0..K-1,
 * finite weights with a positive total. Errors name the column (`prediction.probs[1]`, `label`, `weight`).
 * @example const { probs, label, k, w, summary } = multiclassArrays('log-loss', input);
 */
export function multiclassArrays(key: string, input: MetricInput, kind = 'metric'): MulticlassArrays {
  const metric = label(kind, key);
  const p = input.prediction;
  if (p.kind !== 'multiclass') {
    throw new HepuqError('InvalidArgument', `${metric} needs a multiclass prediction, got ${p.kind}`);
  }
  return cached(input, () => {
    const n = input.truth.length;
    const k = p.probs.length;
    if (k < 2) throw new HepuqError('ShapeMismatch', `${metric}: prediction.probs has ${k} class columns; a multiclass prediction needs at least 2`);
    if (p.classes.length !== k) {
      throw new HepuqError('ShapeMismatch', `${metric}: prediction.classes names ${p.classes.length} classes, prediction.probs has ${k} columns`);
    }
    p.probs.forEach((col, c) => checkLength(metric, `prediction.probs[${c}]`, col, n));
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const v = p.probs[c][i];
        if (!(v >= 0 && v <= 1)) {
          const code = Number.isFinite(v) ? 'InvalidArgument' : 'NonFiniteValue';
          throw new HepuqError(code, `${metric}: prediction.probs[${c}] is ${v} at ${dataRow(i)}; it must lie in [0, 1]`);
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > PROB_SUM_TOLERANCE) {
        throw new HepuqError('InvalidArgument', `${metric}: prediction.probs sum to ${sum} at ${dataRow(i)}; the K class probabilities must sum to 1 (within ${PROB_SUM_TOLERANCE})`, {
          hint: 'Pass softmax outputs, or normalise each event\'s probabilities.',
        });
      }
      const y = input.truth[i];
      if (!(Number.isInteger(y) && y >= 0 && y < k)) {
        throw new HepuqError(Number.isFinite(y) ? 'InvalidArgument' : 'NonFiniteValue',
          `${metric}: label is ${y} at ${dataRow(i)}; labels must be integers 0..${k - 1} (${k} classes)`);
      }
    }
    return { prediction: p, probs: p.probs, label: input.truth, k, ...weightsOf(metric, input) };
  });
}
