import { Dataset, EventBus, HepuqError, isHepuqError, Rng, withMethodApp, type MethodRef, type TaskContext, type UQMethod } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { balancedWeights } from '../cwola/mixed-samples.js';

/** Labelled events of one training or validation set: row-major inputs, 0/1 labels, weights. */
export interface FoldEvents {
  x: Float32Array;
  y: Float32Array;
  w: Float32Array;
}

/** One network of a nested k-fold as an executor task: structured-cloneable, so it crosses worker and process boundaries. */
export interface FoldTaskInput {
  features: string[];
  train: FoldEvents;
  /** Held-out events whose loss ranks the networks of a test fold (absent: no ranking). */
  validation?: FoldEvents;
  /** Row-major inputs to score with the trained network (the test fold). */
  evaluate: Float32Array;
  classifier: MethodRef;
  seed: number;
  /** The tensor backend of the app that planned the hunt, so every network computes alike. */
  backend: string;
  /** Return a diverged network as `diverged` instead of failing the task: the health check retrains it. */
  reportDivergence?: boolean;
}

export interface FoldTaskResult {
  /** P(label 1) of every `evaluate` row (NaN when diverged). */
  scores: Float32Array;
  /** Weighted binary cross-entropy on the validation events, classes balanced (NaN without them, or when diverged). */
  validationLoss: number;
  /**
   * With `reportDivergence`: the error of a network whose training diverged (`TrainingDiverged`) or
   * that scored an event non-finite (`NonFiniteValue`).
   */
  diverged?: { code: string; message: string };
}

/**
 * Executor task: train the classifier of `input.classifier` in a fresh app (its plugin loaded by
 * package name) and score the held-out rows. Everything random comes in `input`, so a retry repeats
 * the same network.
 * @example await executor.map([{ module: FOLD_TASK_MODULE, export: 'trainFold', input }])
 */
export function trainFold(input: FoldTaskInput, _ctx?: TaskContext): Promise<FoldTaskResult> {
  return withMethodApp(input.classifier, input.backend, (method) => fitAndScore(method, input));
}

/**
 * Train `method` (options from `input.classifier`) on the balanced training events and score validation
 * and evaluation rows. A network that diverges or scores an event non-finite fails, or with
 * `input.reportDivergence` comes back with `diverged` set (NaN scores and loss).
 */
export async function fitAndScore(method: UQMethod, input: FoldTaskInput, signal?: AbortSignal): Promise<FoldTaskResult> {
  try {
    return await fitAndScoreOrThrow(method, input, signal);
  } catch (e) {
    if (!(input.reportDivergence && isHepuqError(e) && (e.code === 'TrainingDiverged' || e.code === 'NonFiniteValue'))) throw e;
    const rows = input.evaluate.length / input.features.length;
    return { scores: new Float32Array(rows).fill(Number.NaN), validationLoss: Number.NaN, diverged: { code: e.code, message: e.message } };
  }
}

async function fitAndScoreOrThrow(method: UQMethod, input: FoldTaskInput, signal?: AbortSignal): Promise<FoldTaskResult> {
  const train = toDataset(input.features, input.train.x, input.train.y, balancedWeights(input.train.w, input.train.y));
  const model = await method.fit(train, input.classifier.options, { rng: new Rng(input.seed), events: new EventBus(), signal });
  try {
    const scoreOf = async (x: Float32Array): Promise<Float32Array> => {
      const p = await model.predict(toDataset(input.features, x));
      if (p.kind !== 'classification') throw new HepuqError('InvalidConfig', `classifier "${method.key}" predicts ${p.kind}, a hunt needs probabilities`, { plugin: PLUGIN_NAME });
      const bad = p.prob.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new HepuqError('NonFiniteValue', `classifier "${method.key}" scored an event ${p.prob[bad]} (training diverged?)`, { hint: 'Lower the learning rate or check the inputs for extreme values.', plugin: PLUGIN_NAME });
      return p.prob;
    };
    const v = input.validation;
    const validationLoss = v && v.y.includes(0) && v.y.includes(1) ? bce(await scoreOf(v.x), v.y, balancedWeights(v.w, v.y)) : Number.NaN;
    return { scores: await scoreOf(input.evaluate), validationLoss };
  } finally {
    model.dispose();
  }
}

/** Row-major inputs as a dataset with the named features. */
function toDataset(features: string[], x: Float32Array, y?: Float32Array, w?: Float32Array): Dataset {
  const d = features.length;
  const n = x.length / d;
  const cols = Object.fromEntries(features.map((f, j) => [f, Float32Array.from({ length: n }, (_, i) => x[i * d + j])]));
  return new Dataset({ features: cols, label: y, weights: w, source: 'hunt fold' });
}

/** Weighted mean binary cross-entropy, probabilities clipped to [1e-7, 1 - 1e-7]. */
function bce(p: Float32Array, y: Float32Array, w: Float32Array): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
    s -= w[i] * (y[i] === 1 ? Math.log(q) : Math.log(1 - q));
    sw += w[i];
  }
  return s / sw;
}

/** URL of this module for executors: the .ts source when running from sources (tests, tsx), the compiled .js from dist. */
export const FOLD_TASK_MODULE: string = new URL(import.meta.url.endsWith('.ts') ? './fold.task.ts' : './fold.task.js', import.meta.url).href;
