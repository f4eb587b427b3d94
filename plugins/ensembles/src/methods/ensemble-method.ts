import { LocalExecutor, LocalExecutorOptions, type Dataset, type MethodContext, type UQMethod, type z } from '@hepuq/core';
import { savedTargetFields } from '@hepuq/nn';
import { EnsembleModel } from '../model/ensemble-model.js';
import { ensembleStatScale } from '../model/stat-scale.js';
import { fitMembers } from '../training/member-fit.js';
import { fitMemberGroups, memberGroups } from '../training/member-groups.js';
import { planMembers, type EnsembleKind, type MemberPlan } from '../training/member-plan.js';
import { healMembers, type MemberHealthReport } from '../health/heal-members.js';
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
 * interact) or one by one (`stacked: false`, on `ctx.executor` when given), check every member and
 * retrain the failed ones (`healMembers`, option `health`), and wrap the members in an `EnsembleModel`.
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
      const statScale = recipe.task === 'regression' ? ensembleStatScale(options.members, options.sigmaStat, recipe.key) : undefined;
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
      const train = async (p: MemberPlan, opts: StackedFitOptions) => {
        if (recipe.kind !== 'repulsive' && options.stacked === false) return fitMembers(set, p, opts, ctx.executor);
        const groups = recipe.kind === 'repulsive' ? 1 : memberGroups({
          workers: options.workers ?? 1, members: p.inits.length, set, epochs: options.epochs, checkpoints: opts.checkpoints !== undefined, method: recipe.key,
        });
        if (groups === 1) return fitStacked(set, p, opts);
        // without a run executor, worker threads of this process for this training only
        const executor = ctx.executor ?? new LocalExecutor(ctx.events, LocalExecutorOptions.parse({ mode: 'threads', concurrency: groups }));
        try {
          return await fitMemberGroups(set, p, opts, executor, groups);
        } finally {
          if (executor !== ctx.executor) await executor.dispose();
        }
      };
      let net = await train(plan, fitOptions);
      let health: MemberHealthReport | undefined;
      if (options.health.check) {
        // a retraining is not checkpointed: an interrupted run resumes the main training and repeats the check
        const retrain = (p: MemberPlan) => train(p, { ...fitOptions, checkpoints: undefined });
        ({ net, report: health } = await healMembers(net, {
          set, plan, train: retrain, options: options.health, rng: ctx.rng.fork('health'), events: ctx.events, method: recipe.key, task: recipe.task,
        }));
      }
      return new EnsembleModel(net, {
        method: recipe.key, task: recipe.task, options: { ...options }, network: set.plan.spec, members: options.members,
        featureNames: [...data.featureNames],
        // regression: every target's standardisation (T = 1: targetName/Mean/Std as always); classifiers: no scaling
        ...(recipe.task === 'regression' ? savedTargetFields(set.scales) : { targetName: data.targetName, targetMean: 0, targetStd: 1 }),
        ...(set.classes ? { classes: set.classes } : {}),
        ...(statScale !== undefined ? { statScale } : {}),
        ...(health ? { health } : {}),
      });
    },

    async load(dir: string, ctx: MethodContext) {
      return EnsembleModel.load(dir, recipe.key, ctx.networks);
    },
  };
}
