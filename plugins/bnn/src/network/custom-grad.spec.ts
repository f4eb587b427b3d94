import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@hepuq/core';
import { philoxNormals, registerHepuqKernels, type PhiloxStream } from '@hepuq/kernels';
import { type Activation } from '@hepuq/nn';
import { mlpFlatLayout, splitFlat } from '../variational/flat-layout.js';
import { activate } from './activation.js';
import { denseStack } from './dense-stack.js';
import { localReparamStack } from './local-reparam-stack.js';

const ACTIVATIONS: Activation[] = ['relu', 'elu', 'tanh', 'sigmoid'];
const arch = (activation: Activation) => ({ inputs: 3, hidden: [7, 5], outputs: 2, activation });
const NOISE: PhiloxStream = { key0: 11, key1: 22 };

/** The eps localReparamStack draws in its kernels under `NOISE`: layer l is stream l, [rows, fanOut] row-major. */
function streamEps(rows: number, activation: Activation): tf.Tensor2D[] {
  return mlpFlatLayout(arch(activation)).shapes.map(([, o], l) => tf.tensor2d(philoxNormals(rows * o, { ...NOISE, stream: l }), [rows, o]));
}

/** Reference local-reparameterisation pass written op by op (tfjs autodiff differentiates it). */
function localReference(mu: tf.Tensor1D, s2: tf.Tensor1D, x: tf.Tensor2D, eps: tf.Tensor2D[], activation: Activation, activateLast = false): tf.Tensor2D {
  const layout = mlpFlatLayout(arch(activation));
  const m = splitFlat(mu, layout);
  const v = splitFlat(s2, layout);
  let h = x;
  layout.shapes.forEach((_, l) => {
    const z = tf.add(tf.add(tf.matMul(h, m.W[l]), m.b[l]), tf.mul(tf.sqrt(tf.add(tf.matMul(tf.square(h), v.W[l]), v.b[l])), eps[l])) as tf.Tensor2D;
    h = l < layout.shapes.length - 1 || activateLast ? activate(z, activation) : z;
  });
  return h;
}

function denseReference(theta: tf.Tensor1D, x: tf.Tensor2D, activation: Activation, masks?: tf.Tensor[], activateLast = false): tf.Tensor2D {
  const layout = mlpFlatLayout(arch(activation));
  const p = splitFlat(theta, layout);
  let h = x;
  layout.shapes.forEach((_, l) => {
    const z = tf.add(tf.matMul(h, p.W[l]), p.b[l]) as tf.Tensor2D;
    h = l < layout.shapes.length - 1 || activateLast ? activate(z, activation) : z;
    if (masks && l < layout.shapes.length - 1) h = tf.mul(h, masks[l]) as tf.Tensor2D;
  });
  return h;
}

/** Max |a - b| / (max |b| + tiny): float32 gradients through a few layers agree to ~1e-6 relative. */
function relDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] / (tf.max(tf.abs(b)).dataSync()[0] + 1e-12));
}

