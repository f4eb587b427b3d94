import {
  Dataset, defaultClassNames, HepuqError, regressionPrediction, Rng,
  type ClassificationPrediction, type FittedModel, type MetricValue, type MulticlassPrediction, type Prediction, type ReportContext, type TaskKind,
} from '@hepuq/core';

/** A finished toy run with known truth: what run steps and report sections get to see. */
export interface SyntheticRun {
  task: 'regression' | 'classification';
  train: Dataset;
  test: Dataset;
  /** Classes of a classification run (2: binary, `prob`; K >= 3: multiclass, `probs`). */
  classes: number;
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
  /**
   * Classes of a classification run (default 2, binary). K >= 3 gives a multiclass run (labels 0..K-1,
   * a `MulticlassPrediction`); it implies `task: 'classification'`.
   */
  classes?: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Regression truth: mean sin(x1) + x2/4 and width 0.3 + 0.2 |x1|. */
function regressionTruth(x1: number, x2: number): { mean: number; sigma: number } {
  return { mean: Math.sin(x1) + 0.25 * x2, sigma: 0.3 + 0.2 * Math.abs(x1) };
}

/** Width of the coherent logit shift of the multiclass replicas (the oracle's posterior spread). */
const MULTICLASS_LOGIT_SIGMA = 0.2;

/**
 * Multiclass truth: P(y = k | x) = softmax_k(z), z_k = 1.5 (x1 cos(2 pi k/K) + x2 sin(2 pi k/K)) — each
 * class wins in its own direction of the (x1, x2) plane.
 */
function multiclassTruth(x1: number, x2: number, k: number, shift?: readonly number[]): number[] {
  const z = Array.from({ length: k }, (_, c) => 1.5 * (x1 * Math.cos((2 * Math.PI * c) / k) + x2 * Math.sin((2 * Math.PI * c) / k)) + (shift?.[c] ?? 0));
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

function multiclassDataset(n: number, k: number, rng: Rng, source: string): Dataset {
  const { x1, x2 } = features(n, rng);
  const label = new Float32Array(n);
  const trueProbs = Array.from({ length: k }, () => new Float32Array(n));
  for (let i = 0; i < n; i++) {
    const p = multiclassTruth(x1[i], x2[i], k);
    const u = rng.uniform();
    let acc = 0;
    let y = k - 1;
    for (let c = 0; c < k - 1; c++) {
      acc += p[c];
      if (u < acc) {
        y = c;
        break;
      }
    }
    label[i] = y;
    p.forEach((v, c) => (trueProbs[c][i] = v));
  }
  const extras = Object.fromEntries(trueProbs.map((col, c) => [`true_prob_${c}`, col]));
  return new Dataset({ features: { x1, x2 }, label, extras, source });
}

/**
 * The multiclass oracle: the true probabilities; replica r = softmax(z + eps_r), eps_rk ~ N(0, s^2)
 * drawn once per replica (coherent over events; each replica sums to 1), s = MULTICLASS_LOGIT_SIGMA;
 * sigmaProbs = the replicas' spread to first order, s p_k sqrt((1 - p_k)^2 + sum_{j != k} p_j^2).
 */
function multiclassOracle(data: Dataset, k: number, replicas: number, rng: Rng): MulticlassPrediction {
  const n = data.n;
  const { x1, x2 } = data.features;
  const probs = Array.from({ length: k }, () => new Float32Array(n));
  const sigmaProbs = Array.from({ length: k }, () => new Float32Array(n));
  for (let i = 0; i < n; i++) {
    const p = multiclassTruth(x1[i], x2[i], k);
    const sumSq = p.reduce((a, v) => a + v * v, 0);
    p.forEach((v, c) => {
      probs[c][i] = v;
      sigmaProbs[c][i] = MULTICLASS_LOGIT_SIGMA * v * Math.sqrt((1 - v) ** 2 + sumSq - v * v);
    });
  }
  const reps = Array.from({ length: replicas }, () => {
    const shift = Array.from({ length: k }, () => MULTICLASS_LOGIT_SIGMA * rng.normal());
    const rep = Array.from({ length: k }, () => new Float32Array(n));
    for (let i = 0; i < n; i++) multiclassTruth(x1[i], x2[i], k, shift).forEach((v, c) => (rep[c][i] = v));
    return rep;
  });
  return { kind: 'multiclass', probs, sigmaProbs, classes: defaultClassNames(k), replicas: reps };
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
 * A seeded toy run with exact truth (features x1, x2; `true_mean`/`true_sigma`, `true_prob` or, with
 * `classes: K >= 3`, `true_prob_0..K-1` in the extras) and an oracle model, for run steps, report
 * sections and metrics that need a finished run. `generation` runs get the regression data set.
 * @example const { train, test, prediction, model } = syntheticRun({ task: 'regression', n: 500, seed: 3 });
 * @example const { prediction } = syntheticRun({ task: 'classification', classes: 3 }); // prediction.kind === 'multiclass'
 */
export function syntheticRun(options: SyntheticRunOptions = {}): SyntheticRun {
  const classes = options.classes ?? 2;
  if (!Number.isInteger(classes) || classes < 2) {
    throw new HepuqError('InvalidArgument', `syntheticRun: classes is ${classes}; it must be an integer >= 2`);
  }
  const multiclass = classes >= 3;
  if (multiclass && options.task !== undefined && options.task !== 'classification') {
    throw new HepuqError('InvalidArgument', `syntheticRun: classes: ${classes} needs task 'classification', got '${options.task}'`);
  }
  const task = options.task === 'classification' || multiclass ? 'classification' : 'regression';
  const n = options.n ?? 400;
  const replicas = options.replicas ?? 8;
  const rng = new Rng(options.seed ?? 1);
  const kind = multiclass ? 'multiclass' : task;
  const dataset = (r: Rng, part: string) => (multiclass ? multiclassDataset(n, classes, r, `synthetic ${kind} ${part}`) : toyDataset(task, n, r, `synthetic ${kind} ${part}`));
  const predict = (data: Dataset, count: number, r: Rng) => (multiclass ? multiclassOracle(data, classes, count, r) : oraclePrediction(data, task, count, r));
  const train = dataset(rng.fork('train'), 'train');
  const test = dataset(rng.fork('test'), 'test');
  const model: FittedModel = {
    method: 'hepuq-testing/oracle',
    task,
    predict: (data, o = {}) => Promise.resolve(predict(data, o.replicas ?? replicas, new Rng(o.seed ?? 0))),
    save: () => Promise.resolve(),
    dispose: () => undefined,
  };
  return { task, classes, train, test, prediction: predict(test, replicas, rng.fork('prediction')), model };
}

/** Text that must never reach a report unescaped. */
export const HOSTILE_TEXT = '<script>alert("hepuq")</script>';

/**
 * A report context of a synthetic run (see `syntheticRun`) whose name, metadata and a metric name
 * carry `HOSTILE_TEXT`, so a section that puts them into HTML unescaped is caught.
 * @example const ctx = syntheticReportContext({ task: 'classification' }); section.html?.(ctx)
 * @example const ctx = syntheticReportContext({ task: 'classification', classes: 3 }); // a multiclass run
 */
export function syntheticReportContext(options: SyntheticRunOptions & { artifacts?: Record<string, unknown> } = {}): ReportContext {
  const run = syntheticRun(options);
  const kind = run.prediction.kind;
  const metrics: Record<string, MetricValue> = kind === 'regression'
    ? { pull_std: { value: 1.01, error: 0.02 }, coverage_68: { value: 0.68, error: 0.01 }, rmse: { value: 0.41 } }
    : kind === 'classification'
      ? { auc: { value: 0.91, error: 0.01 }, brier: { value: 0.12, error: 0.004 } }
      : {
        accuracy: { value: 0.74, error: 0.02 }, brier: { value: 0.36, error: 0.01 }, log_loss: { value: 0.61, error: 0.02 },
        ece_top_label: { value: 0.04, error: 0.01 }, ece_classwise: { value: 0.03, error: 0.006 },
        calibration_chi2: { value: 27.4 }, calibration_ndf: { value: 30 }, calibration_p: { value: 0.6 },
      };
  return {
    name: `synthetic-${kind} ${HOSTILE_TEXT}`,
    metadata: { seed: options.seed ?? 1, method: 'hepuq-testing/oracle', note: HOSTILE_TEXT },
    metrics: { ...metrics, [HOSTILE_TEXT]: { value: 1 } },
    test: run.test,
    prediction: run.prediction,
    artifacts: options.artifacts ?? {},
  };
}
