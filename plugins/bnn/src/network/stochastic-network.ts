import type * as tf from '@tensorflow/tfjs';
import type { MlpArchitecture, StackWeights } from '@hepuq/nn';
import type { NamedArray } from '@hepuq/core';
import type { NoiseSource } from '../random/noise-source.js';

/** How a stack sits in its network body (`MLP_ROLE`: a plain MLP whose outputs feed the head). */
export interface StackRole {
  /** The last layer is activated too (a set body's Phi). */
  activateOutput: boolean;
  /** The input is another stack's output (a set body's F): the pass must be differentiable in it. */
  inputGrad: boolean;
  /** The outputs are the likelihood head's inputs (output weights initialised small, see output-init.ts). */
  head: boolean;
}

export const MLP_ROLE: StackRole = { activateOutput: false, inputGrad: false, head: true };

/** R coherent draws of a stochastic network (weight samples or dropout masks); owns its tensors. */
export interface DrawSet {
  readonly count: number;
  readonly tensors: tf.Tensor[];
}

/** One stochastic training pass: raw outputs [B, outputs] and the regulariser (KL in nats, not yet divided by N). */
export interface TrainPass {
  out: tf.Tensor2D;
  penalty: tf.Scalar;
}

/**
 * A network whose function is random: a variational (mean-field Gaussian) MLP or an MC-dropout MLP.
 * Training passes draw fresh noise per event; prediction evaluates R draws, each held fixed across
 * all events (coherent replicas), in one batched matmul per layer.
 */
export interface StochasticNetwork {
  readonly kind: 'variational' | 'dropout';
  readonly arch: MlpArchitecture;
  readonly trainables: tf.Variable[];
  /**
   * Training pass over rows [rows, d]; `rowsPerEvent` consecutive rows are one event (P particles),
   * which must all see the same function draw (default 1: every row is an event).
   */
  trainPass(x: tf.Tensor2D, noise: NoiseSource, rowsPerEvent?: number): TrainPass;
  sampleDraws(count: number, noise: NoiseSource): DrawSet;
  /** Raw outputs [R, n, outputs] of every draw on inputs [n, d] (shared) or [R, n, d] (one per draw). */
  drawsForward(x: tf.Tensor, draws: DrawSet): tf.Tensor3D;
  /** The draws as plain dense weights with the draws as the replica axis (for graph export). */
  drawWeights(draws: DrawSet): StackWeights;
  toArrays(): NamedArray[];
  dispose(): void;
}
