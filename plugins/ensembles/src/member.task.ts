import * as tf from '@tensorflow/tfjs';
import { EventBus, Rng, type Events, type TaskContext, type TrainCheckpoints } from '@hepuq/core';
import { mlpForward, mlpVariables, trainLoop, type MlpArchitecture, type TrainLoopOptions } from '@hepuq/nn';
import { memberDataLoss } from './training/member-loss.js';
import type { EnsembleTask } from './training/training-set.js';

/** One member's training job: structured-cloneable, so it crosses worker and process boundaries. */
export interface MemberTaskInput {
  method: string;
  task: EnsembleTask;
  arch: MlpArchitecture;
  /** Standardised inputs [n, inputs] row-major, scaled targets or labels [n], this member's weights [n]. */
  x: Float32Array;
  y: Float32Array;
  weights: Float32Array;
  /** The member's relabelling pi_m and initial parameters (core's MLP layout). */
  order: Int32Array;
  init: Float32Array[];
  /** Seed of the epoch shuffles (shared by all members). */
  batchSeed: number;
  train: Pick<TrainLoopOptions, 'epochs' | 'batchSize' | 'lr' | 'lrFinal'>;
}

export interface MemberTaskResult {
  /** Trained parameters in core's MLP layout [W0, b0, W1, b1, ...]. */
  params: Float32Array[];
  loss: number;
}

/**
 * Executor task: train one ensemble member as a plain MLP (core's `mlpForward` and `trainLoop`) on
 * its relabelled copy of the data, x[pi_m], y[pi_m], w[pi_m]. Everything random comes in `input`, so
 * the executor's per-task seed is not used and a retry repeats the same training exactly.
 * @example await executor.map([{ module: MEMBER_TASK_MODULE, export: 'trainMember', input }])
 */
export async function trainMember(input: MemberTaskInput, _ctx?: TaskContext): Promise<MemberTaskResult> {
  return trainMemberWithEvents(input, new EventBus());
}

/** `trainMember` with fit events on `events` (in-process use). */
export async function trainMemberWithEvents(input: MemberTaskInput, events: Events, signal?: AbortSignal, checkpoints?: TrainCheckpoints): Promise<MemberTaskResult> {
  const n = input.order.length;
  const d = input.arch.inputs;
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  const w = new Float32Array(n);
  input.order.forEach((event, i) => {
    x.set(input.x.subarray(event * d, (event + 1) * d), i * d);
    y[i] = input.y[event];
    w[i] = input.weights[event];
  });
  const params = mlpVariables(input.arch, input.init);
  const data = tf.tidy(() => ({ x: tf.tensor2d(x, [n, d]), y: tf.tensor2d(y, [n, 1]), w: tf.tensor1d(w) }));
  try {
    const result = await trainLoop(params, data, (xb, yb, wb) => {
      const out = tf.expandDims(mlpForward(params, xb, input.arch.activation), 0) as tf.Tensor3D;
      const loss = memberDataLoss(input.task, out, tf.reshape(yb, [1, -1]), tf.reshape(wb, [1, -1]));
      return { total: loss.total, terms: { [input.task === 'regression' ? 'nll' : 'bce']: loss.average } };
    }, { ...input.train, rng: new Rng(input.batchSeed), events, method: input.method, signal, checkpoints });
    return { params: params.map((p) => (p.dataSync() as Float32Array).slice()), loss: result.loss };
  } finally {
    tf.dispose([data.x, data.y, data.w, ...params]);
  }
}
