import * as tf from '@tensorflow/tfjs';
import type { Activation } from '@hepuq/nn';

/** The activation as a fused-matmul attribute where tfjs has one (one kernel per layer), else 'linear'. */
export function fusedActivation(activation: Activation): tf.fused.Activation {
  return activation === 'tanh' ? 'linear' : (activation as tf.fused.Activation);
}

/** Apply `activation` elementwise (used where noise enters between the matmul and the nonlinearity). */
export function activate<T extends tf.Tensor>(z: T, activation: Activation): T {
  switch (activation) {
    case 'relu': return tf.relu(z);
    case 'elu': return tf.elu(z);
    case 'tanh': return tf.tanh(z);
    case 'sigmoid': return tf.sigmoid(z);
    case 'linear': return z;
  }
}

/** Fused matmul + bias + activation, with tanh applied after (tfjs fuses no tanh). */
export function denseLayer<T extends tf.Tensor>(h: T, w: tf.Tensor, b: tf.Tensor, activation: Activation): T {
  const out = tf.fused.matMul({ a: h as unknown as tf.Tensor2D, b: w as tf.Tensor2D, bias: b, activation: fusedActivation(activation) });
  return (activation === 'tanh' ? tf.tanh(out) : out) as unknown as T;
}
