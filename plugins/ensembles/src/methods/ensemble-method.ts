import type { Dataset, MethodContext, UQMethod, z } from '@hepuq/core';
import { savedTargetFields } from '@hepuq/nn';
import { EnsembleModel } from '../model/ensemble-model.js';
import { fitMembers } from '../training/member-fit.js';
import { planMembers, type EnsembleKind } from '../training/member-plan.js';
import { fitStacked, type StackedFitOptions } from '../training/stacked-fit.js';
import { trainingSet, type EnsembleTask } from '../training/training-set.js';
import type { EnsembleOptions } from './ensemble-options.js';

interface EnsembleRecipe<S extends z.ZodType> {
  key: string;
  kind: EnsembleKind;
  task: EnsembleTask;
  description: string;
  options: S;
}

/**
 * Build the UQMethod for one (kind, task): plan the network body on the data (inputs standardised; a
 * diagonal Gaussian head on every regression target), draw every member's randomness up
 * front (`planMembers`), train stacked (default; always for repulsive ensembles, whose members
 * interact) or one by one (`stacked: false`, on `ctx.executor` when given), and wrap the members in
 * an `EnsembleModel`.
 */
export function ensembleMethod<S extends z.ZodType>(recipe: EnsembleRecipe<S>): UQMethod<S> {
  return {
    key: recipe.key,
    task: recipe.task,
    // regression members train a diagonal Gaussian head on every target
    multiTarget: recipe.task === 'regression',
    description: recipe.description,
    options: recipe.options,

    async fit(data: Dataset, raw: z.infer<S>, ctx: MethodContext) {
      const options = raw as unknown as EnsembleOptions;
      const request = { hidden: options.hidden, activation: options.activation };
      const set = trainingSet(data, recipe.task, options, options.network, request, { ...ctx, method: recipe.key });
      const plan = planMembers(recipe.kind, set.plan.stacks, options, set.weights, ctx.rng);
      const fitOptions: StackedFitOptions = {
        task: recipe.task, method: recipe.key, events: ctx.events, signal: ctx.signal, checkpoints: ctx.checkpoints,
        train: { epochs: options.epochs, batchSize: options.batchSize, lr: options.lr, lrFinal: options.lrFinal },
        repulsion: recipe.kind === 'repulsive'
          ? { beta: options.repulsion ?? 1, kernel: options.kernel ?? 'weight', priorWidth: options.priorWidth }
          : undefined,
      };
      const net = recipe.kind === 'repulsive' || options.stacked !== false
        ? await fitStacked(set, plan, fitOptions)
        : await fitMembers(set, plan, fitOptions, ctx.executor);
      return new EnsembleModel(net, {
        method: recipe.key, task: recipe.task, options: { ...options }, network: set.plan.spec, members: options.members,
        featureNames: [...data.featureNames],
        // regression: every target's standardisation (T = 1: targetName/Mean/Std as always); classifiers: no scaling
        ...(recipe.task === 'regression' ? savedTargetFields(set.scales) : { targetName: data.targetName, targetMean: 0, targetStd: 1 }),
        ...(set.classes ? { classes: set.classes } : {}),
      });
    },

    async load(dir: string, ctx: MethodContext) {
      return EnsembleModel.load(dir, recipe.key, ctx.networks);
    },
  };
}
