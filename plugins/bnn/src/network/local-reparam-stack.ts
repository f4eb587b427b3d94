import type * as tf from '@tensorflow/tfjs';
import { variationalDense, type PhiloxStream } from '@hepuq/kernels';
import type { Activation } from '@hepuq/nn';
import { splitFlat, type FlatLayout, type LayerTensors } from '../variational/flat-layout.js';

/**
 * Forward pass of a mean-field Gaussian MLP with local reparameterisation (Kingma, Salimans,
 * Welling 1506.02557) from the flat mean vector mu and the flat variance vector s2 = sigma^2: per
 * layer m = h W_mu + b_mu, v = h^2 S + s, z = m + sqrt(v) eps, a = f(z), each layer ONE
 * `@hepuq/kernels` `variationalDense` call forward and one backward (dW_mu = h^T dz,
 * dS = (h^2)^T (dz eps / 2 sqrt v), dh = dz W_mu^T + 2 h (dv S^T)) on the wasm backend, where per-op
 * dispatch and not arithmetic dominates networks of this size. eps ~ N(0, 1) per row and unit is
 * drawn inside the kernel: layer l uses `noise` with counter word `stream` = l, so a key reproduces
 * the pass on every backend. The last layer is linear unless `activateLast`. With `inputGrad` the
 * pass is differentiable in `x` too, for a stack whose input is another stack's output (a set body's
 * F after Phi); otherwise x counts as a constant.
 * @example const out = localReparamStack(mu, s2, xb, noise.philoxStream(), layout, 'relu')
 */
export function localReparamStack(
  mu: tf.Tensor1D, s2: tf.Tensor1D, x: tf.Tensor2D, noise: PhiloxStream, layout: FlatLayout, activation: Activation, activateLast = false, inputGrad = false,
): tf.Tensor2D {
  return localReparamLayers(splitFlat(mu, layout), splitFlat(s2, layout), x, noise, activation, activateLast, inputGrad);
}

/** `localReparamStack` on means `m` and variances `v` already cut into layers (e.g. by `meanFieldTerms`). */
export function localReparamLayers(
  m: LayerTensors, v: LayerTensors, x: tf.Tensor2D, noise: PhiloxStream, activation: Activation, activateLast = false, inputGrad = false,
): tf.Tensor2D {
  const last = m.W.length - 1;
  let h = x;
  for (let l = 0; l <= last; l++) {
    h = variationalDense(h, m.W[l], m.b[l], v.W[l], v.b[l], { ...noise, stream: l }, {
      activation: l < last || activateLast ? activation : 'linear',
      inputGrad: l > 0 || inputGrad,
    });
  }
  return h;
}
