import type { Dataset } from '../data/dataset.js';
import { HepuqError } from '../errors/hepuq-error.js';
import type { FittedModel, MethodContext, UQMethod } from '../method/uq-method.js';
import { likelihoodRatioWeights } from './likelihood-ratio.js';
import { twoSampleDataset } from './two-sample-dataset.js';
import { weightDiagnostics, type WeightDiagnostics } from './weight-diagnostics.js';

/** A classification method from the registry with its parsed options: the classifier DCTR trains. */
export interface ReweightingClassifier {
  method: UQMethod;
  options: unknown;
}

export interface DctrOptions {
  /** Classifier outputs are clipped to [probClip, 1 - probClip] before c/(1-c) (default 1e-6). */
  probClip?: number;
  /** Ratios c/(1-c) above this are set to it, before `absolute` scales them (default 100; Infinity: no clipping). */
  maxWeight?: number;
  /** Classifiers trained with different seeds whose ratios are averaged (default 1). */
  ensemble?: number;
  /** Where to evaluate the weights (default: the `from` sample itself). */
  evaluate?: Dataset;
  /** Fitted classifiers to continue training from, one per ensemble member (the method must support warm starts). */
  warmStart?: readonly FittedModel[];
  /** Return the fitted classifiers in `models` instead of disposing them (the caller disposes them). */
  keepModels?: boolean;
  /**
   * Return the ratio of the weighted (unnormalised) distributions, c/(1-c) times the total weight of
   * `to` over that of `from`, so that the reweighted `from` sample carries the total weight of `to`
   * (default false: the ratio of the normalised densities, total weight kept).
   */
  absolute?: boolean;
  /** Coherent replicas to draw from a Bayesian classifier (a BNN, an ensemble) when `ensemble` is 1 (default 0). */
  replicas?: number;
}

export interface DctrResult {
  /** Density ratio p_to/p_from at every event of the evaluated sample (mean over the ensemble). */
  ratio: Float32Array;
  /** The ratio of each ensemble member (one entry when `ensemble` is 1). */
  members: Float32Array[];
  /** The ratio by coherent replica when the classifier predicts replicas (a BNN, an ensemble). */
  replicas?: Float32Array[];
  /** Fraction of evaluated events where a clip acted (probability or weight), over all members. */
  clippedFraction: number;
  /** Largest ratio before weight clipping. */
  maxRaw: number;
  /** Effective sample size and extreme weights of the evaluated sample's weights times the ratio. */
  diagnostics: WeightDiagnostics;
  /** The fitted classifiers, with `keepModels` (owned by the caller). */
  models?: FittedModel[];
}

/**
 * DCTR reweighting (Andreassen and Nachman, arXiv:1907.08209): a classifier between two samples,
 * each with its event weights and the classes balanced to equal total weight, gives the density
 * ratio w(x) = p_to(x)/p_from(x) = c/(1-c) (the likelihood-ratio trick), with probability and weight
 * clipping, an optional ensemble of classifiers whose ratios are averaged, and the effective sample
 * size of the reweighted sample. Every classifier is disposed before it returns.
 * @example const { ratio, diagnostics } = await dctrReweight({ method, options }, { from: sim, to: data }, ctx)
 */
