import type * as tf from '@tensorflow/tfjs';
import { floatAttr, HepuqError, intAttr, type NetworkGraph, type NetworkPlan } from '@hepuq/core';
import type { Activation } from '../nn/mlp.js';
import { GraphBuilder } from './graph-builder.js';

/**
 * The weights of one dense stack for R replicas, layer by layer: W_l [R, in, out] and b_l [R, out]
 * row-major (a single network is R = 1: its own [in, out] and [out] arrays).
 */
export interface StackWeights {
  W: Float32Array[];
  b: Float32Array[];
}

const ACTIVATION_OPS: Record<Activation, { op: string; alpha?: number } | undefined> = {
  relu: { op: 'Relu' }, elu: { op: 'Elu', alpha: 1 }, sigmoid: { op: 'Sigmoid' }, tanh: { op: 'Tanh' }, linear: undefined,
};

/**
 * The graph of `plan` with the given weights for R replicas: the body's wiring (`plan.graph`) on its
 * raw inputs, each dense stack as MatMul + Add (+ activation) with a leading replica axis. Returns the
 * builder (for the method's head) and the raw output [R, events, outputs]. `UnsupportedNetwork` for a
 * body without a graph mapping.
 */
export function networkGraph(plan: NetworkPlan, weights: readonly StackWeights[], replicas: number): { g: GraphBuilder & NetworkGraph; out: string } {
  if (!plan.graph) {
    throw new HepuqError('UnsupportedNetwork', `the "${plan.spec.use}" network body has no graph mapping, so its models cannot be exported`, {
      hint: 'Export supports the built-in bodies mlp, deep-sets, pfn and efn; a plugin body exports once it implements `graph` (docs/export.md).',
    });
  }
  const builder = new GraphBuilder();
  const g = Object.assign(builder, {
    replicas,
    stack(i: number, x: string): string {
      const s = plan.stacks[i];
      const sizes = [s.inputs, ...s.hidden, s.outputs];
      let h = x;
      for (let l = 0; l < sizes.length - 1; l++) {
        const W = builder.constant(weights[i].W[l], [replicas, sizes[l], sizes[l + 1]]);
        const b = builder.constant(weights[i].b[l], [replicas, 1, sizes[l + 1]]);
        h = builder.node('Add', [builder.node('MatMul', [h, W]), b]);
        const act = l < sizes.length - 2 || s.activateOutput ? ACTIVATION_OPS[s.activation] : undefined;
        if (act) h = builder.node(act.op, [h], act.alpha !== undefined ? { alpha: floatAttr(act.alpha) } : undefined);
      }
      return h;
    },
  });
  return { g, out: plan.graph(g) };
}

/** A stack's variables [W0, b0, W1, b1, ...] (any leading replica axis) as host arrays. */
export function stackWeightsOf(params: readonly tf.Tensor[]): StackWeights {
  const host = (parity: number) => params.filter((_, k) => k % 2 === parity).map((p) => p.dataSync() as Float32Array);
  return { W: host(0), b: host(1) };
}

/** `(x - mean) / std` on the last axis of x. */
export function standardizeNode(g: NetworkGraph, x: string, scale: { mean: Float32Array; std: Float32Array }): string {
  return g.node('Div', [g.node('Sub', [x, g.constant(scale.mean, [scale.mean.length])]), g.constant(scale.std, [scale.std.length])]);
}

/** Channel `c` of x [R, events, channels]: [R, events]. */
export function channelNode(g: NetworkGraph, x: string, c: number): string {
  return g.node('Gather', [x, g.int64([c], [])], { axis: intAttr(2) });
}
