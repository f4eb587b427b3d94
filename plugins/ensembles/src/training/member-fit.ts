import { HepuqError, type Executor, type TaskSpec } from '@hepuq/core';
import { BUILTIN_NETWORKS } from '@hepuq/nn';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { trainMemberWithEvents, type MemberTaskInput, type MemberTaskResult } from '../member.task.js';
import { StackedNetwork } from '../network/stacked-network.js';
import type { MemberPlan } from './member-plan.js';
import type { StackedFitOptions } from './stacked-fit.js';
import type { TrainingSet } from './training-set.js';

/**
 * URL of the member task module for executors (worker threads import it by URL): the .ts source when
 * running from sources (tests, tsx), the compiled .js from dist.
 */
export const MEMBER_TASK_MODULE: string = new URL(import.meta.url.endsWith('.ts') ? '../member.task.ts' : '../member.task.js', import.meta.url).href;

/**
 * Train the members one by one, each as a deterministic network of the body (the fallback when members cannot be stacked, and
 * the reference the stacked network is tested against): as tasks on `executor` when given (worker
 * threads, retries, progress events), else sequentially in this thread with fit events per member.
 * The result is stacked for prediction, so both paths give the same model type.
 * @example const net = await fitMembers(set, plan, opts, ctx.executor)
 */
export async function fitMembers(set: TrainingSet, plan: MemberPlan, opts: StackedFitOptions, executor?: Executor): Promise<StackedNetwork> {
  const network = { spec: set.plan.spec, arrays: set.plan.arrays(), outputs: set.plan.outputs };
  const inputs: MemberTaskInput[] = plan.inits.map((init, m) => ({
    method: opts.method, task: opts.task, network, inputs: set.inputs, y: set.y, weights: plan.weights[m],
    order: plan.orders[m], init, batchSeed: plan.batchSeed, train: opts.train,
  }));
  let results: MemberTaskResult[];
  if (executor && !BUILTIN_NETWORKS.some((b) => b.key === set.plan.spec.use)) {
    throw new HepuqError('UnsupportedNetwork', `${opts.method}: members trained one by one on the executor restore their body in worker threads, which know the built-in bodies (${BUILTIN_NETWORKS.map((b) => b.key).join(', ')}), not "${set.plan.spec.use}"`, {
      hint: 'Train the members stacked (the default, `stacked: true`), or without an executor.', plugin: PLUGIN_NAME,
    });
  }
  if (executor) {
    const tasks: TaskSpec<MemberTaskInput>[] = inputs.map((input) => ({ module: MEMBER_TASK_MODULE, export: 'trainMember', input }));
    results = await executor.map<MemberTaskInput, MemberTaskResult>(tasks, { signal: opts.signal });
  } else {
    results = [];
    for (const input of inputs) results.push(await trainMemberWithEvents(input, opts.events, opts.signal, opts.checkpoints, set.plan));
  }
  return StackedNetwork.fromMembers(set.plan, results.map((r) => r.params));
}
