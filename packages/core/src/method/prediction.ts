/**
 * A regression prediction with its error bar split by source (DESIGN.md section 2):
 * sigmaStat vanishes with infinite training data, sigmaSyst vanishes for noise-free labels, and
 * sigmaTot = sqrt(sigmaStat^2 + sigmaSyst^2). All arrays have one entry per event.
 */
export interface RegressionPrediction {
  kind: 'regression';
  mean: Float32Array;
  sigmaStat: Float32Array;
  sigmaSyst: Float32Array;
  sigmaTot: Float32Array;
  /**
   * Coherent function draws [R][N]: replica r uses one weight draw for every event, so histograms
   * and per-event weights filled replica by replica get error bars.
   */
  replicas?: Float32Array[];
  /** Non-Gaussian predictive distribution as a per-event Gaussian mixture (K components). */
  mixture?: { weights: Float32Array[]; means: Float32Array[]; sigmas: Float32Array[] };
}

/** A binary classification prediction: P(label = 1), its sigma over the posterior, replicas [R][N]. */
export interface ClassificationPrediction {
  kind: 'classification';
  prob: Float32Array;
  sigmaProb: Float32Array;
  replicas?: Float32Array[];
}

export type Prediction = RegressionPrediction | ClassificationPrediction;

/** Build a regression prediction, deriving sigmaTot = sqrt(stat^2 + syst^2). */
export function regressionPrediction(
  mean: Float32Array,
  sigmaStat: Float32Array,
  sigmaSyst: Float32Array,
  extra: Pick<RegressionPrediction, 'replicas' | 'mixture'> = {},
): RegressionPrediction {
  const sigmaTot = new Float32Array(mean.length);
  for (let i = 0; i < mean.length; i++) sigmaTot[i] = Math.hypot(sigmaStat[i], sigmaSyst[i]);
  return { kind: 'regression', mean, sigmaStat, sigmaSyst, sigmaTot, ...extra };
}
