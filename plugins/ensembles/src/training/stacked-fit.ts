import * as tf from '@tensorflow/tfjs';
import { gatherInputs, inputTensors, trainLoopOverRows, type TrainLoopOptions } from '@hepuq/nn';
import { type Events, type NetworkInputs, type TrainCheckpoints, Rng } from '@hepuq/core';
import { StackedNetwork } from '../network/stacked-network.js';
import type { MemberPlan } from './member-plan.js';
import { channel, headTargets, lossTerm, memberDataLoss } from './member-loss.js';
import { kernelRepulsion } from './repulsion.js';
import type { EnsembleTask, TrainingSet } from './training-set.js';

/** The repulsive part of the loss (repulsive ensembles only). */
export interface RepulsionSpec {
  /** beta, multiplying the kernel term. */
  beta: number;
  kernel: 'function' | 'weight';
  /** Gaussian weight prior width; undefined: flat prior (no term). */
  priorWidth?: number;
}

export interface StackedFitOptions {
  task: EnsembleTask;
  train: Pick<TrainLoopOptions, 'epochs' | 'batchSize' | 'lr' | 'lrFinal'>;
  method: string;
  events: Events;
  signal?: AbortSignal;
  /** Training checkpoints (stacked and in-thread one-by-one training; executor tasks restart instead). */
  checkpoints?: TrainCheckpoints;
  repulsion?: RepulsionSpec;
}

/** What stacked training reads of the training set (a worker rebuilds just this). */
export type StackedSet = Pick<TrainingSet, 'n' | 'plan' | 'inputs' | 'y' | 'scales'>;

/**
 * Train all members at once as one `StackedNetwork` with @hepuq/nn's `trainLoopOverRows` (Adam, cosine lr,
 * fit events, divergence guard). The loop shuffles the n rows of a table T [n, M] with T[i, m] = pi_m[i];
 * batch slot i of member m is then event pi_m[sigma_e[i]], exactly what member m trained alone on its relabelled
 * copy x[pi_m] with the same shuffles sigma_e sees. The loss is the sum of the members' own losses, so
 * per-parameter Adam makes each member's update its own (member.task.ts is the one-by-one twin).
 * @example const net = await fitStacked(set, plan, { task: 'regression', arch, train, method, events })
 */
export async function fitStacked(set: StackedSet, plan: MemberPlan, opts: StackedFitOptions): Promise<StackedNetwork> {
  const members = plan.inits.length;
  const net = StackedNetwork.fromMembers(set.plan, plan.inits);
  const table = new Int32Array(set.n * members);
  plan.orders.forEach((order, m) => order.forEach((event, i) => (table[i * members + m] = event)));
  const weights = new Float32Array(members * set.n);
  plan.weights.forEach((w, m) => weights.set(w, m * set.n));
  const t = tf.tidy(() => ({
    table: tf.tensor2d(table, [set.n, members], 'int32'),
    inputs: inputTensors(set.inputs, set.n),
    // regression: [n, T] standardised targets; classification: [n] labels
    y: opts.task === 'regression' ? tf.tensor2d(set.y, [set.n, set.scales.length]) : tf.tensor1d(set.y),
    w: tf.tensor1d(weights),
    offsets: tf.tensor2d(Int32Array.from({ length: members }, (_, m) => m * set.n), [members, 1], 'int32'),
  }));
  const rep = opts.repulsion;
  try {
    await trainLoopOverRows(net.params, set.n, (rows) => {
      const idx = tf.transpose(tf.gather(t.table, rows)) as tf.Tensor2D; // [M, B] event indices
      const out = net.forward(gatherInputs(t.inputs, idx));
      const data = memberDataLoss(opts.task, out, tf.gather(t.y, idx), tf.gather(t.w, tf.add(idx, t.offsets)) as unknown as tf.Tensor2D);
      if (!rep) return { total: data.total, terms: { [lossTerm(opts.task, set.plan.outputs)]: data.average } };
      const r = repulsionTerms(net, rep, opts.task, set.n, t.inputs, idx);
      const terms: Record<string, tf.Scalar> = { [lossTerm(opts.task, set.plan.outputs)]: data.average, repulsion: r.repulsion };
      if (r.prior) terms.prior = r.prior;
      return { total: tf.addN([data.total, r.repulsion, ...(r.prior ? [r.prior] : [])]), terms };
    }, { ...opts.train, rng: new Rng(plan.batchSeed), events: opts.events, method: opts.method, signal: opts.signal, checkpoints: opts.checkpoints });
  } catch (e) {
    net.dispose();
    throw e;
  } finally {
    tf.dispose([t.table, t.y, t.w, t.offsets, ...Object.values(t.inputs)]);
  }
  return net;
}


/**
 * The two extra terms of L_RE = sum_m [ L_m(theta_m) + (1/n) log sum_j k(theta_m, theta_j) - (1/n) log p(theta_m) ]
 * per event (L_m the member's mean NLL, so n L_m = -log p(x_train|theta_m) up to the minibatch estimate):
 * beta/n sum_m log sum_j k and, with a Gaussian prior of width s, sum_m |theta_m|^2 / (2 s^2 n) (flat prior: no term). The function-space kernel compares the
 * members' predictions on member 0's batch of training inputs, shared by all members: the T means
 * mu_0..mu_{T-1} of a regression head (the widths are not the function the posterior is over), the
 * logit of a binary classifier, or for K-class softmax members their centred logits z_k - mean_k z_k
 * of all classes (the logits are defined only up to a common shift, which the kernel must not reward).
 */
function repulsionTerms(net: StackedNetwork, rep: RepulsionSpec, task: EnsembleTask, n: number, inputs: NetworkInputs, idx: tf.Tensor2D): { repulsion: tf.Scalar; prior?: tf.Scalar } {
  const members = net.members;
  let v: tf.Tensor2D;
  if (rep.kernel === 'weight') {
    v = tf.concat(net.params.map((p) => tf.reshape(p, [members, -1])), 1) as tf.Tensor2D;
  } else {
    const out = net.forward(gatherInputs(inputs, tf.squeeze(tf.slice(idx, [0, 0], [1, -1]), [0])));
    if (task === 'regression') {
      // [M, B, T] means flattened per member: one function on B events x T targets (T = 1: channel 0)
      v = tf.reshape(tf.slice(out, [0, 0, 0], [members, -1, headTargets(out.shape[2])]), [members, -1]) as tf.Tensor2D;
    } else {
      // softmax members: logits are defined up to a common shift, so compare the centred logits of every class
      v = out.shape[2] > 1 ? (tf.reshape(tf.sub(out, tf.mean(out, 2, true)), [members, -1]) as tf.Tensor2D) : channel(out, 0);
    }
  }
  const repulsion = tf.mul(kernelRepulsion(v), rep.beta / n) as tf.Scalar;
  if (rep.priorWidth === undefined) return { repulsion };
  const prior = tf.mul(tf.addN(net.params.map((p) => tf.sum(tf.square(p)))), 1 / (2 * rep.priorWidth ** 2 * n)) as tf.Scalar;
  return { repulsion, prior };
}
