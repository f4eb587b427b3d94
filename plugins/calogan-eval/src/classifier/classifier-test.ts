import { Dataset, HepuqError, parseOrThrow, Rng, z, type ClassificationPrediction, type MethodContext, type UQMethod } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { assertComparable, subsetRows, type FeatureSample } from '../sample/feature-sample.js';
import { std } from '../stats/summary-stats.js';
import { densityRatio, type DensityRatio } from './density-ratio.js';
import { reweightingCheck, weightRegions, type ReweightingCheck, type WeightRegion } from './reweighting-check.js';
import { weightedAuc } from './weighted-auc.js';

export const DEFAULT_CLASSIFIER = 'mlp-classifier';

export const ClassifierTestOptions = z
  .object({
    /** Registry key of the classifier (a UQMethod with task 'classification'). */
    method: z.string().default(DEFAULT_CLASSIFIER),
    /** Options for that method, validated by its own schema. */
    methodOptions: z.record(z.string(), z.unknown()).default({}),
    /** Fraction of each sample used for training; the rest is the test set every number comes from. */
    trainFraction: z.number().gt(0).lt(1).default(0.5),
    /** D is clipped to [eps, 1 - eps] and w = D/(1-D) to [0, maxWeight]. */
    eps: z.number().gt(0).lt(0.5).default(1e-6),
    maxWeight: z.number().positive().default(100),
    /** Quantile bins per feature for the reweighting check and the regions table. */
    bins: z.number().int().min(2).default(10),
    regions: z.number().int().min(1).default(10),
    seed: z.number().int().default(1),
  })
  .strict();
export type ClassifierTestOptions = z.input<typeof ClassifierTestOptions>;

export interface ClassifierTestResult {
  method: string;
  /** AUC of reference (1) vs generated (0) on the test split; 0.5 = indistinguishable. */
  auc: { value: number; error: number; statError: number; modelError: number };
  /** Jensen-Shannon divergence in bits estimated as (ln 2 - BCE)/ln 2 on the class-balanced test split. */
  jsd: { value: number; error: number; statError: number; modelError: number };
  weights: DensityRatio['diagnostics'];
  reweighting: ReweightingCheck[];
  regions: WeightRegion[];
  /** Per-event w on the generated test events (for plots), with sigma_w. */
  w: Float64Array;
  sigmaW: Float64Array;
  /** Generated and reference test events (the rows w refers to, and the comparison sample). */
  generatedTest: FeatureSample;
  referenceTest: FeatureSample;
  /** Classifier output on the test split (reference events first) for ROC plots. */
  scores: { reference: Float32Array; generated: Float32Array };
}

/** Dataset of two samples with labels 1 (reference) and 0 (generated), class totals balanced to n/2 each. */
function labelledDataset(reference: FeatureSample, generated: FeatureSample, source: string): Dataset {
  const n = reference.n + generated.n;
  const features: Record<string, Float32Array> = {};
  reference.names.forEach((name, j) => {
    const col = new Float32Array(n);
    for (let i = 0; i < reference.n; i++) col[i] = reference.data[i * reference.d + j];
    for (let i = 0; i < generated.n; i++) col[reference.n + i] = generated.data[i * generated.d + j];
    features[name] = col;
  });
  const label = new Float32Array(n);
  label.fill(1, 0, reference.n);
  const weights = new Float32Array(n);
  const total = (s: FeatureSample) => (s.weights ? s.weights.reduce((a, b) => a + b, 0) : s.n);
  const fr = n / 2 / total(reference);
  const fg = n / 2 / total(generated);
  for (let i = 0; i < reference.n; i++) weights[i] = (reference.weights ? reference.weights[i] : 1) * fr;
  for (let i = 0; i < generated.n; i++) weights[reference.n + i] = (generated.weights ? generated.weights[i] : 1) * fg;
  return new Dataset({ features, label, weights, source });
}

/**
 * Class-balanced mean binary cross-entropy (nats) and the per-event standard error sqrt(m2/n_eff).
 * Not core's `bce` metric: p is clipped at the test's `eps` (core: 1e-7) and the error has no Bessel factor.
 */
function balancedBce(prob: ArrayLike<number>, label: Float32Array, weights: Float32Array, eps: number): { bce: number; error: number } {
  let sw = 0, sw2 = 0, s = 0, s2 = 0;
  for (let i = 0; i < label.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, prob[i]));
    const l = -(label[i] > 0.5 ? Math.log(p) : Math.log(1 - p));
    const w = weights[i];
    sw += w;
    sw2 += w * w;
    s += w * l;
    s2 += w * l * l;
  }
  const m = s / sw;
  const nEff = (sw * sw) / sw2;
  return { bce: m, error: Math.sqrt(Math.max(0, s2 / sw - m * m) / nEff) };
}

