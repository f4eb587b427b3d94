import type { Dataset, FittedModel } from '@hepuq/core';

/** The Gaussian prior of a nuisance parameter Z: its nominal value and one standard deviation. */
export interface NuisancePrior {
  mean: number;
  std: number;
}

/**
 * A classifier parameterised on a nuisance Z (uncertainty-aware learning, Ghosh–Nachman–Whiteson
 * 2105.08742): P(signal | x, z). `predict(data)` evaluates every event at its own Z column; `probAt`
 * at one hypothesised value for every event, which is what profiling Z in a likelihood needs (the
 * value of Z in collision data is unknown).
 */
export interface NuisanceAwareModel extends FittedModel {
  /** The nuisance column the model takes as an input. */
  readonly nuisance: string;
  /** The Z prior: mean and standard deviation of Z over the training set. */
  readonly prior: NuisancePrior;
  /** P(signal | x, z) for every event of `data`, with z fixed to `z`. */
  probAt(data: Dataset, z: number): Promise<Float32Array>;
}

/** Whether a fitted model is parameterised on a nuisance (has `probAt`). */
export function isNuisanceAwareModel(model: FittedModel): model is NuisanceAwareModel {
  const m = model as Partial<NuisanceAwareModel>;
  return typeof m.probAt === 'function' && typeof m.nuisance === 'string' && typeof m.prior?.mean === 'number';
}
