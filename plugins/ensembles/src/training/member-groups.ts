import { availableParallelism } from 'node:os';
import { HepuqError, type Executor, type TaskSpec } from '@hepuq/core';
import { BUILTIN_NETWORKS, mlpLayerShapes } from '@hepuq/nn';
import type { MemberGroupTaskInput, MemberGroupTaskResult } from '../member-group.task.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { StackedNetwork } from '../network/stacked-network.js';
import type { MemberPlan } from './member-plan.js';
import type { StackedFitOptions } from './stacked-fit.js';
import type { TrainingSet } from './training-set.js';

/** URL of the member-group task module (the .ts source when running from sources, the compiled .js from dist). */
export const MEMBER_GROUP_TASK_MODULE: string = new URL(import.meta.url.endsWith('.ts') ? '../member-group.task.ts' : '../member-group.task.js', import.meta.url).href;

/**
 * Estimated multiply-adds per second of stacked training on one wasm thread (het-mlp bench: 20-64-64-64-2
 * at batch 256, ~300 steps/s, 3 passes of ~10k weights per event: ~2e9), and the work per group that
 * pays for starting a worker thread (its tensor backend and modules, ~0.5 s).
 */
const MACS_PER_SECOND = 2e9;
const MIN_SECONDS_PER_GROUP = 1;

/**
 * How many groups the members train in: 1 (one stack in this thread) with checkpoints, which only
 * in-thread training writes; `workers` when a number (at most one per member); for `auto`, one per
 * core when there are several and each group gets at least a second of estimated work, and 1 for a
 * body the workers cannot restore. A number above 1 with such a body is refused.
 * @example memberGroups({ workers: 'auto', members: 10, ... }) // 2 on a 2-core machine for a long training
 */
export function memberGroups(o: {
  workers: 'auto' | number; members: number; set: Pick<TrainingSet, 'n' | 'plan'>; epochs: number; checkpoints: boolean; method: string; cores?: number;
}): number {
  if (o.checkpoints) return 1;
  const builtin = BUILTIN_NETWORKS.some((b) => b.key === o.set.plan.spec.use);
  if (o.workers !== 'auto') {
    const groups = Math.min(o.workers, o.members);
    if (groups > 1 && !builtin) {
      throw new HepuqError('UnsupportedNetwork', `${o.method}: members trained in ${groups} groups restore their body in worker threads, which know the built-in bodies (${BUILTIN_NETWORKS.map((b) => b.key).join(', ')}), not "${o.set.plan.spec.use}"`, {
        hint: 'Leave `workers` at 1 (the default) or auto for a custom body.', plugin: PLUGIN_NAME,
      });
    }
    return groups;
  }
  const cores = o.cores ?? availableParallelism();
  if (cores < 2 || !builtin) return 1;
  const weights = o.set.plan.stacks.reduce((sum, s) => sum + mlpLayerShapes(s).reduce((w, [fanIn, fanOut]) => w + fanIn * fanOut, 0), 0);
  // forward, input gradient and weight gradient: three multiply-adds per weight and event
  const seconds = (3 * weights * o.set.n * o.epochs * o.members) / MACS_PER_SECOND;
  const groups = Math.min(cores, o.members, Math.floor(seconds / MIN_SECONDS_PER_GROUP));
  return Math.max(1, groups);
}

/**
 * Train the members in `groups` contiguous groups, each stacked as one task on `executor`, and stack
 * the results: the same network, bit for bit, as `fitStacked` on all members (members do not
 * interact, and every member's randomness is in the plan).
 * @example const net = await fitMemberGroups(set, plan, opts, executor, 2)
 */
export async function fitMemberGroups(set: TrainingSet, plan: MemberPlan, opts: StackedFitOptions, executor: Executor, groups: number): Promise<StackedNetwork> {
  const members = plan.inits.length;
  const network = { spec: set.plan.spec, arrays: set.plan.arrays(), outputs: set.plan.outputs };
  const bounds = Array.from({ length: groups + 1 }, (_, g) => Math.round((g * members) / groups));
  const tasks: TaskSpec<MemberGroupTaskInput>[] = bounds.slice(0, -1).map((a, g) => ({
    module: MEMBER_GROUP_TASK_MODULE,
    export: 'trainMemberGroup',
    input: {
      method: opts.method, task: opts.task, network, inputs: set.inputs, y: set.y, scales: set.scales, batchSeed: plan.batchSeed, train: opts.train,
      inits: plan.inits.slice(a, bounds[g + 1]), orders: plan.orders.slice(a, bounds[g + 1]), weights: plan.weights.slice(a, bounds[g + 1]),
    },
  }));
  const results = await executor.map<MemberGroupTaskInput, MemberGroupTaskResult>(tasks, { signal: opts.signal });
  return StackedNetwork.fromMembers(set.plan, results.flatMap((r) => r.params));
}
