import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATIONS, applyActivation, type Activation } from '../activation.js';
import { expectClose, kernelsRun, seededTensor, useWasmKernels } from '../spec-helpers.js';
import { denseBackward, HEPUQ_DENSE_BACKWARD } from './dense-backward.kernel.js';
import { fusedDense, HEPUQ_FUSED_DENSE } from './fused-dense.kernel.js';

// Tolerance: each output is a float32 sum of k <= 64 products (forward, dx) or n <= 256 (dW, db),
// summed in a different order than XNNPACK's; that differs by ~ u sqrt(K) * (largest partial sum)
// <= 6e-8 * 16 * max|ref| ~ 1e-6 max|ref|. Transcendentals (AssemblyScript's musl ports vs tfjs's)
// differ by ~1 ulp. We allow 1e-5 max|ref|: 10x the expected worst case, still far below any
// real error (a wrong index or missing term is O(max|ref|)).
const RTOL = 1e-5;

// [n, k, m]: every tile path of the gemm (4x8, 4x4, 4x1, 1x8, 1x4, 1x1), batch 1 and one output
const SHAPES: [number, number, number][] = [[256, 64, 64], [256, 20, 64], [1, 20, 64], [7, 13, 5], [5, 3, 1], [33, 9, 17], [4, 8, 12], [2, 1, 3]];

/** The unfused computation the kernel replaces. */
function reference(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, activation: Activation): tf.Tensor2D {
  return applyActivation(tf.add(tf.matMul(x, w), b), activation) as tf.Tensor2D;
}

function inputs([n, k, m]: [number, number, number], seed: number): [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D] {
  return [
    seededTensor([n, k], seed, 2) as tf.Tensor2D,
    seededTensor([k, m], seed + 1, 1 / Math.sqrt(k) * 2) as tf.Tensor2D,
    seededTensor([m], seed + 2, 0.5) as tf.Tensor1D,
    seededTensor([n, m], seed + 3) as tf.Tensor2D, // dL/dy for the gradient checks
  ];
}

describe('HepuqFusedDense on the wasm backend', () => {
  beforeAll(useWasmKernels);

  it('runs as one fused kernel forward and one backward', async () => {
    const [x, w, b, r] = inputs([8, 4, 8], 1);
    const names = await kernelsRun(() => tf.grads((a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(fusedDense(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D, 'relu'), r)))([x, w, b]));
    expect(names).toContain(HEPUQ_FUSED_DENSE);
    expect(names).toContain(HEPUQ_DENSE_BACKWARD);
    expect(names).not.toContain('BatchMatMul');
    tf.dispose([x, w, b, r]);
  });

  for (const activation of ACTIVATIONS) {
    for (const shape of SHAPES) {
      it(`${activation} [${shape}]: forward and tf.grads equal the unfused tfjs ops`, () => {
        const [x, w, b, r] = inputs(shape, shape[0] * 1000 + shape[1] * 10 + shape[2]);
        tf.tidy(() => {
          expectClose(fusedDense(x, w, b, activation), reference(x, w, b, activation), RTOL, 'y');
          const loss = (f: typeof reference) => (a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D, activation), r));
          const got = tf.grads(loss(fusedDense))([x, w, b]);
          const want = tf.grads(loss(reference))([x, w, b]);
          ['dx', 'dW', 'db'].forEach((name, i) => expectClose(got[i], want[i], RTOL, name));
        });
        tf.dispose([x, w, b, r]);
      });
    }
  }

  it('denseBackward on its own equals the gradients of the unfused ops', () => {
    const [x, w, b, dy] = inputs([37, 11, 6], 7);
    tf.tidy(() => {
      const y = fusedDense(x, w, b, 'tanh');
      const { dx, dw, db } = denseBackward(dy, x, w, y, 'tanh');
      const want = tf.grads((a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(reference(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D, 'tanh'), dy)))([x, w, b]);
      expectClose(dx, want[0], RTOL, 'dx');
      expectClose(dw, want[1], RTOL, 'dW');
      expectClose(db, want[2], RTOL, 'db');
    });
    tf.dispose([x, w, b, dy]);
  });

  it('leaks no tensors over many forward and backward calls', () => {
    const [x, w, b, r] = inputs([19, 10, 9], 3);
    const step = () => tf.tidy(() => tf.grads((a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) => tf.sum(tf.mul(fusedDense(a as tf.Tensor2D, c as tf.Tensor2D, d as tf.Tensor1D, 'elu'), r)))([x, w, b]));
    tf.dispose(step()); // warm-up (tfjs caches scalars on first use)
    const before = tf.memory();
    for (let i = 0; i < 200; i++) tf.dispose(step());
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    tf.dispose([x, w, b, r]);
  });

  it('reads the right data after the heap grows between calls', () => {
    const memory = (tf.backend() as unknown as { wasm: { asm: { memory: WebAssembly.Memory } } }).wasm.asm.memory;
    const [x, w, b, r] = inputs([64, 20, 64], 11);
    const y0 = fusedDense(x, w, b, 'sigmoid');
    const g0 = tf.grads((c: tf.Tensor) => tf.sum(tf.mul(fusedDense(x, c as tf.Tensor2D, b, 'sigmoid'), r)))([w]);
    const before = memory.buffer.byteLength;
    // a tensor larger than the whole heap forces Emscripten to grow it (its ArrayBuffer is replaced)
    const big = tf.fill([before / 4 + 1_000_000], 3);
    expect(memory.buffer.byteLength).toBeGreaterThan(before);
    const y1 = fusedDense(x, w, b, 'sigmoid');
    const g1 = tf.grads((c: tf.Tensor) => tf.sum(tf.mul(fusedDense(x, c as tf.Tensor2D, b, 'sigmoid'), r)))([w]);
    expect(Array.from(y1.dataSync())).toEqual(Array.from(y0.dataSync()));
    expect(Array.from(g1[0].dataSync())).toEqual(Array.from(g0[0].dataSync()));
    expect(tf.sum(big).dataSync()[0]).toBe(3 * big.size); // and the kernels wrote nothing into it
    tf.dispose([x, w, b, r, y0, y1, big, ...g0, ...g1]);
  });

  it('rejects shapes that do not fit and unknown activations', () => {
    const [x, w, b] = inputs([4, 3, 2], 5);
    expect(() => fusedDense(x, tf.transpose(w), b)).toThrow(/do not fit/);
    expect(() => fusedDense(x, w, b, 'gelu' as Activation)).toThrow(/not one of/);
    tf.dispose([x, w, b]);
  });
});
