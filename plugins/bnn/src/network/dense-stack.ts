import * as tf from '@tensorflow/tfjs';
import { denseBackward, fusedDense } from '@hepuq/kernels';
import type { Activation } from '@hepuq/nn';
import type { FlatLayout } from '../variational/flat-layout.js';
import { splitFlat } from '../variational/flat-layout.js';

/**
 * Forward pass of an MLP whose weights are one flat vector theta, as ONE custom-gradient op in
 * theta: a_l = f(h W_l + b_l), times an optional multiplicative mask [B, fanOut] per hidden layer
 * (MC dropout). Every layer is one `@hepuq/kernels` `fusedDense` call forward and one
 * `denseBackward` call backward (dz = f'(a) (da * mask), dW = h^T dz, db = sum dz, dh = dz W^T) on
 * the wasm backend. Used for weight-sampled (reparameterised) BNN passes and dropout passes. The last
 * layer is linear unless `activateLast` (a set body's Phi). With `inputGrad` the op is
 * differentiable in `x` too (dx = dz_0 W_0^T): a stack whose input is another stack's output (a set
 * body's F after Phi) must pass the gradient on; data inputs need none.
 * @example const out = denseStack(theta, xb, layout, 'relu')
 */
export function denseStack(
  theta: tf.Tensor1D, x: tf.Tensor2D, layout: FlatLayout, activation: Activation, masks?: tf.Tensor[], activateLast = false, inputGrad = false,
): tf.Tensor2D {
  const last = layout.shapes.length - 1;
  const act = (l: number): Activation => (l < last || activateLast ? activation : 'linear');
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const thetaIn = args[0] as tf.Tensor;
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const p = splitFlat(thetaIn as tf.Tensor1D, layout);
    const saved: tf.Tensor[] = [];
    let h = (inputGrad ? args[1] : x) as tf.Tensor2D;
    for (let l = 0; l <= last; l++) {
      const a = fusedDense(h, p.W[l], p.b[l], act(l));
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
          const [hl, a, w] = s.slice(3 * l, 3 * l + 3) as tf.Tensor2D[];
          const g = denseBackward(masks && l < last ? (tf.mul(da, kept[l]) as tf.Tensor2D) : da, hl, w, a, act(l));
          grads.unshift(g.dw.reshape([-1]), g.db);
          da = g.dx;
        }
        return inputGrad ? [tf.concat(grads), da] : tf.concat(grads);
      },
    };
  });
  return (inputGrad ? op(theta, x) : op(theta)) as tf.Tensor2D;
}
