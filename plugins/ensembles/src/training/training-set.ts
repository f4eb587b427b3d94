import { balancedWeights, checkedLabels, planNetwork, targetScale, trainWeights } from '@hepuq/nn';
import { HepuqError, type Dataset, type HostInput, type MethodContext, type NetworkPlan, type NetworkRef, type NetworkRequest } from '@hepuq/core';

export type EnsembleTask = 'regression' | 'classification';

/** The training set as every member sees it: the body's standardised inputs, scaled targets, weights of mean 1. */
export interface TrainingSet {
  n: number;
  /** The network body planned on this set (topology, input standardisation). */
  plan: NetworkPlan;
  /** The body's input matrices, one row per event. */
  inputs: Record<string, HostInput>;
  /** Regression: (y - targetMean) / targetStd; classification: the 0/1 label. */
  y: Float32Array;
  /** Event weights normalised to mean 1 (class-balanced first when asked). */
  weights: Float32Array;
  targetMean: number;
  targetStd: number;
}

/**
 * Validate `data` for `task` (size, NaN/Inf, labels, positive weight sum: @hepuq/nn's checks), plan
 * the network body on it and bring it to the form members train on. Regression targets are
 * standardised so the loss is scale-free, as in het-mlp.
 * @example const set = trainingSet(data, 'regression', false, { use: 'mlp', options: {} }, request, { ...ctx, method: 'deep-ensemble' })
 */
export function trainingSet(
  data: Dataset, task: EnsembleTask, balance: boolean, network: NetworkRef, request: Omit<NetworkRequest, 'warn'>,
  ctx: Pick<MethodContext, 'events' | 'networks'> & { method: string },
): TrainingSet {
  let y: Float32Array;
  let train = data;
  let targetMean = 0;
  let targetStd = 1;
  if (task === 'regression') {
    if (!data.target) throw new HepuqError('MissingColumn', `${data.source}: ${ctx.method} needs a regression target column`);
    ({ mean: targetMean, std: targetStd } = targetScale(data.target));
    y = Float32Array.from(data.target, (v) => (v - targetMean) / targetStd);
  } else {
    y = checkedLabels(data);
    if (balance) train = data.withWeights(balancedWeights(data.weights, y));
  }
  // @hepuq/nn's trainWeights owns the checks (size, finiteness, weight sum) and the normalisation to mean 1
  const weights = trainWeights(train);
  const plan = planNetwork(train, network, request, ctx);
  return { n: train.n, plan, inputs: plan.inputs(train), y, weights, targetMean, targetStd };
}
