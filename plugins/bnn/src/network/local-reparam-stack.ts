import * as tf from '@tensorflow/tfjs';
import type { Activation } from '@hepuq/nn';
import type { FlatLayout } from '../variational/flat-layout.js';
import { splitFlat } from '../variational/flat-layout.js';
import { activate, activationGrad } from './activation.js';

/**
 * Forward pass of a mean-field Gaussian MLP with local reparameterisation (Kingma, Salimans,
 * Welling 1506.02557), as ONE custom-gradient op in the flat mean vector mu and the flat variance
 * vector s2 = sigma^2. Per layer: m = h W_mu + b_mu, v = h^2 S + s, z = m + sqrt(v) eps, a = f(z).
 * The hand-written backward pass (dW_mu = h^T dz, dS = (h^2)^T (dz eps / 2 sqrt v),
 * dh = dz W_mu^T + 2 h (dv S^T)) needs about a third of the kernels tfjs's op-by-op autodiff
 * records: on wasm, per-op dispatch and not arithmetic dominates networks of this size.
 * `eps` holds one [B, fanOut] tensor of N(0, 1) draws per layer. The last layer is linear unless `activateLast`.
 * With `inputGrad` the op is differentiable in `x` too (the same dh as between layers), for a stack
 * whose input is another stack's output (a set body's F after Phi).
 */
export function localReparamStack(
  mu: tf.Tensor1D, s2: tf.Tensor1D, x: tf.Tensor2D, eps: tf.Tensor2D[], layout: FlatLayout, activation: Activation, activateLast = false, inputGrad = false,
): tf.Tensor2D {
  const last = layout.shapes.length - 1;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [muIn, s2In] = args as [tf.Tensor, tf.Tensor];
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const m = splitFlat(muIn as tf.Tensor1D, layout);
    const v = splitFlat(s2In as tf.Tensor1D, layout);
    const saved: tf.Tensor[] = [];
    let h = (inputGrad ? args[2] : x) as tf.Tensor2D;
    for (let l = 0; l <= last; l++) {
      const h2 = tf.square(h);
      const mean = tf.fused.matMul({ a: h, b: m.W[l], bias: m.b[l] });
      const std = tf.sqrt(tf.fused.matMul({ a: h2, b: v.W[l], bias: v.b[l] }));
      const z = tf.add(mean, tf.mul(std, eps[l])) as tf.Tensor2D;
      const a = l < last || activateLast ? activate(z, activation) : z;
      // dz/dv = eps / (2 sqrt v)
      saved.push(h, h2, tf.div(eps[l], tf.mul(std, 2)), a, m.W[l], v.W[l]);
      h = a;
    }
    save(saved);
    return {
      value: h,
      gradFunc: (dy: tf.Tensor2D, s: tf.Tensor[]) => {
        const dMu: tf.Tensor[] = [];
        const dS2: tf.Tensor[] = [];
        let da = dy;
        for (let l = last; l >= 0; l--) {
          const [hl, h2l, c, a, wMu, wS] = s.slice(6 * l, 6 * l + 6);
          const dz = l < last || activateLast ? activationGrad(da, a, activation) : da;
          const dv = tf.mul(dz, c);
          dMu.unshift(tf.matMul(hl, dz, true, false).reshape([-1]), tf.sum(dz, 0));
          dS2.unshift(tf.matMul(h2l, dv, true, false).reshape([-1]), tf.sum(dv, 0));
          if (l > 0 || inputGrad) da = tf.add(tf.matMul(dz, wMu, false, true), tf.mul(tf.mul(hl, 2), tf.matMul(dv, wS, false, true)));
        }
        return inputGrad ? [tf.concat(dMu), tf.concat(dS2), da] : [tf.concat(dMu), tf.concat(dS2)];
      },
    };
  });
  return (inputGrad ? op(mu, s2, x) : op(mu, s2)) as tf.Tensor2D;
}
