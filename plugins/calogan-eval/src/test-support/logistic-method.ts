import { z, type ClassificationPrediction, type Dataset, type FittedModel, type UQMethod } from '@hepuq/core';
import { Matrix, solve } from 'ml-matrix';

/**
 * A tiny quadratic logistic regression (features x and x^2, Newton/IRLS on the weighted BCE) written
 * as a UQMethod, so the classifier test runs without a neural network. With `replicas > 0` it fits
 * Poisson(1)-bootstrap replicas and reports their spread as sigma_prob, like an ensemble.
 * For tests and examples only.
 */
export const LogisticOptions = z.object({ iterations: z.number().int().default(25), replicas: z.number().int().min(0).default(0), l2: z.number().default(1e-3) }).strict();

function design(data: Dataset): Matrix {
  const d = data.nFeatures;
  const x = new Matrix(data.n, 2 * d + 1);
  data.featureNames.forEach((name, j) => {
    const col = data.features[name];
    for (let i = 0; i < data.n; i++) {
      x.set(i, 1 + j, col[i]);
      x.set(i, 1 + d + j, col[i] * col[i]);
    }
  });
  for (let i = 0; i < data.n; i++) x.set(i, 0, 1);
  return x;
}

function fitIrls(x: Matrix, y: Float32Array, w: Float64Array, iterations: number, l2: number): Float64Array {
  const p = x.columns;
  let beta = new Float64Array(p);
  for (let it = 0; it < iterations; it++) {
    const h = new Matrix(p, p);
    const g = new Float64Array(p);
    for (let i = 0; i < x.rows; i++) {
      let z = 0;
      for (let a = 0; a < p; a++) z += beta[a] * x.get(i, a);
      const mu = 1 / (1 + Math.exp(-z));
      const r = w[i] * (y[i] - mu);
      const v = w[i] * mu * (1 - mu);
      for (let a = 0; a < p; a++) {
        const xa = x.get(i, a);
        g[a] += r * xa;
        for (let b = a; b < p; b++) h.set(a, b, h.get(a, b) + v * xa * x.get(i, b));
      }
    }
    for (let a = 0; a < p; a++) {
      g[a] -= l2 * beta[a];
      h.set(a, a, h.get(a, a) + l2);
      for (let b = 0; b < a; b++) h.set(a, b, h.get(b, a));
    }
    const step = solve(h, Matrix.columnVector(Array.from(g)));
    beta = beta.map((v, a) => v + step.get(a, 0));
  }
  return beta;
}

function predictProb(x: Matrix, beta: Float64Array): Float32Array {
  const out = new Float32Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let z = 0;
    for (let a = 0; a < beta.length; a++) z += beta[a] * x.get(i, a);
    out[i] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

export const logisticMethod: UQMethod<typeof LogisticOptions> = {
  key: 'test/logistic',
  task: 'classification',
  description: 'quadratic logistic regression (tests only)',
  options: LogisticOptions,
  async fit(data, options, ctx) {
    const x = design(data);
    const w = Float64Array.from(data.weights);
    const betas = [fitIrls(x, data.label!, w, options.iterations, options.l2)];
    for (let r = 0; r < options.replicas; r++) {
      const rw = w.map((v) => v * ctx.rng.poisson(1));
      betas.push(fitIrls(x, data.label!, rw, options.iterations, options.l2));
    }
    const model: FittedModel = {
      method: 'test/logistic',
      task: 'classification',
      async predict(test): Promise<ClassificationPrediction> {
        const xt = design(test);
        const prob = predictProb(xt, betas[0]);
        const replicas = betas.slice(1).map((b) => predictProb(xt, b));
        const sigmaProb = new Float32Array(test.n);
        if (replicas.length >= 2) {
          for (let i = 0; i < test.n; i++) {
            const m = replicas.reduce((s, r) => s + r[i], 0) / replicas.length;
            sigmaProb[i] = Math.sqrt(replicas.reduce((s, r) => s + (r[i] - m) ** 2, 0) / (replicas.length - 1));
          }
        }
        return { kind: 'classification', prob, sigmaProb, ...(replicas.length ? { replicas } : {}) };
      },
      async save() {},
      dispose() {},
    };
    return model;
  },
  async load() {
    throw new Error('not supported');
  },
};
