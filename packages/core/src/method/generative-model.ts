import type { Dataset } from '../data/dataset.js';
import type { Rng } from '../random/rng.js';
import type { FittedModel } from './uq-method.js';

/** Generated events with per-replica event weights: histogram replica r with `weights[r]`. */
export interface GeneratedSample {
  /** The generated events (the modelled features, plus fixed condition columns if any). */
  data: Dataset;
  /** w_r(x) = p_r(x) / <p>(x) [R][n]: reweights the sample to weight draw r, so spectra get error bars. */
  weights: Float32Array[];
  /** <p>(x) at the generated events, in data units. */
  density: Float32Array;
}

export interface SampleOptions {
  /** Replicas (weight draws) to return weights for. */
  replicas?: number;
  /** Values of conditioning features, for conditional generators. */
  condition?: Record<string, number>;
}

/**
 * A fitted generative method (`task: 'generation'`). `predict(data)` gives the density at `data` as a
 * regression-kind prediction (mean = <p>(x), sigmaStat = its spread over weight draws: the
 * uncertainty map), so every regression metric tests the density's error bars against a known truth.
 */
export interface GenerativeModel extends FittedModel {
  sample(n: number, rng: Rng, options?: SampleOptions): Promise<GeneratedSample>;
}

export function isGenerativeModel(model: FittedModel): model is GenerativeModel {
  return model.task === 'generation' && typeof (model as Partial<GenerativeModel>).sample === 'function';
}
