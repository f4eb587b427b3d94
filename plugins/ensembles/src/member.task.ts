import * as tf from '@tensorflow/tfjs';
import { EventBus, Rng, type Events, type HostInput, type NamedArray, type NetworkPlan, type NetworkSpec, type TaskContext, type TrainCheckpoints } from '@hepuq/core';
import { gatherInputs, inputTensors, mlpForward, mlpVariables, resolveNetworkBody, trainLoopOverRows, type TrainLoopOptions } from '@hepuq/nn';
import { lossTerm, memberDataLoss } from './training/member-loss.js';
import type { EnsembleTask } from './training/training-set.js';

/** One member's training job: structured-cloneable, so it crosses worker and process boundaries. */
export interface MemberTaskInput {
  method: string;
  task: EnsembleTask;
  /** The network body (a built-in one: workers restore it without the app's registry) and its arrays. */
  network: { spec: NetworkSpec; arrays: NamedArray[]; outputs: number };
  /**
   * The body's standardised input matrices [n, width]; the standardised targets, row-major [n, T]
   * (regression), or the labels [n]; this member's weights [n].
   */
  inputs: Record<string, HostInput>;
  y: Float32Array;
  weights: Float32Array;
  /** The member's relabelling pi_m and initial parameters (every stack in turn, each [W0, b0, W1, ...]). */
  order: Int32Array;
  init: Float32Array[];
  /** Seed of the epoch shuffles (shared by all members). */
  batchSeed: number;
  train: Pick<TrainLoopOptions, 'epochs' | 'batchSize' | 'lr' | 'lrFinal'>;
}

export interface MemberTaskResult {
  /** Trained parameters in the layout of `init`. */
  params: Float32Array[];
  loss: number;
}

/**
 * Executor task: train one ensemble member as a deterministic network of the body (@hepuq/nn's
 * `mlpForward` per stack and `trainLoopOverRows`) on its relabelled copy of the data, rows pi_m.
 * Everything random comes in `input`, so the executor's per-task seed is not used and a retry
 * repeats the same training exactly.
 * @example await executor.map([{ module: MEMBER_TASK_MODULE, export: 'trainMember', input }])
 */
export async function trainMember(input: MemberTaskInput, _ctx?: TaskContext): Promise<MemberTaskResult> {
  return trainMemberWithEvents(input, new EventBus());
}

/**
 * `trainMember` with fit events on `events` (in-process use, where `plan` is the body's plan itself;
 * a worker restores it from `input.network` among the built-in bodies).
 */
export async function trainMemberWithEvents(
  input: MemberTaskInput, events: Events, signal?: AbortSignal, checkpoints?: TrainCheckpoints, plan: NetworkPlan = restorePlan(input),
): Promise<MemberTaskResult> {
  const n = input.order.length;
  const params: tf.Variable[][] = [];
  const owned: tf.Tensor[] = [];
  try {
    let offset = 0;
    for (const s of plan.stacks) {
      const count = 2 * (s.hidden.length + 1);
      offset += count;
      params.push(mlpVariables(s, input.init.slice(offset - count, offset)));
    }
    const tensors = tf.tidy(() => {
      const order = tf.tensor1d(input.order, 'int32');
      // one member as a stack of one: [1, n] per event, [1, n, T] for T regression targets
      const relabelled = (values: tf.Tensor) => tf.expandDims(tf.gather(values, order), 0);
      const y = input.task === 'regression' ? tf.tensor2d(input.y, [n, input.y.length / n]) : tf.tensor1d(input.y);
      return { inputs: gatherInputs(inputTensors(input.inputs, n), order), y: relabelled(y), w: relabelled(tf.tensor1d(input.weights)) as tf.Tensor2D };
    });
    owned.push(...Object.values(tensors.inputs), tensors.y, tensors.w);
    const result = await trainLoopOverRows(params.flat(), n, (rows) => {
      const batch = gatherInputs(tensors.inputs, rows);
      const out = plan.forward((i, x) => mlpForward(params[i], x as tf.Tensor2D, plan.stacks[i].activation, plan.stacks[i].activateOutput), batch);
      const loss = memberDataLoss(input.task, tf.expandDims(out, 0) as tf.Tensor3D, tf.gather(tensors.y, rows, 1), tf.gather(tensors.w, rows, 1));
      return { total: loss.total, terms: { [lossTerm(input.task, input.network.outputs)]: loss.average } };
    }, { ...input.train, rng: new Rng(input.batchSeed), events, method: input.method, signal, checkpoints });
    return { params: params.flat().map((p) => (p.dataSync() as Float32Array).slice()), loss: result.loss };
  } finally {
    tf.dispose([...owned, ...params.flat()]);
  }
}

/** A worker's plan: the body restored from the task input, among the built-in bodies (workers load plugins afresh). */
export function restorePlan(input: Pick<MemberTaskInput, 'network'>): NetworkPlan {
  return resolveNetworkBody(input.network.spec.use).restore(input.network.spec, input.network.arrays, input.network.outputs);
}