export async function dctrReweight(classifier: ReweightingClassifier, samples: { from: Dataset; to: Dataset }, ctx: MethodContext, options: DctrOptions = {}): Promise<DctrResult> {
  const { method } = classifier;
  if (method.task !== 'classification') {
    throw new HepuqError('InvalidConfig', `reweighting needs a classification method, but "${method.key}" is a ${method.task} method`, {
      hint: 'Name a classification method (`hepuq plugins` lists them), e.g. mlp-classifier.',
    });
  }
  const size = options.ensemble ?? 1;
  if (!Number.isInteger(size) || size < 1) throw new HepuqError('InvalidArgument', `reweighting: ensemble must be an integer >= 1, got ${size}`);
  if (options.replicas !== undefined && !(Number.isInteger(options.replicas) && options.replicas >= 0)) {
    throw new HepuqError('InvalidArgument', `reweighting: replicas must be an integer >= 0, got ${options.replicas}`);
  }
  if (options.warmStart && !method.warmStart) {
    throw new HepuqError('InvalidConfig', `classifier "${method.key}" cannot warm-start`, { hint: 'Train fresh classifiers (warmStart: false), or use a method that supports warm starts, e.g. mlp-classifier.' });
  }
  if (options.warmStart && options.warmStart.length !== size) {
    throw new HepuqError('InvalidArgument', `reweighting: ${options.warmStart.length} warm-start models for an ensemble of ${size}`, { hint: 'Give one fitted model per ensemble member (the `models` of the previous call with keepModels).' });
  }
  const evaluate = options.evaluate ?? samples.from;
  const train = twoSampleDataset(samples.from, samples.to);
  const members: Float32Array[] = [];
  let replicas: Float32Array[] | undefined;
  let clipped = 0;
  let maxRaw = 0;
  const models: FittedModel[] = [];
  const lrOptions = { probClip: options.probClip ?? 1e-6, maxWeight: options.maxWeight ?? 100 };
  try {
    for (let m = 0; m < size; m++) {
      const model = await method.fit(train, classifier.options, { ...ctx, rng: ctx.rng.fork(`dctr:${m}`), checkpoints: undefined, warmStart: options.warmStart?.[m] });
      try {
        const prediction = await model.predict(evaluate, { replicas: size === 1 ? options.replicas ?? 0 : 0, seed: ctx.rng.fork(`dctr:predict:${m}`).nextSeed() });
        if (prediction.kind === 'multiclass') {
          throw new HepuqError('InvalidConfig', `classifier "${method.key}" returned K-class probabilities; reweighting needs P(label = 1) of a binary classifier`, {
            hint: 'Use a binary classifier (two classes; no `classes` option above 2).',
          });
        }
        if (prediction.kind !== 'classification') throw new HepuqError('InternalError', `classifier "${method.key}" returned a ${prediction.kind} prediction`);
        if (prediction.prob.length !== evaluate.n) throw new HepuqError('ShapeMismatch', `classifier "${method.key}" predicted ${prediction.prob.length} probabilities for the ${evaluate.n} events of ${evaluate.source}`);
        const lr = likelihoodRatioWeights(prediction.prob, lrOptions);
        members.push(lr.weights);
        for (let i = 0; i < lr.clipped.length; i++) clipped += lr.clipped[i];
        maxRaw = Math.max(maxRaw, lr.maxRaw);
        if (prediction.replicas?.length) replicas = prediction.replicas.map((p) => likelihoodRatioWeights(p, lrOptions).weights);
      } catch (e) {
        model.dispose();
        throw e;
      }
      if (options.keepModels) models.push(model);
      else model.dispose();
    }
  } catch (e) {
    models.forEach((m) => m.dispose());
    throw e;
  }
  if (options.absolute) {
    const scale = totalWeight(samples.to) / totalWeight(samples.from);
    for (const r of [...members, ...(replicas ?? [])]) for (let i = 0; i < r.length; i++) r[i] *= scale;
    maxRaw *= scale;
  }
  const ratio = meanOf(members);
  const weighted = new Float64Array(evaluate.n);
  for (let i = 0; i < evaluate.n; i++) weighted[i] = evaluate.weights[i] * ratio[i];
  return { ratio, members, replicas, clippedFraction: clipped / (size * evaluate.n || 1), maxRaw, diagnostics: weightDiagnostics(weighted), models: options.keepModels ? models : undefined };
}

function totalWeight(sample: Dataset): number {
  let sum = 0;
  for (let i = 0; i < sample.n; i++) sum += sample.weights[i];
  return sum;
}

function meanOf(arrays: Float32Array[]): Float32Array {
  if (arrays.length === 1) return arrays[0].slice();
  const out = new Float32Array(arrays[0].length);
  for (const a of arrays) for (let i = 0; i < a.length; i++) out[i] += a[i] / arrays.length;
  return out;
}