describe('custom-gradient stacks', () => {
  beforeAll(async () => {
    await selectBackend();
    await registerHepuqKernels();
  });

  for (const activation of ACTIVATIONS) for (const last of [false, true]) {
    const suffix = last ? ', last layer activated as in Phi' : '';
    it(`local reparameterisation matches autodiff (${activation}${suffix})`, () => {
      const layout = mlpFlatLayout(arch(activation));
      const mu = tf.randomNormal([layout.total], 0, 0.5, 'float32', 1) as tf.Tensor1D;
      const s2 = tf.randomUniform([layout.total], 0.01, 0.2, 'float32', 2) as tf.Tensor1D;
      const x = tf.randomNormal([11, 3], 0, 1, 'float32', 3) as tf.Tensor2D;
      const eps = streamEps(11, activation);
      const target = tf.randomNormal([11, 2], 0, 1, 'float32', 4);
      const loss = (f: typeof localReference) => (m: tf.Tensor, s: tf.Tensor) =>
        tf.sum(tf.mul(f(m as tf.Tensor1D, s as tf.Tensor1D, x, eps, activation), target));
      const custom = tf.grads(loss((m, s, xx, e, a) => localReparamStack(m, s, xx, NOISE, layout, a, last)))([mu, s2]);
      const ref = tf.grads(loss((m, s, xx, e, a) => localReference(m, s, xx, e, a, last)))([mu, s2]);
      const outCustom = localReparamStack(mu, s2, x, NOISE, layout, activation, last);
      const outRef = localReference(mu, s2, x, eps, activation, last);
      expect(relDiff(outCustom, outRef)).toBeLessThan(1e-5);
      expect(relDiff(custom[0], ref[0])).toBeLessThan(1e-5);
      expect(relDiff(custom[1], ref[1])).toBeLessThan(1e-5);
      tf.dispose([mu, s2, x, ...eps, target, ...custom, ...ref, outCustom, outRef]);
    });

    it(`dense stack with and without masks matches autodiff (${activation}${suffix})`, () => {
      const layout = mlpFlatLayout(arch(activation));
      const theta = tf.randomNormal([layout.total], 0, 0.5, 'float32', 5) as tf.Tensor1D;
      const x = tf.randomNormal([9, 3], 0, 1, 'float32', 6) as tf.Tensor2D;
      const masks = [tf.randomUniform([9, 7], 0, 2, 'float32', 7).floor(), tf.randomUniform([9, 5], 0, 2, 'float32', 8).floor()];
      const target = tf.randomNormal([9, 2], 0, 1, 'float32', 9);
      for (const m of [undefined, masks]) {
        const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(denseStack(t as tf.Tensor1D, x, layout, activation, m, last), target)))(theta);
        const r = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(denseReference(t as tf.Tensor1D, x, activation, m, last), target)))(theta);
        expect(relDiff(g, r)).toBeLessThan(1e-5);
        tf.dispose([g, r]);
      }
      tf.dispose([theta, x, ...masks, target]);
    });
  }

  it('passes the gradient on to its input when the input is another stack\'s output (inputGrad)', () => {
    const layout = mlpFlatLayout(arch('elu'));
    const mu = tf.randomNormal([layout.total], 0, 0.5, 'float32', 1) as tf.Tensor1D;
    const s2 = tf.randomUniform([layout.total], 0.01, 0.2, 'float32', 2) as tf.Tensor1D;
    const x = tf.randomNormal([6, 3], 0, 1, 'float32', 3) as tf.Tensor2D;
    const eps = streamEps(6, 'elu');
    const masks = [tf.randomUniform([6, 7], 0, 2, 'float32', 7).floor(), tf.randomUniform([6, 5], 0, 2, 'float32', 8).floor()];
    const target = tf.randomNormal([6, 2], 0, 1, 'float32', 4);
    const dot = (y: tf.Tensor) => tf.sum(tf.mul(y, target)) as tf.Scalar;
    const local = tf.grad((xx: tf.Tensor) => dot(localReparamStack(mu, s2, xx as tf.Tensor2D, NOISE, layout, 'elu', false, true)))(x);
    const localRef = tf.grad((xx: tf.Tensor) => dot(localReference(mu, s2, xx as tf.Tensor2D, eps, 'elu')))(x);
    expect(relDiff(local, localRef)).toBeLessThan(1e-5);
    const dense = tf.grad((xx: tf.Tensor) => dot(denseStack(mu, xx as tf.Tensor2D, layout, 'elu', masks, true, true)))(x);
    const denseRef = tf.grad((xx: tf.Tensor) => dot(denseReference(mu, xx as tf.Tensor2D, 'elu', masks, true)))(x);
    expect(relDiff(dense, denseRef)).toBeLessThan(1e-5);
    // and the parameter gradients stay those of the op without inputGrad
    const withInput = tf.grad((t: tf.Tensor) => dot(denseStack(t as tf.Tensor1D, x, layout, 'elu', masks, true, true)))(mu);
    const without = tf.grad((t: tf.Tensor) => dot(denseStack(t as tf.Tensor1D, x, layout, 'elu', masks, true)))(mu);
    expect(relDiff(withInput, without)).toBeLessThan(1e-6);
    tf.dispose([mu, s2, x, ...eps, ...masks, target, local, localRef, dense, denseRef, withInput, without]);
  });

  it('leaves no tensors behind in a training-style gradient step', () => {
    const layout = mlpFlatLayout(arch('relu'));
    const mu = tf.variable(tf.randomNormal([layout.total], 0, 0.5, 'float32', 1)) as tf.Variable<tf.Rank.R1>;
    const x = tf.randomNormal([4, 3]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const opt = tf.train.sgd(0.01);
    for (let i = 0; i < 3; i++) {
      opt.minimize(() => {
        return tf.sum(localReparamStack(mu, tf.mul(tf.onesLike(mu), 0.01) as tf.Tensor1D, x, { key0: i, key1: 0 }, layout, 'relu')) as tf.Scalar;
      }, false, [mu]);
    }
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([mu, x]);
  });
});
