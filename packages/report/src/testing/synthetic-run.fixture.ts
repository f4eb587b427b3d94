import { Dataset, regressionPrediction, Rng, type ClassificationPrediction, type ReportContext } from '@hepuq/core';

/**
 * A 1-D heteroscedastic toy with a "perfect" model: y = sin(x) + x/3 + ε, ε ~ N(0, σ(x)),
 * σ(x) = 0.1 + 0.15|x|, and a prediction that knows the truth (σ_syst = σ(x), a small σ_stat).
 */
export function syntheticRegressionRun(n = 4000, seed = 11, withTruth = true): ReportContext {
  const rng = new Rng(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const trueMean = new Float32Array(n);
  const trueSigma = new Float32Array(n);
  const mean = new Float32Array(n);
  const stat = new Float32Array(n);
  const syst = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = -3 + 6 * rng.uniform();
    trueMean[i] = Math.sin(x[i]) + x[i] / 3;
    trueSigma[i] = 0.1 + 0.15 * Math.abs(x[i]);
    y[i] = trueMean[i] + trueSigma[i] * rng.normal();
    stat[i] = 0.03 + 0.02 * x[i] * x[i];
    mean[i] = trueMean[i] + 0.04 * Math.sin(3 * x[i]);
    syst[i] = trueSigma[i];
  }
  const test = new Dataset({
    features: { x }, target: y, units: { x: 'GeV', y: 'GeV' }, targetName: 'y',
    extras: withTruth ? { true_mean: trueMean, true_sigma: trueSigma } : {},
  });
  return {
    name: 'synthetic-regression',
    metadata: { seed, backend: 'wasm', versions: { core: '0.1.0', report: '0.1.0' }, method: 'het-mlp <test>' },
    metrics: { pull_std: { value: 1.0123, error: 0.0112 }, coverage_68: { value: 0.6841, error: 0.0073 }, rmse: { value: 0.3456 } },
    test,
    prediction: regressionPrediction(mean, stat, syst),
    artifacts: {},
  };
}

/** A 2-D two-class toy with a logistic "Bayesian" classifier whose σ stays below sqrt(μ(1 − μ)). */
export function syntheticClassificationRun(n = 4000, seed = 12): ReportContext {
  const rng = new Rng(seed);
  const x1 = new Float32Array(n);
  const x2 = new Float32Array(n);
  const label = new Float32Array(n);
  const prob = new Float32Array(n);
  const sigmaProb = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    label[i] = rng.uniform() < 0.5 ? 1 : 0;
    x1[i] = rng.normal(label[i] ? 1 : -1, 1);
    x2[i] = rng.normal(0, 1 + label[i]);
    const logit = 2 * x1[i];
    prob[i] = 1 / (1 + Math.exp(-logit));
    sigmaProb[i] = 0.3 * Math.sqrt(prob[i] * (1 - prob[i])) * (0.5 + 0.5 * Math.min(1, Math.abs(x2[i]) / 3));
  }
  const prediction: ClassificationPrediction = { kind: 'classification', prob, sigmaProb };
  return {
    name: 'synthetic-classification',
    metadata: { seed },
    metrics: { auc: { value: 0.921, error: 0.004 } },
    test: new Dataset({ features: { x1, x2 }, label }),
    prediction,
    artifacts: {},
  };
}
