import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@hepuq/core';
import { fusedDense } from '@hepuq/kernels';

export type Activation = 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear';

export interface MlpArchitecture {
  inputs: number;
  hidden: number[];
  outputs: number;
  activation: Activation;
}

/** Layer sizes [inputs, ...hidden, outputs] as (fanIn, fanOut) pairs. */
export function mlpLayerShapes(arch: MlpArchitecture): [number, number][] {
  const sizes = [arch.inputs, ...arch.hidden, arch.outputs];
  return sizes.slice(1).map((out, i) => [sizes[i], out]);
}

/**
 * Initial parameters [W0, b0, W1, b1, ...] drawn from `rng` on the CPU, so the same seed gives the
 * same network on every backend. He-normal weights (std sqrt(2/fanIn), He et al. 1502.01852) for
 * ReLU-like activations, Glorot-normal (std sqrt(2/(fanIn+fanOut))) otherwise; zero biases.
 */
export function initMlpArrays(arch: MlpArchitecture, rng: Rng): Float32Array[] {
  const he = arch.activation === 'relu' || arch.activation === 'elu';
  return mlpLayerShapes(arch).flatMap(([fanIn, fanOut]) => {
    const std = he ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
    return [rng.normalArray(fanIn * fanOut, 0, std), new Float32Array(fanOut)];
  });
}

/** Wrap parameter arrays as trainable variables with the MLP's shapes. */
export function mlpVariables(arch: MlpArchitecture, arrays: Float32Array[]): tf.Variable[] {
  const shapes = mlpLayerShapes(arch);
  return arrays.map((a, i) => {
    const [fanIn, fanOut] = shapes[i >> 1];
    // tidy frees the initial value (the variable keeps its data), so nothing outlives dispose()
    return tf.tidy(() => tf.variable(i % 2 === 0 ? tf.tensor2d(a, [fanIn, fanOut]) : tf.tensor1d(a)));
  });
}

/**
 * Forward pass: one fused dense layer (matmul + bias + activation) per layer, `@hepuq/kernels`'
 * `fusedDense` (one SIMD wasm kernel forward and one backward on the wasm backend, where per-op
 * dispatch and not arithmetic dominates small networks; plain tfjs ops elsewhere); the output layer is
 * linear unless `activateOutput`.
 */
export function mlpForward(params: readonly tf.Tensor[], x: tf.Tensor2D, activation: Activation, activateOutput = false): tf.Tensor2D {
  let h = x;
  const layers = params.length / 2;
  for (let l = 0; l < layers; l++) {
    const activated = l < layers - 1 || activateOutput;
    h = fusedDense(h, params[2 * l] as tf.Tensor2D, params[2 * l + 1] as tf.Tensor1D, activated ? activation : 'linear');
  }
  return h;
}