/**
 * Classifier two-sample test (Lopez-Paz & Oquab 1610.06545; Krause & Shih 2106.05285 for
 * calorimeter showers): a classifier from the registry is trained on a split of reference (label 1)
 * vs generated (label 0) events with class-balanced weights and evaluated on the rest. Reports the
 * test AUC with its Hanley-McNeil error, the JSD estimate (ln 2 - BCE)/ln 2 (a perfect generator
 * gives 0, a perfectly separable one 1), the per-event density ratio w = D/(1-D) on generated test
 * events with its quantiles and clipping diagnostics, a reweighting check per feature, and the
 * regions where w deviates most. If the classifier returns replicas (BNN, ensembles), AUC and JSD
 * are recomputed per replica and their spread is added in quadrature (`modelError`); sigma_D is
 * propagated to every w.
 * @example const r = await classifierTest(ref, gen, method, { methodOptions: { epochs: 20 } }, { rng, events });
 */
export async function classifierTest(reference: FeatureSample, generated: FeatureSample, method: UQMethod, options: ClassifierTestOptions, ctx: MethodContext): Promise<ClassifierTestResult> {
  const opts = parseOrThrow(ClassifierTestOptions, options, { code: 'InvalidArgument', where: 'classifier test options', plugin: PLUGIN_NAME });
  assertComparable(reference, generated, 20, 'classifier');
  if (method.task !== 'classification') {
    throw new HepuqError('InvalidArgument', `classifier test: method "${method.key}" is a ${method.task} method, a classification method is needed`, { plugin: PLUGIN_NAME });
  }
  const rng = new Rng(opts.seed);
  const split = (s: FeatureSample, label: string) => {
    const perm = rng.fork(label).permutation(s.n);
    const k = Math.round(s.n * opts.trainFraction);
    return { train: subsetRows(s, perm.subarray(0, k)), test: subsetRows(s, perm.subarray(k)) };
  };
  const ref = split(reference, 'reference');
  const gen = split(generated, 'generated');
  const methodOptions = parseOrThrow(method.options, opts.methodOptions, { code: 'InvalidConfig', where: `classifier test: options for "${method.key}"`, path: 'methodOptions', plugin: PLUGIN_NAME });
  const model = await method.fit(labelledDataset(ref.train, gen.train, 'classifier-test train'), methodOptions, ctx);
  let prediction: ClassificationPrediction;
  const test = labelledDataset(ref.test, gen.test, 'classifier-test test');
  try {
    const p = await model.predict(test, { replicas: 0, seed: opts.seed });
    if (p.kind !== 'classification') throw new HepuqError('InvalidArgument', `classifier test: "${method.key}" returned a ${p.kind} prediction`, { plugin: PLUGIN_NAME });
    prediction = p;
  } finally {
    model.dispose();
  }
  const label = test.label!;
  const nr = ref.test.n;
  const auc = weightedAuc(prediction.prob, label, test.weights);
  const bce = balancedBce(prediction.prob, label, test.weights, opts.eps);
  const replicas = prediction.replicas ?? [];
  const aucModel = replicas.length >= 2 ? std(replicas.map((r) => weightedAuc(r, label, test.weights).value)) : 0;
  const jsdModel = replicas.length >= 2 ? std(replicas.map((r) => (Math.LN2 - balancedBce(r, label, test.weights, opts.eps).bce) / Math.LN2)) : 0;
  const genProb = prediction.prob.subarray(nr);
  const ratio = densityRatio(genProb, prediction.sigmaProb.subarray(nr), gen.test.weights, opts.eps, opts.maxWeight);
  return {
    method: method.key,
    auc: { value: auc.value, error: Math.hypot(auc.error, aucModel), statError: auc.error, modelError: aucModel },
    jsd: { value: (Math.LN2 - bce.bce) / Math.LN2, error: Math.hypot(bce.error / Math.LN2, jsdModel), statError: bce.error / Math.LN2, modelError: jsdModel },
    weights: ratio.diagnostics,
    reweighting: reweightingCheck(ref.test, gen.test, ratio.w, opts.bins),
    regions: weightRegions(gen.test, ratio.w, opts.bins, opts.regions),
    w: ratio.w,
    sigmaW: ratio.sigma,
    generatedTest: gen.test,
    referenceTest: ref.test,
    scores: { reference: prediction.prob.slice(0, nr), generated: prediction.prob.slice(nr) },
  };
}
