import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelsRun, seededTensor, useWasmKernels } from '../spec-helpers.js';
import { adamUpdate, HEPUQ_ADAM_UPDATE, type AdamUpdateAttrs } from './adam-update.kernel.js';

const ATTRS: AdamUpdateAttrs = { alpha: 1e-3 * Math.sqrt(1 - 0.999 ** 3) / (1 - 0.9 ** 3), beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** FlatAdam's tfjs ops on the concatenated vectors (`@hepuq/nn`), the reference. */
function reference(params: tf.Tensor[], grads: tf.Tensor[], m: tf.Tensor, v: tf.Tensor, { alpha, beta1, beta2, epsilon }: AdamUpdateAttrs): tf.Tensor[] {
  const p = tf.concat(params.map((t) => tf.reshape(t, [-1]))), g = tf.concat(grads.map((t) => tf.reshape(t, [-1])));
  const m1 = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
  const v1 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
  return [tf.sub(p, tf.mul(tf.div(m1, tf.add(tf.sqrt(v1), epsilon)), alpha)), m1, v1];
}

function state(shapes: number[][], seed: number) {
  const params = shapes.map((s, i) => seededTensor(s, seed + i));
  const grads = shapes.map((s, i) => seededTensor(s, seed + 100 + i, 0.1));
  const total = params.reduce((a, p) => a + p.size, 0);
  return { params, grads, m: seededTensor([total], seed + 200, 0.01), v: tf.abs(seededTensor([total], seed + 300, 1e-4)) };
}

describe('HepuqAdamUpdate on the wasm backend', () => {
  beforeAll(useWasmKernels);

  // Tolerance: none. The kernel does the reference's float32 operations in the same order, and each
  // (add, mul, div, sqrt) is correctly rounded in IEEE 754 (wasm SIMD and tfjs alike), so the results
  // are bit-identical; any difference is a bug.
  const cases: [string, number[][]][] = [['one scalar', [[1]]], ['3 values', [[3]]], ['an MLP 20-3x64-2', [[20, 64], [64], [64, 64], [64], [64, 64], [64], [64, 2], [2]]], ['odd sizes', [[7], [5, 3], [1], [4419]]]];
  for (const [label, shapes] of cases) {
    it(`${label}: parameters and moments bit-identical to FlatAdam's tfjs ops`, async () => {
      const { params, grads, m, v } = state(shapes, shapes.length);
      expect(await kernelsRun(() => { const s = adamUpdate(params, grads, m, v, ATTRS); return [...s.params, s.m, s.v]; })).toContain(HEPUQ_ADAM_UPDATE);
      const got = adamUpdate(params, grads, m, v, ATTRS);
      const want = tf.tidy(() => reference(params, grads, m, v, ATTRS));
      got.params.forEach((p, i) => expect(p.shape).toEqual(params[i].shape));
      const flat = tf.concat(got.params.map((t) => tf.reshape(t, [-1])));
      [flat, got.m, got.v].forEach((t, i) => expect(Array.from(t.dataSync()), ['p', 'm', 'v'][i]).toEqual(Array.from(want[i].dataSync())));
      tf.dispose([...params, ...grads, m, v, ...got.params, got.m, got.v, flat, ...want]);
    });
  }

  it('keeps its inputs unchanged, leaks nothing and rejects mismatched sizes', () => {
    const { params, grads, m, v } = state([[5, 3], [3]], 9);
    const p0 = Array.from(params[0].dataSync());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const s = adamUpdate(params, grads, m, v, ATTRS);
      tf.dispose([...s.params, s.m, s.v]);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(params[0].dataSync())).toEqual(p0);
    expect(() => adamUpdate(params, grads.slice(1), m, v, ATTRS)).toThrow(/as many gradients/);
    tf.dispose([...params, ...grads, m, v]);
  });
});
