import * as tf from '@tensorflow/tfjs';
import { HepuqError, type HostInput, median } from '@hepuq/core';
import { eventsPerChunk, gatherInputs, gaussianHeadColumns, inputTensors } from '@hepuq/nn';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { StackedNetwork } from '../network/stacked-network.js';
import type { EnsembleTask, TrainingSet } from '../training/training-set.js';

/** Training events the health check evaluates at most (evenly strided over the set). */
export const HEALTH_EVENTS = 20_000;

/** What the health check measures per member on the training events. */
export interface MemberScores {
  /**
   * The weighted mean loss per event of the kind it was trained on, with the training set's weights
   * (a bootstrap member's out-of-bag events included): the diagonal Gaussian NLL without its constant
   * in standardised units, summed over targets, or the cross-entropy in nats.
   */
  loss: number[];
  /**
   * Its RMS distance from the members' median prediction over the events: regression, per event and
   * target |mu_m - median mu| / median sigma (in widths of the learned noise); classification, per
   * event and class |p_m - median p|.
   */
  disagreement: number[];
}

/** The events evaluated: all, or HEALTH_EVENTS evenly strided ones. */
function healthRows(n: number): Int32Array {
  const count = Math.min(n, HEALTH_EVENTS);
  return Int32Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
}

/** The rows `rows` of every input matrix, on the host. */
function selectRows(inputs: Record<string, HostInput>, rows: Int32Array): Record<string, HostInput> {
  const out: Record<string, HostInput> = {};
  for (const [name, { values, width }] of Object.entries(inputs)) {
    const picked = new Float32Array(rows.length * width);
    rows.forEach((r, i) => picked.set(values.subarray(r * width, (r + 1) * width), i * width));
    out[name] = { values: picked, width };
  }
  return out;
}

/**
 * Per member: the training loss and the disagreement with the others (`MemberScores`), from the
 * outputs of every member on the same training events (memory-bounded chunks, as prediction), the
 * sums in float64 on the host.
 * @example const { loss, disagreement } = memberScores(net, set, 'regression')
 */
export function memberScores(net: StackedNetwork, set: TrainingSet, task: EnsembleTask): MemberScores {
  const members = net.members;
  const rows = healthRows(set.n);
  const t = set.scales.length;
  const sub = selectRows(set.inputs, rows);
  // values per event bound the rows an event expands to (one for a flat input, P for a set of P)
  const perEvent = Math.max(...Object.values(sub).map((x) => x.width));
  const widest = Math.max(perEvent, set.plan.outputs, ...set.plan.stacks.flatMap((s) => s.hidden));
  const chunk = Math.min(rows.length, eventsPerChunk(members * perEvent, widest));
  const loss = new Float64Array(members);
  const dev2 = new Float64Array(members);
  const column = new Float64Array(members);
  let sumW = 0;
  // (event, channel) cells averaged over
  let cells = 0;
  const inputs = inputTensors(sub, rows.length);
  try {
    for (let lo = 0; lo < rows.length; lo += chunk) {
      const b = Math.min(rows.length, lo + chunk) - lo;
      // per member m, event j, channel c: [M, B, C] on the host
      const { centre, width, nll } = tf.tidy(() => {
        const out = net.forward(gatherInputs(inputs, tf.range(lo, lo + b, 1, 'int32') as tf.Tensor1D));
        if (task === 'regression') {
          const { mu, logSigma } = gaussianHeadColumns(out, t);
          return { centre: mu.dataSync() as Float32Array, width: logSigma.dataSync() as Float32Array, nll: undefined };
        }
        // the cross-entropy from the logits, as training computes it: -log softmax_y, or softplus(-/+ z) for one logit
        const logp = out.shape[2] > 1 ? tf.logSoftmax(out) : tf.neg(tf.softplus(tf.neg(out)));
        const logq = out.shape[2] > 1 ? undefined : tf.neg(tf.softplus(out));
        const probs = out.shape[2] > 1 ? tf.softmax(out) : tf.sigmoid(out);
        return { centre: probs.dataSync() as Float32Array, width: undefined, nll: { logp: logp.dataSync() as Float32Array, logq: logq?.dataSync() as Float32Array | undefined } };
      });
      const c = centre.length / (members * b);
      for (let j = 0; j < b; j++) {
        const i = rows[lo + j];
        const w = set.weights[i];
        sumW += w;
        for (let m = 0; m < members; m++) {
          const at = (m * b + j) * c;
          loss[m] += w * (task === 'regression' ? gaussianNll(centre, width!, set.y, i, at, t) : crossEntropy(nll!.logp, nll!.logq, set.y[i], at));
        }
        for (let k = 0; k < c; k++) {
          for (let m = 0; m < members; m++) column[m] = centre[(m * b + j) * c + k];
          const mid = median(column);
          if (width) for (let m = 0; m < members; m++) column[m] = Math.exp(width[(m * b + j) * c + k]);
          const scale = width ? median(column) : 1;
          for (let m = 0; m < members; m++) dev2[m] += ((centre[(m * b + j) * c + k] - mid) / scale) ** 2;
          cells++;
        }
      }
    }
  } finally {
    tf.dispose(Object.values(inputs));
  }
  if (!(sumW > 0)) {
    throw new HepuqError('InvalidArgument', `the member health check's ${rows.length} training events have total weight ${sumW}`, {
      hint: 'Negative MC weights dominate the evaluated events: switch the check off (`health: { check: false }`) or use more events.', plugin: PLUGIN_NAME,
    });
  }
  return { loss: Array.from(loss, (l) => l / sumW), disagreement: Array.from(dev2, (d) => Math.sqrt(d / cells)) };
}

/** sum_t (y_t - mu_t)^2 / (2 sigma_t^2) + log sigma_t of training event i, outputs at `at` (standardised units). */
function gaussianNll(mu: Float32Array, logSigma: Float32Array, y: Float32Array, i: number, at: number, t: number): number {
  let l = 0;
  for (let k = 0; k < t; k++) {
    const r = y[i * t + k] - mu[at + k];
    l += 0.5 * r * r * Math.exp(-2 * logSigma[at + k]) + logSigma[at + k];
  }
  return l;
}

/** -log p(label): from log softmax at `at` (K classes), or log sigmoid(+-z) for one logit. */
function crossEntropy(logp: Float32Array, logq: Float32Array | undefined, label: number, at: number): number {
  if (logq) return -(label === 1 ? logp[at] : logq[at]);
  return -logp[at + label];
}
