import type { Dataset, Prediction } from '@hepuq/core';

/** predictions.csv columns: the test inputs, truth and weight, then the prediction with its error bars. */
export function predictionColumns(test: Dataset, prediction: Prediction): Record<string, Float32Array> {
  const cols: Record<string, Float32Array> = {};
  for (const [name, col] of test.allColumns()) cols[name] = col;
  if (prediction.kind === 'regression') {
    Object.assign(cols, { mean: prediction.mean, sigma_stat: prediction.sigmaStat, sigma_syst: prediction.sigmaSyst, sigma_tot: prediction.sigmaTot });
  } else {
    Object.assign(cols, { prob: prediction.prob, sigma_prob: prediction.sigmaProb });
  }
  prediction.replicas?.forEach((r, i) => (cols[`replica_${i}`] = r));
  return cols;
}
