import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyActivation } from './activation.js';
import { adamUpdate } from './kernels/adam-update.kernel.js';
import { fusedDense } from './kernels/fused-dense.kernel.js';
import { gaussianNllHead } from './kernels/gaussian-nll-head.kernel.js';
import { seededTensor, useWasmKernels } from './spec-helpers.js';

const LR = 1e-3;
const STEPS = 10;
const BOUND = { lo: Math.log(1e-3), hi: Math.log(1e3) };

type Forward = (vars: tf.Variable[], x: tf.Tensor2D) => tf.Tensor2D;
type Loss = (y: tf.Tensor2D, head: tf.Tensor2D, w: tf.Tensor) => tf.Scalar;

const fused: Forward = (vars, x) => vars.reduce((h, _, i) => (i % 2 ? h : fusedDense(h, vars[i] as tf.Tensor2D, vars[i + 1] as tf.Tensor1D, i < vars.length - 2 ? 'tanh' : 'linear')), x);
const unfused: Forward = (vars, x) => vars.reduce((h, _, i) => (i % 2 ? h : applyActivation(tf.add(tf.matMul(h, vars[i]), vars[i + 1]), i < vars.length - 2 ? 'tanh' : 'linear') as tf.Tensor2D), x);
const fusedLoss: Loss = (y, head, w) => gaussianNllHead(y, head, w, BOUND);
const unfusedLoss: Loss = (y, head, w) => {
  const mu = tf.slice(head, [0, 0], [-1, 1]), raw = tf.slice(head, [0, 1], [-1, 1]);
  const s = tf.add(BOUND.lo, tf.softplus(tf.sub(tf.sub(BOUND.hi, tf.softplus(tf.sub(BOUND.hi, raw))), BOUND.lo)));
  return tf.mean(tf.mul(tf.sum(tf.add(tf.mul(tf.square(tf.sub(y, mu)), tf.mul(0.5, tf.exp(tf.mul(-2, s)))), s), -1), w));
};

/** STEPS Adam steps of a 5 -> 16 -> 16 -> 2 tanh MLP on one batch; returns the final parameters. */
function train(forward: Forward, loss: Loss): Float32Array[] {
  const shapes = [[5, 16], [16], [16, 16], [16], [16, 2], [2]];
  const vars = shapes.map((s, i) => tf.variable(seededTensor(s, 10 + i, 0.5)));
  const x = seededTensor([37, 5], 1) as tf.Tensor2D, y = seededTensor([37, 1], 2) as tf.Tensor2D, w = tf.add(seededTensor([37], 3, 0.5), 1);
  let m = tf.zeros([vars.reduce((a, v) => a + v.size, 0)]), v = tf.zeros(m.shape);
  for (let t = 1; t <= STEPS; t++) {
    const alpha = (LR * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
    const next = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => loss(y, forward(vars, x), w), vars);
      const s = adamUpdate(vars, vars.map((p) => grads[p.name]), m, v, { alpha, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
      s.params.forEach((p, i) => vars[i].assign(p));
      return { m: s.m, v: s.v };
    });
    tf.dispose([m, v]);
    ({ m, v } = next);
  }
  const out = vars.map((p) => p.dataSync() as Float32Array);
  tf.dispose([...vars, x, y, w, m, v]);
  return out;
}

describe('a training step from the fused kernels', () => {
  beforeAll(useWasmKernels);

  // Each step moves a parameter by at most ~LR (Adam's step is normalised); the fused and unfused
  // gradients differ by ~1e-6 relative, which moves m/sqrt(v) by about as much, so after 10 steps the
  // parameters agree to about one float32 ulp (6e-8 measured). We allow LR/100 = 1e-5: far below one
  // step, so a wrong gradient (which turns a step around or resizes it) fails.
  it('follows the same trajectory as tfjs ops (10 Adam steps, tanh MLP, bounded Gaussian NLL)', () => {
    const got = train(fused, fusedLoss), want = train(unfused, unfusedLoss);
    let worst = 0;
    got.forEach((p, i) => p.forEach((value, j) => { worst = Math.max(worst, Math.abs(value - want[i][j])); }));
    expect(worst).toBeLessThan(LR / 100);
    // and training moved the parameters by many steps' worth, so the comparison is not vacuous
    const init = seededTensor([5, 16], 10, 0.5);
    let moved = 0;
    init.dataSync().forEach((value, j) => { moved = Math.max(moved, Math.abs(got[0][j] - value)); });
    init.dispose();
    expect(moved).toBeGreaterThan(5 * LR);
  });
});
