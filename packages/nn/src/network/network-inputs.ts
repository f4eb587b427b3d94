import * as tf from '@tensorflow/tfjs';
import type { Dataset, HostInput, NetworkInputs, NetworkPlan } from '@hepuq/core';
import { evaluateInChunks, eventsPerChunk } from '../nn/chunked-evaluation.js';

/**
 * Saved-array prefix of stack `i`: none for a one-stack body (the names models had before bodies
 * existed: `W0`, `mu`, `theta`), `<stack name>.` otherwise (`phi.W0`, `f.mu`).
 */
export function stackPrefix(plan: NetworkPlan, i: number): string {
  return plan.stacks.length === 1 ? '' : `${plan.stacks[i].name}.`;
}

/** A body's host input matrices of `n` events as tensors [n, width] (owned by the caller). */
export function inputTensors(host: Readonly<Record<string, HostInput>>, n: number): NetworkInputs {
  return Object.fromEntries(Object.entries(host).map(([name, m]) => [name, tf.tensor2d(m.values, [n, m.width])]));
}

/** Rows `idx` of every input: [B] indices give [B, width], [M, B] (one batch per member) [M, B, width]. */
export function gatherInputs(inputs: NetworkInputs, idx: tf.Tensor): NetworkInputs {
  return Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, tf.gather(t, idx)]));
}

/**
 * Evaluate `model` on the plan's inputs of `data` in chunks of events, so that `passes` function draws
 * or members at once hold at most `FLOATS_PER_CHUNK` floats in the widest layer for the rows an event
 * expands to (at most `maxChunk` events); `model` maps a batch of inputs to named per-event columns
 * (see `evaluateInChunks`).
 * @example const { prob } = evaluateNetwork(net.plan, test, 1, (x) => ({ prob: tf.sigmoid(net.forward(x)).reshape([-1]) }))
 */
export function evaluateNetwork(
  plan: NetworkPlan, data: Dataset, passes: number, model: (inputs: NetworkInputs) => Record<string, tf.Tensor>, maxChunk = Number.POSITIVE_INFINITY,
): Record<string, Float32Array> {
  const host = Object.entries(plan.inputs(data));
  const widest = Math.max(...plan.stacks.flatMap((s) => [s.inputs, ...s.hidden, s.outputs]));
  const chunk = Math.min(maxChunk, eventsPerChunk(passes * plan.rowsPerEvent(data), widest));
  return evaluateInChunks(data.n, chunk, host.map(([, m]) => m), (batch) => model(Object.fromEntries(host.map(([name], i) => [name, batch[i]]))));
}
