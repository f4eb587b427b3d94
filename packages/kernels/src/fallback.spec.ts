import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, applyActivation } from './activation.js';
import { adamUpdate } from './kernels/adam-update.kernel.js';
import { denseBackward } from './kernels/dense-backward.kernel.js';
import { denseBackwardStacked, fusedDenseStacked } from './kernels/fused-dense-stacked.kernel.js';
import { fusedDense } from './kernels/fused-dense.kernel.js';
import { gaussianNll } from './kernels/gaussian-nll.kernel.js';
import { hepuqKernelsActive, registerHepuqKernels } from './register-kernels.js';
import { buildWasm, expectClose, kernelsRun, seededTensor } from './spec-helpers.js';

// On the cpu backend (as on tfjs-node) nothing registers and every op is plain tfjs ops. The
// fallback does the reference's operations (for linear and relu fused by tfjs into one kernel), so
// forward values and gradients (the fallback's backward ops, and tfjs autograd through the fallback
// itself, vs tfjs autograd of the reference) agree to float32 rounding: 1e-6.
describe('fallback on a backend without the kernels (cpu)', () => {
  beforeAll(async () => {
    buildWasm();
    await tf.setBackend('cpu');
    expect(await registerHepuqKernels()).toBe(false);
    expect(hepuqKernelsActive()).toBe(false);
  });

  for (const activation of ACTIVATIONS) {
    it(`fusedDense ${activation}: the unfused ops and their gradients`, async () => {
      const x = seededTensor([9, 5], 1) as tf.Tensor2D, w = seededTensor([5, 6], 2) as tf.Tensor2D;
      const b = seededTensor([6], 3) as tf.Tensor1D, r = seededTensor([9, 6], 4) as tf.Tensor2D;
      // tfjs's fused matmul where its gradient supports the activation, separate ops elsewhere
      expect(await kernelsRun(() => fusedDense(x, w, b, activation))).toContain(activation === 'linear' || activation === 'relu' ? '_FusedMatMul' : 'BatchMatMul');
      tf.tidy(() => {
        const ref = applyActivation(tf.add(tf.matMul(x, w), b), activation) as tf.Tensor2D;
        expectClose(fusedDense(x, w, b, activation), ref, 1e-6, 'y');
        const want = tf.grads((a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(applyActivation(tf.add(tf.matMul(a, c), d), activation), r)))([x, w, b]);
        const got = denseBackward(r, x, w, ref, activation);
        const autograd = tf.grads((a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(fusedDense(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D, activation), r)))([x, w, b]);
        for (const [name, g, i] of [['dx', got.dx, 0], ['dW', got.dw, 1], ['db', got.db, 2]] as const) {
          expectClose(g, want[i], 1e-6, name);
          expectClose(autograd[i], want[i], 1e-6, `autograd ${name}`);
        }
      });
      tf.dispose([x, w, b, r]);
    });
  }

  it('fusedDenseStacked with a shared x: the unfused ops and their gradients', () => {
    const x = seededTensor([1, 9, 5], 1) as tf.Tensor3D, w = seededTensor([3, 5, 6], 2) as tf.Tensor3D;
    const b = seededTensor([3, 6], 3) as tf.Tensor2D, r = seededTensor([3, 9, 6], 4) as tf.Tensor3D;
    tf.tidy(() => {
      const forward = (a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.tanh(tf.add(tf.matMul(tf.tile(a, [3, 1, 1]), c), tf.expandDims(d, 1))) as tf.Tensor3D;
      const y = fusedDenseStacked(x, w, b, 'tanh');
      expectClose(y, forward(x, w, b), 0, 'y');
      const want = tf.grads((a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(forward(a, c, d), r)))([x, w, b]);
      const got = denseBackwardStacked(r, x, w, y, 'tanh');
      expectClose(got.dx, want[0], 1e-6, 'dx');
      expectClose(got.dw, want[1], 1e-6, 'dW');
      expectClose(got.db, want[2], 1e-6, 'db');
    });
    tf.dispose([x, w, b, r]);
  });

  it('gaussianNll and adamUpdate run as plain ops', async () => {
    const y = seededTensor([6, 2], 5) as tf.Tensor2D, mu = seededTensor([6, 2], 6) as tf.Tensor2D, s = seededTensor([6, 2], 7) as tf.Tensor2D;
    const m = tf.zeros([12]), v = tf.zeros([12]);
    const names = await kernelsRun(() => {
      const next = adamUpdate([y], [mu], m, v, { alpha: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
      return [gaussianNll(y, mu, s), ...next.params, next.m, next.v];
    });
    expect(names.filter((n) => n.startsWith('Hepuq'))).toEqual([]);
    tf.dispose([y, mu, s, m, v]);
  });
});
