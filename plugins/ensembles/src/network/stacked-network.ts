import * as tf from '@tensorflow/tfjs';
import type { NamedArray, NetworkInputs, NetworkPlan } from '@hepuq/core';
import { stackPrefix, stackWeightsOf, type StackWeights } from '@hepuq/nn';
import { StackedMlp } from './stacked-mlp.js';

/**
 * M members of one network body held stacked: one `StackedMlp` per dense stack of the body's plan
 * (an MLP has one, a set body Phi and F), wired by the plan's parameter-free operations. Member m is
 * exactly the deterministic network @hepuq/nn's `DenseNetwork` builds from the same arrays.
 */
export class StackedNetwork {
  private constructor(readonly plan: NetworkPlan, readonly members: number, readonly stacks: StackedMlp[]) {}

  /** Stack per-member arrays in the plan's layout: stack after stack, each [W0, b0, W1, b1, ...]. */
  static fromMembers(plan: NetworkPlan, members: Float32Array[][]): StackedNetwork {
    let offset = 0;
    const stacks = plan.stacks.map((s) => {
      const count = 2 * (s.hidden.length + 1);
      const slice = members.map((arrays) => arrays.slice(offset, offset + count));
      offset += count;
      return StackedMlp.fromMembers(s, slice, s.activateOutput);
    });
    return new StackedNetwork(plan, members.length, stacks);
  }

  /** Rebuild from `toArrays()` output. */
  static fromArrays(plan: NetworkPlan, members: number, arrays: readonly NamedArray[]): StackedNetwork {
    return new StackedNetwork(plan, members, plan.stacks.map((s, i) => StackedMlp.fromArrays(s, members, arrays, stackPrefix(plan, i), s.activateOutput)));
  }

  /** Every variable, stack after stack. */
  get params(): tf.Variable[] {
    return this.stacks.flatMap((s) => s.params);
  }

  /**
   * Outputs [M, B, outputs] for a batch of the plan's inputs: [B, width] (every member sees the same
   * events) or [M, B, width] (member m sees its own batch).
   */
  forward(inputs: NetworkInputs): tf.Tensor3D {
    return this.plan.forward((i, x) => this.stacks[i].forward((x.rank === 2 ? x.expandDims(0) : x) as tf.Tensor3D), inputs) as tf.Tensor3D;
  }

  /** Member m's arrays in the plan's layout (for tests and the one-by-one comparison). */
  memberArrays(m: number): Float32Array[] {
    return this.stacks.flatMap((s) => s.memberArrays(m));
  }

  /**
   * A new network with member `ids[k]` replaced by member `fromIds[k]` of `from` (same plan), the
   * others copied; this one is left as it is.
   * @example const next = net.replaceMembers([3, 7], retrained, [0, 1])
   */
  replaceMembers(ids: readonly number[], from: StackedNetwork, fromIds: readonly number[]): StackedNetwork {
    const arrays = Array.from({ length: this.members }, (_, m) => (ids.includes(m) ? from.memberArrays(fromIds[ids.indexOf(m)]) : this.memberArrays(m)));
    return StackedNetwork.fromMembers(this.plan, arrays);
  }

  /** Every stack's weights with the members as the replica axis (for graph export). */
  stackWeights(): StackWeights[] {
    return this.stacks.map((s) => stackWeightsOf(s.params));
  }

  /** Every stack's weights and the plan's arrays (input standardisation). */
  toArrays(): NamedArray[] {
    return [...this.stacks.flatMap((s, i) => s.toArrays(stackPrefix(this.plan, i))), ...this.plan.arrays()];
  }

  dispose(): void {
    this.stacks.forEach((s) => s.dispose());
  }
}
