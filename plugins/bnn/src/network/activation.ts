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

/**
 * dL/dz from dL/da and the activation output a = f(z): relu 1[a > 0], elu (a > 0 ? 1 : a + 1),
 * tanh 1 - a^2, sigmoid a (1 - a), linear 1. Written from a alone, so the backward pass of the
 * custom-gradient stacks needs no pre-activations.
 */
export function activationGrad(da: tf.Tensor, a: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu': return tf.mul(da, tf.step(a));
    case 'elu': return tf.engine().runKernel('EluGrad', { dy: da, y: a }) as tf.Tensor;
    case 'tanh': return tf.mul(da, tf.sub(1, tf.square(a)));
    case 'sigmoid': return tf.mul(da, tf.mul(a, tf.sub(1, a)));
    case 'linear': return da;
  }
}
