import * as tf from '@tensorflow/tfjs';

/** Activations the fused dense kernels apply (`@hepuq/nn`'s MLP uses all but softplus). */
export const ACTIVATIONS = ['linear', 'relu', 'elu', 'sigmoid', 'tanh', 'softplus'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** The code each activation has in the wasm module (assembly/activation.ts). */
export const ACTIVATION_CODES: Readonly<Record<Activation, number>> = { linear: 0, relu: 1, elu: 2, sigmoid: 3, tanh: 4, softplus: 5 };

export function assertActivation(activation: string, op: string): asserts activation is Activation {
  if (!(ACTIVATIONS as readonly string[]).includes(activation)) {
    throw new RangeError(`${op}: activation "${activation}" is not one of ${ACTIVATIONS.join(', ')}`);
  }
}

/**
 * act(z) with plain tfjs ops (the fallback and the reference the kernels are tested against).
 * @example const h = applyActivation(tf.add(tf.matMul(x, w), b), 'tanh')
 */
export function applyActivation(z: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'linear': return z;
    case 'relu': return tf.relu(z);
    case 'elu': return tf.elu(z);
    case 'sigmoid': return tf.sigmoid(z);
    case 'tanh': return tf.tanh(z);
    case 'softplus': return tf.softplus(z);
  }
}

/**
 * act'(z) written from the output y = act(z): relu 1[y > 0], elu 1[y >= 0] or y + 1, sigmoid
 * y (1 - y), tanh 1 - y^2, softplus 1 - e^-y; so a backward pass needs only the forward output.
 * @example const dz = tf.mul(dy, activationSlope(y, 'relu'))
 */
export function activationSlope(y: tf.Tensor, activation: Activation): tf.Tensor {
  return tf.tidy(() => {
    switch (activation) {
      case 'linear': return tf.onesLike(y);
      case 'relu': return tf.cast(tf.greater(y, 0), 'float32');
      case 'elu': return tf.where(tf.greaterEqual(y, 0), tf.onesLike(y), tf.add(y, 1));
      case 'sigmoid': return tf.mul(y, tf.sub(1, y));
      case 'tanh': return tf.sub(1, tf.square(y));
      case 'softplus': return tf.neg(tf.expm1(tf.neg(y)));
    }
  });
}
