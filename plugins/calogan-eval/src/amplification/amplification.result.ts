import type { Equivalent } from './equivalent-events.js';
import type { CurvePoint } from './mse-curve.js';

/** One sample's quantile MSE against the truth and what it is worth. */
export interface SampleQuality {
  source: string;
  /** Events (Kish effective number for weighted samples). */
  n: number;
  mse: number;
  /** Analytic standard deviation of the MSE (sampling noise of this sample and of the truth). */
  mseError: number;
  /** Truth-drawn events with the same expected MSE, s / (MSE - s / N_truth). */
  nEquiv: Equivalent;
  /** nEquiv / n_train: the amplification factor (~1 for the training sample itself). */
  factor: Equivalent;
}

/** A generated or fitted sample: its worth at its full size, the MSE curve and the plateau. */
export interface GeneratorQuality extends SampleQuality {
  /** The quantile MSE of subsamples of growing size (the last point is the whole sample). */
  curve: CurvePoint[];
  /**
   * What unlimited events from the same generator would be worth: the MSE plateau
   * MSE - s (1/n + 1/N_truth), the generator's own deviation from the truth (the published factor).
   */
  asymptotic: { nEquiv: Equivalent; factor: Equivalent };
}

/** Everything at one number of quantiles per feature. */
export interface AmplificationSetting {
  quantiles: number;
  /** Cells compared (the product of the bins per feature). */
  cells: number;
  /** s = (1/M) sum p_c (1 - p_c): n truth-drawn events have quantile MSE s / n on average. */
  noise: number;
  /** s / N_truth: the truth sample's own contribution to every MSE, subtracted before inverting. */
  truthFloor: number;
  train: SampleQuality;
  generated: GeneratorQuality;
  fit?: GeneratorQuality;
}

/** The amplification study: training vs generated (vs fitted) samples against a large truth sample. */
export interface AmplificationResult {
  truth: { source: string; n: number };
  features: string[];
  settings: AmplificationSetting[];
  /** Conditions that weaken the numbers without invalidating them (also sent as `log:warn`). */
  warnings: string[];
}
