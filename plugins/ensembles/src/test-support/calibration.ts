import type { Dataset, RegressionPrediction } from '@hepuq/core';

/** Pull summary of test labels y against a regression prediction: t = (y - mean) / sigma_tot. */
export function pullSummary(test: Dataset, p: RegressionPrediction): { mean: number; std: number; coverage: number; systError: number } {
  const y = test.target!;
  const trueSigma = test.extras.true_sigma;
  let s = 0;
  let s2 = 0;
  let within = 0;
  let systError = 0;
  for (let i = 0; i < test.n; i++) {
    const t = (y[i] - p.mean[i]) / p.sigmaTot[i];
    s += t;
    s2 += t * t;
    if (Math.abs(t) < 1) within++;
    systError += Math.abs(p.sigmaSyst[i] - trueSigma[i]);
  }
  const mean = s / test.n;
  return { mean, std: Math.sqrt(s2 / test.n - mean * mean), coverage: within / test.n, systError: systError / test.n };
}

/** Average of `values` over the events where `mask` is (or is not) 1. */
export function maskedMean(values: Float32Array, mask: Float32Array, inside: boolean): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if ((mask[i] === 1) === inside) {
      sum += values[i];
      count++;
    }
  }
  return sum / count;
}

/** Mean of a Float32Array. */
export function average(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
