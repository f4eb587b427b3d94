import { EventBus, type TaskContext } from '@hepuq/core';
import type { TargetScale } from '@hepuq/nn';
import { restorePlan, type MemberTaskInput } from './member.task.js';
import type { MemberPlan } from './training/member-plan.js';
import { fitStacked } from './training/stacked-fit.js';

/** A group of members to train stacked in one task: the training set as for one member, and the group's share of the plan. */
export interface MemberGroupTaskInput extends Pick<MemberTaskInput, 'method' | 'task' | 'network' | 'inputs' | 'y' | 'batchSeed' | 'train'> {
  /** Regression targets' standardisations (their number shapes the targets); empty for classification. */
  scales: TargetScale[];
  /** The group's members: initial parameters, relabellings and weights, as in the ensemble's plan. */
  inits: Float32Array[][];
  orders: Int32Array[];
  weights: Float32Array[];
}

export interface MemberGroupTaskResult {
  /** Trained parameters per member of the group, each in the layout of its init. */
  params: Float32Array[][];
}

/**
 * Executor task: train a group of members as one stacked network (`fitStacked`), in a worker. Every
 * member's randomness and the shared epoch shuffles come in `input`, and stacked members do not
 * interact, so a group's members come out bit for bit as in one stack of all members.
 * @example await executor.map([{ module: MEMBER_GROUP_TASK_MODULE, export: 'trainMemberGroup', input }])
 */
export async function trainMemberGroup(input: MemberGroupTaskInput, _ctx?: TaskContext): Promise<MemberGroupTaskResult> {
  const plan = restorePlan(input);
  const share: MemberPlan = { inits: input.inits, orders: input.orders, weights: input.weights, batchSeed: input.batchSeed };
  const n = input.orders[0].length;
  const net = await fitStacked({ n, plan, inputs: input.inputs, y: input.y, scales: input.scales }, share, {
    task: input.task, method: input.method, events: new EventBus(), train: input.train,
  });
  try {
    return { params: input.inits.map((_, m) => net.memberArrays(m)) };
  } finally {
    net.dispose();
  }
}
