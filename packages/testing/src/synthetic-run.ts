import {
  Dataset, regressionPrediction, Rng,
  type ClassificationPrediction, type FittedModel, type MetricValue, type Prediction, type ReportContext, type TaskKind,
} from '@hepuq/core';

/** A finished toy run with known truth: what run steps and report sections get to see. */
export interface SyntheticRun {
  task: 'regression' | 'classification';
  train: Dataset;
  test: Dataset;
  /** A calibrated prediction of the test set (with replicas; a two-component mixture for regression). */
  prediction: Prediction;
  /** Predicts the same calibrated truth for any dataset with features x1, x2 (no tensors, nothing to save). */
  model: FittedModel;
}

export interface SyntheticRunOptions {
  task?: TaskKind;
  /** Events in each of train and test (default 400). */
  n?: number;
  seed?: number;
  /** Replicas in the prediction (default 8). */
  replicas?: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Regression truth: mean sin(x1) + x2/4 and width 0.3 + 0.2 |x1|. */
function regressionTruth(x1: number, x2: number): { mean: number; sigma: number } {
  return { mean: Math.sin(x1) + 0.25 * x2, sigma: 0.3 + 0.2 * Math.abs(x1) };
}

function features(n: number, rng: Rng): { x1: Float32Array; x2: Float32Array } {
  const x1 = Float32Array.from({ length: n }, () => -2 + 4 * rng.uniform());
  const x2 = rng.normalArray(n);
  return { x1, x2 };
}

function toyDataset(task: 'regression' | 'classification', n: number, rng: Rng, source: string): Dataset {
  const { x1, x2 } = features(n, rng);
  if (task === 'regression') {
    const trueMean = new Float32Array(n);
    const trueSigma = new Float32Array(n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const t = regressionTruth(x1[i], x2[i]);
      trueMean[i] = t.mean;
      trueSigma[i] = t.sigma;
      y[i] = t.mean + t.sigma * rng.normal();
    }
    return new Dataset({ features: { x1, x2 }, target: y, extras: { true_mean: trueMean, true_sigma: trueSigma }, source });
  }
  const label = new Float32Array(n);
  const trueProb = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    trueProb[i] = sigmoid(2 * x1[i] + 0.5 * x2[i]);
    label[i] = rng.uniform() < trueProb[i] ? 1 : 0;
  }
  return new Dataset({ features: { x1, x2 }, label, extras: { true_prob: trueProb }, source });
}

/**
 * The oracle prediction: the true mean and width (30% of the variance statistical), R replicas
 * mean + sigmaStat N(0, 1), and a two-component mixture with the same mean and variance; for
 * classification the true probability with a small sigmaProb and replicas clipped to [0, 1].
 */
function oraclePrediction(data: Dataset, task: 'regression' | 'classification', replicas: number, rng: Rng): Prediction {
  const n = data.n;
  const { x1, x2 } = data.features;
  if (task === 'regression') {
    const mean = new Float32Array(n);
    const stat = new Float32Array(n);
    const syst = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const t = regressionTruth(x1[i], x2[i]);
      mean[i] = t.mean;
      stat[i] = Math.sqrt(0.3) * t.sigma;
      syst[i] = Math.sqrt(0.7) * t.sigma;
    }
    const p = regressionPrediction(mean, stat, syst);
    const reps = Array.from({ length: replicas }, () => Float32Array.from(mean, (m, i) => m + stat[i] * rng.normal()));
    // components at mu -+ 0.6 sigma with width 0.8 sigma: mixture mean mu, variance sigma^2
    const half = Float32Array.from(mean, () => 0.5);
    const shift = (s: number) => Float32Array.from(mean, (m, i) => m + s * 0.6 * p.sigmaTot[i]);
    const width = Float32Array.from(p.sigmaTot, (s) => 0.8 * s);
    return { ...p, replicas: reps, mixture: { weights: [half, Float32Array.from(half)], means: [shift(-1), shift(1)], sigmas: [width, Float32Array.from(width)] } };
  }
  const prob = Float32Array.from(x1, (v, i) => sigmoid(2 * v + 0.5 * x2[i]));
  const sigmaProb = Float32Array.from(prob, (q) => 0.1 * Math.sqrt(q * (1 - q)));
  const reps = Array.from({ length: replicas }, () => Float32Array.from(prob, (q, i) => Math.min(1, Math.max(0, q + sigmaProb[i] * rng.normal()))));
  const out: ClassificationPrediction = { kind: 'classification', prob, sigmaProb, replicas: reps };
  return out;
}

/**
 * A seeded toy run with exact truth (features x1, x2; `true_mean`/`true_sigma` or `true_prob` in the
 * extras) and an oracle model, for run steps, report sections and metrics that need a finished run.
 * `generation` runs get the regression data set.
 * @example const { train, test, prediction, model } = syntheticRun({ task: 'regression', n: 500, seed: 3 });
 */
export function syntheticRun(options: SyntheticRunOptions = {}): SyntheticRun {
  const task = options.task === 'classification' ? 'classification' : 'regression';
  const n = options.n ?? 400;
  const replicas = options.replicas ?? 8;
  const rng = new Rng(options.seed ?? 1);
  const train = toyDataset(task, n, rng.fork('train'), `synthetic ${task} train`);
  const test = toyDataset(task, n, rng.fork('test'), `synthetic ${task} test`);
  const model: FittedModel = {
    method: 'hepuq-testing/oracle',
    task,
    predict: (data, predict = {}) => Promise.resolve(oraclePrediction(data, task, predict.replicas ?? replicas, new Rng(predict.seed ?? 0))),
    save: () => Promise.resolve(),
    dispose: () => undefined,
  };
  return { task, train, test, prediction: oraclePrediction(test, task, replicas, rng.fork('prediction')), model };
}

/** Text that must never reach a report unescaped. */
export const HOSTILE_TEXT = '<script>alert("hepuq")</script>';

/**
 * A report context of a synthetic run (see `syntheticRun`) whose name, metadata and a metric name
 * carry `HOSTILE_TEXT`, so a section that puts them into HTML unescaped is caught.
 * @example const ctx = syntheticReportContext({ task: 'classification' }); section.html?.(ctx)
 */
export function syntheticReportContext(options: SyntheticRunOptions & { artifacts?: Record<string, unknown> } = {}): ReportContext {
  const run = syntheticRun(options);
  const metrics: Record<string, MetricValue> = run.task === 'regression'
    ? { pull_std: { value: 1.01, error: 0.02 }, coverage_68: { value: 0.68, error: 0.01 }, rmse: { value: 0.41 } }
    : { auc: { value: 0.91, error: 0.01 }, brier: { value: 0.12, error: 0.004 } };
  return {
    name: `synthetic-${run.task} ${HOSTILE_TEXT}`,
    metadata: { seed: options.seed ?? 1, method: 'hepuq-testing/oracle', note: HOSTILE_TEXT },
    metrics: { ...metrics, [HOSTILE_TEXT]: { value: 1 } },
    test: run.test,
    prediction: run.prediction,
    artifacts: options.artifacts ?? {},
  };
}
