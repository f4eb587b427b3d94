import * as tf from '@tensorflow/tfjs';
import type { NamedArray, NetworkInputs, NetworkPlan, Rng } from '@hepuq/core';
import { stackPrefix } from '@hepuq/nn';
import type { NoiseSource } from '../random/noise-source.js';
import type { DrawSet, StackRole, StochasticNetwork, TrainPass } from './stochastic-network.js';

/** Builds one stochastic stack (variational or dropout) of a body, fresh or from its saved arrays. */
export type StackFactory = (index: number, role: StackRole, source: Rng | readonly NamedArray[]) => StochasticNetwork;

/**
 * A network body (`mlp`, `deep-sets`, `pfn`, `efn`, a plugin's) whose dense stacks are stochastic: one
 * variational or dropout stack per stack of the plan, wired by the plan's parameter-free operations.
 * Function draw r is draw r of every stack at once, so replicas stay coherent across the body.
 */
export class StochasticBody {
  private constructor(readonly plan: NetworkPlan, readonly stacks: StochasticNetwork[]) {}

  /** Fresh stacks drawn from `rng` stack after stack (an MLP draws exactly what it drew before bodies existed). */
  static create(plan: NetworkPlan, factory: StackFactory, rng: Rng): StochasticBody {
    return new StochasticBody(plan, plan.stacks.map((s, i) => factory(i, roleOf(plan, i), rng)));
  }

  /** Rebuild from `toArrays()` output: a one-stack body's arrays carry no prefix, others `phi.`, `f.`, .... */
  static fromArrays(plan: NetworkPlan, factory: StackFactory, arrays: readonly NamedArray[]): StochasticBody {
    return new StochasticBody(plan, plan.stacks.map((s, i) => {
      const p = stackPrefix(plan, i);
      const own = arrays.filter((a) => a.name.startsWith(p)).map((a) => ({ ...a, name: a.name.slice(p.length) }));
      return factory(i, roleOf(plan, i), own);
    }));
  }

  get kind(): StochasticNetwork['kind'] {
    return this.stacks[0].kind;
  }

  get trainables(): tf.Variable[] {
    return this.stacks.flatMap((s) => s.trainables);
  }

  /** One training pass over a batch of the plan's inputs: raw outputs and the summed regulariser of all stacks. */
  trainPass(inputs: NetworkInputs, noise: NoiseSource): TrainPass {
    const penalties: tf.Scalar[] = [];
    const out = this.plan.forward((i, x, rowsPerEvent) => {
      const pass = this.stacks[i].trainPass(x as tf.Tensor2D, noise, rowsPerEvent);
      penalties.push(pass.penalty);
      return pass.out;
    }, inputs) as tf.Tensor2D;
    return { out, penalty: penalties.length === 1 ? penalties[0] : (tf.addN(penalties) as tf.Scalar) };
  }

  /** R coherent draws of every stack. */
  sampleDraws(count: number, noise: NoiseSource): DrawSet[] {
    return this.stacks.map((s) => s.sampleDraws(count, noise));
  }

  /** Raw outputs [R, n, outputs] of every draw on a batch of the plan's inputs. */
  drawsForward(inputs: NetworkInputs, draws: readonly DrawSet[]): tf.Tensor3D {
    return this.plan.forward((i, x) => this.stacks[i].drawsForward(x, draws[i]), inputs) as tf.Tensor3D;
  }

  /** Every stack's arrays and the plan's (input standardisation). */
  toArrays(): NamedArray[] {
    return [...this.stacks.flatMap((s, i) => s.toArrays().map((a) => ({ ...a, name: stackPrefix(this.plan, i) + a.name }))), ...this.plan.arrays()];
  }

  dispose(): void {
    this.stacks.forEach((s) => s.dispose());
  }
}

/** The role of stack i: the last stack feeds the head. */
function roleOf(plan: NetworkPlan, i: number): StackRole {
  const s = plan.stacks[i];
  return { activateOutput: s.activateOutput, inputGrad: i > 0, head: i === plan.stacks.length - 1 };
}
