import { balancedWeights, classLabels, planNetwork, regressionTargets, trainWeights, type ClassesOption, type TargetScale } from '@hepuq/nn';
import type { EnsembleTask } from './ensemble-task.js';
import { headOutputs } from './member-loss.js';
import type { Dataset, HostInput, MethodContext, NetworkPlan, NetworkRef, NetworkRequest } from '@hepuq/core';

export type { EnsembleTask } from './ensemble-task.js';

/** The training set as every member sees it: the body's standardised inputs, standardised targets, weights of mean 1. */
export interface TrainingSet {
  n: number;
  /** The network body planned on this set (topology, input standardisation). */
  plan: NetworkPlan;
  /** The body's input matrices, one row per event. */
  inputs: Record<string, HostInput>;
  /** Regression: target t of event i standardised, (y_it - mean_t) / std_t, row-major [n, T]; classification: the label 0..K-1 [n]. */
  y: Float32Array;
  /** Regression: every target's name and standardisation, in the data's order (T = scales.length); empty for classification. */
  scales: TargetScale[];
  /** Classification: the class names (K >= 3 trains softmax members); absent for regression. */
  classes?: string[];
  /** Event weights normalised to mean 1 (class-balanced first when asked). */
  weights: Float32Array;
}

/** How the members are asked to classify: class balancing and the `classes` option. */
export interface ClassOptions {
  balance?: boolean;
  classes?: ClassesOption;
}

/**
 * Validate `data` for `task` (size, NaN/Inf, labels, positive weight sum: @hepuq/nn's checks), plan
 * the network body on it (2T outputs for T regression targets, one per class for K >= 3 classes) and
 * bring it to the form members train on. Regression targets are standardised so the loss is
 * scale-free, as in het-mlp (@hepuq/nn's `regressionTargets`).
 * @example const set = trainingSet(data, 'regression', {}, { use: 'mlp', options: {} }, request, { ...ctx, method: 'deep-ensemble' })
 */
export function trainingSet(
  data: Dataset, task: EnsembleTask, classOptions: ClassOptions, network: NetworkRef, request: Omit<NetworkRequest, 'warn' | 'outputs'>,
  ctx: Pick<MethodContext, 'events' | 'networks'> & { method: string },
): TrainingSet {
  let y: Float32Array;
  let scales: TargetScale[] = [];
  let classes: string[] | undefined;
  let train = data;
  if (task === 'regression') {
    ({ y, scales } = regressionTargets(data, ctx.method));
  } else {
    ({ label: y, classes } = classLabels(data, classOptions.classes));
    if (classOptions.balance) train = data.withWeights(balancedWeights(data.weights, y, classes.length));
  }
  // @hepuq/nn's trainWeights owns the checks (size, finiteness, weight sum) and the normalisation to mean 1
  const weights = trainWeights(train);
  const plan = planNetwork(train, network, { ...request, outputs: headOutputs(task, classes?.length, scales.length) }, ctx);
  return { n: train.n, plan, inputs: plan.inputs(train), y, scales, weights, ...(classes && classes.length > 2 ? { classes } : {}) };
}
