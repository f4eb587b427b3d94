import type { Dataset, GeneratedSample, Prediction, TaskKind } from '@hepuq/core';

/**
 * predictions.csv columns: the test inputs, truth and weight, then the prediction with its error
 * bars (a generative method predicts the density at the test events: `density, sigma_density`; a
 * K-class classifier `prob_<class>, sigma_prob_<class>` and `replica_<r>_prob_<class>`; a
 * multi-target regression `mean_<target>, sigma_stat_<target>, ...` and `replica_<r>_<target>`).
 */
export function predictionColumns(test: Dataset, prediction: Prediction, task: TaskKind): Record<string, Float32Array> {
  const cols: Record<string, Float32Array> = {};
  for (const [name, col] of test.allColumns()) cols[name] = col;
  if (prediction.kind === 'regression' && task === 'generation') {
    Object.assign(cols, { density: prediction.mean, sigma_density: prediction.sigmaTot });
  } else if (prediction.kind === 'regression' && prediction.targets) {
    for (const t of prediction.targets) {
      Object.assign(cols, { [`mean_${t.name}`]: t.mean, [`sigma_stat_${t.name}`]: t.sigmaStat, [`sigma_syst_${t.name}`]: t.sigmaSyst, [`sigma_tot_${t.name}`]: t.sigmaTot });
    }
    prediction.replicas?.forEach((_, i) => prediction.targets!.forEach((t) => (cols[`replica_${i}_${t.name}`] = t.replicas![i])));
    return cols;
  } else if (prediction.kind === 'regression') {
    Object.assign(cols, { mean: prediction.mean, sigma_stat: prediction.sigmaStat, sigma_syst: prediction.sigmaSyst, sigma_tot: prediction.sigmaTot });
  } else if (prediction.kind === 'classification') {
    Object.assign(cols, { prob: prediction.prob, sigma_prob: prediction.sigmaProb });
  } else {
    prediction.classes.forEach((name, k) => (cols[`prob_${name}`] = prediction.probs[k]));
    prediction.classes.forEach((name, k) => (cols[`sigma_prob_${name}`] = prediction.sigmaProbs[k]));
    prediction.replicas?.forEach((r, i) => prediction.classes.forEach((name, k) => (cols[`replica_${i}_prob_${name}`] = r[k])));
    return cols;
  }
  prediction.replicas?.forEach((r, i) => (cols[`replica_${i}`] = r));
  return cols;
}

/** samples.csv columns: the generated events, <p>(x), and one event weight per replica (`weight_r`). */
export function sampleColumns(sample: GeneratedSample): Record<string, Float32Array> {
  const cols: Record<string, Float32Array> = { ...sample.data.features, density: sample.density };
  sample.weights.forEach((w, r) => (cols[`weight_${r}`] = w));
  return cols;
}
