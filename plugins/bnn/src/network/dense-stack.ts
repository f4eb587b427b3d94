import * as tf from '@tensorflow/tfjs';
import type { Activation } from '@hepuq/nn';
import type { FlatLayout } from '../variational/flat-layout.js';
import { splitFlat } from '../variational/flat-layout.js';
import { activationGrad, denseLayer } from './activation.js';

/**
 * Forward pass of an MLP whose weights are one flat vector theta, as ONE custom-gradient op in
 * theta: a_l = f(h W_l + b_l) (fused), times an optional multiplicative mask [B, fanOut] per hidden
 * layer (MC dropout). Backward: dz = f'(a) (da * mask), dW = h^T dz, db = sum dz, dh = dz W^T — a
 * third of the kernels of op-by-op autodiff. Used for weight-sampled (reparameterised) BNN passes
 * and dropout passes. The last layer is linear unless `activateLast` (a set body's Phi). With
 * `inputGrad` the op is differentiable in `x` too (dx = dz_0 W_0^T): a stack whose input is another
 * stack's output (a set body's F after Phi) must pass the gradient on; data inputs need none.
 */
export function denseStack(
  theta: tf.Tensor1D, x: tf.Tensor2D, layout: FlatLayout, activation: Activation, masks?: tf.Tensor[], activateLast = false, inputGrad = false,
): tf.Tensor2D {
  const last = layout.shapes.length - 1;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const thetaIn = args[0] as tf.Tensor;
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const p = splitFlat(thetaIn as tf.Tensor1D, layout);
    const saved: tf.Tensor[] = [];
    let h = (inputGrad ? args[1] : x) as tf.Tensor2D;
    for (let l = 0; l <= last; l++) {
      const a = denseLayer(h, p.W[l], p.b[l], l < last || activateLast ? activation : 'linear');
      saved.push(h, a, p.W[l]);
      h = masks && l < last ? (tf.mul(a, masks[l]) as tf.Tensor2D) : a;
    }
    // the masks are created inside the caller's forward scope and freed with it: keep them for the backward pass
    save([...saved, ...(masks ?? [])]);
    return {
      value: h,
      gradFunc: (dy: tf.Tensor2D, s: tf.Tensor[]) => {
        const grads: tf.Tensor[] = [];
        const kept = s.slice(3 * (last + 1));
        let da = dy;
        for (let l = last; l >= 0; l--) {
          const [hl, a, w] = s.slice(3 * l, 3 * l + 3);
          const dz = l < last ? activationGrad(masks ? tf.mul(da, kept[l]) : da, a, activation) : activateLast ? activationGrad(da, a, activation) : da;
          grads.unshift(tf.matMul(hl, dz, true, false).reshape([-1]), tf.sum(dz, 0));
          if (l > 0 || inputGrad) da = tf.matMul(dz, w, false, true);
        }
        return inputGrad ? [tf.concat(grads), da] : tf.concat(grads);
      },
    };
  });
  return (inputGrad ? op(theta, x) : op(theta)) as tf.Tensor2D;
}
