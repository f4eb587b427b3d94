import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, applyActivation, type Activation } from '../activation.js';
import { expectClose, kernelsRun, seededTensor, useWasmKernels } from '../spec-helpers.js';
import { fusedDenseStacked, HEPUQ_DENSE_BACKWARD_STACKED, HEPUQ_FUSED_DENSE_STACKED } from './fused-dense-stacked.kernel.js';

// Tolerance as for HepuqFusedDense (its spec): sums of k <= 64 (forward, dx) or n <= 256 (dW, db)
// float32 products in another order, ~1e-6 max|ref|; a shared x's dx adds M member terms more
// (M <= 5 here). 1e-5 max|ref|.
const RTOL = 1e-5;

/** The unfused reference: tfjs's batched matMul (a shared x tiled to every member), bias and activation. */
function reference(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor, activation: Activation): tf.Tensor3D {
  const xs = x.shape[0] === 1 && w.shape[0] > 1 ? tf.tile(x, [w.shape[0], 1, 1]) : x;
  return applyActivation(tf.add(tf.matMul(xs, w), tf.expandDims(b, 1)), activation) as tf.Tensor3D;
}

// [members, xMembers, n, k, m]
const SHAPES: [number, number, number, number, number][] = [[5, 5, 64, 20, 64], [5, 1, 64, 20, 64], [3, 1, 7, 13, 5], [1, 1, 1, 3, 1], [4, 4, 33, 9, 2]];

describe('HepuqFusedDenseStacked on the wasm backend', () => {
  beforeAll(useWasmKernels);

  for (const activation of ACTIVATIONS) {
    for (const [members, xMembers, n, k, m] of SHAPES) {
      it(`${activation} members ${members}, x [${xMembers}, ${n}, ${k}] -> ${m}: forward and tf.grads equal the unfused tfjs ops`, async () => {
        const seed = members * 100 + xMembers * 10 + n;
        const x = seededTensor([xMembers, n, k], seed, 2) as tf.Tensor3D, w = seededTensor([members, k, m], seed + 1, 2 / Math.sqrt(k)) as tf.Tensor3D;
        const b = seededTensor([members, m], seed + 2, 0.5) as tf.Tensor2D, r = seededTensor([members, n, m], seed + 3);
        const loss = (f: typeof reference) => (a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(f(a, c, d, activation), r));
        const names = await kernelsRun(() => tf.grads(loss(fusedDenseStacked as typeof reference))([x, w, b]));
        expect(names).toEqual(expect.arrayContaining([HEPUQ_FUSED_DENSE_STACKED, HEPUQ_DENSE_BACKWARD_STACKED]));
        tf.tidy(() => {
          expectClose(fusedDenseStacked(x, w, b, activation), reference(x, w, b, activation), RTOL, 'y');
          const got = tf.grads(loss(fusedDenseStacked as typeof reference))([x, w, b]);
          const want = tf.grads(loss(reference))([x, w, b]);
          ['dx', 'dW', 'db'].forEach((name, i) => expectClose(got[i], want[i], RTOL, name));
        });
        tf.dispose([x, w, b, r]);
      });
    }
  }

  it('leaks no tensors and rejects member axes that do not fit', () => {
    const x = seededTensor([1, 9, 4], 1) as tf.Tensor3D, w = seededTensor([3, 4, 5], 2) as tf.Tensor3D, b = seededTensor([3, 5], 3) as tf.Tensor2D;
    const step = () => tf.dispose(tf.grads((a: tf.Tensor, c: tf.Tensor) => tf.sum(fusedDenseStacked(a as tf.Tensor3D, c as tf.Tensor3D, b, 'tanh')))([x, w]));
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => fusedDenseStacked(seededTensor([2, 9, 4], 4) as tf.Tensor3D, w, b)).toThrow(/do not fit/);
    tf.dispose([x, w, b]);
  });
});
