import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '@hepuq/core';
import { MIN_BIN, MIN_DERIVATIVE, rqSplineForward, rqSplineInverse, splineParamCount, type SplineShape } from './rq-spline.js';
import { affineForward, affineInverse } from './affine-coupling.js';

const shape = { bins: 6, bound: 3 };

/** Reference: the same spline written with tfjs ops for points inside the box, differentiated by tfjs autodiff. */
function referenceSpline(u: tf.Tensor1D, raw: tf.Tensor2D, { bins: k, bound }: SplineShape): { y: tf.Tensor1D; logDet: tf.Tensor1D } {
  const [w, h, d] = tf.split(raw, [k, k, k - 1], 1);
  const positions = (logits: tf.Tensor) => {
    const cum = tf.cumsum(tf.add(MIN_BIN, tf.mul(1 - MIN_BIN * k, tf.softmax(logits))), 1);
    return tf.sub(tf.mul(tf.pad(cum, [[0, 0], [1, 0]]), 2 * bound), bound);
  };
  const xk = positions(w);
  const yk = positions(h);
  const dk = tf.pad(tf.add(MIN_DERIVATIVE, tf.softplus(d)), [[0, 0], [1, 1]], 1);
  // bins from the (constant) inputs: the test points are fixed, so the one-hot is data, not a differentiable op
  const idx = tf.tidy(() => tf.sum(tf.cast(tf.greaterEqual(u.expandDims(1), xk.slice([0, 1], [-1, k - 1])), 'int32'), 1));
  const onehot = tf.oneHot(idx, k).toFloat();
  const pick = (t: tf.Tensor, from: number) => tf.sum(tf.mul(onehot, t.slice([0, from], [-1, k])), 1);
  const x0 = pick(xk, 0);
  const y0 = pick(yk, 0);
  const bw = tf.sub(pick(xk, 1), x0);
  const bh = tf.sub(pick(yk, 1), y0);
  const d0 = pick(dk, 0);
  const d1 = pick(dk, 1);
  const s = tf.div(bh, bw);
  const xi = tf.div(tf.sub(u, x0), bw);
  const t = tf.mul(xi, tf.sub(1, xi));
  const den = tf.add(s, tf.mul(tf.sub(tf.add(d1, d0), tf.mul(2, s)), t));
  const y = tf.add(y0, tf.div(tf.mul(bh, tf.add(tf.mul(s, tf.square(xi)), tf.mul(d0, t))), den));
  const dnum = tf.add(tf.add(tf.mul(d1, tf.square(xi)), tf.mul(tf.mul(2, s), t)), tf.mul(d0, tf.square(tf.sub(1, xi))));
  const logDet = tf.sub(tf.add(tf.mul(2, tf.log(s)), tf.log(dnum)), tf.mul(2, tf.log(den)));
  return { y: y as tf.Tensor1D, logDet: logDet as tf.Tensor1D };
}

describe('rational-quadratic spline', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('matches the tfjs reference in value and in both gradients', () => {
    const n = 64;
    const u = tf.randomUniform([n], -2.95, 2.95, 'float32', 1) as tf.Tensor1D;
    const raw = tf.randomNormal([n, splineParamCount(6)], 0, 1.5, 'float32', 2) as tf.Tensor2D;
    const a = tf.randomNormal([n], 0, 1, 'float32', 3);
    const c = tf.randomNormal([n], 0, 1, 'float32', 4);
    const loss = (f: typeof referenceSpline) => (uu: tf.Tensor, rr: tf.Tensor) => {
      const { y, logDet } = f(uu as tf.Tensor1D, rr as tf.Tensor2D, shape);
      return tf.sum(tf.add(tf.mul(a, y), tf.mul(c, logDet)));
    };
    const ours = tf.grads(loss(rqSplineForward))([u, raw]);
    const ref = tf.grads(loss(referenceSpline))([u, raw]);
    const rel = (x: tf.Tensor, y: tf.Tensor) => tf.max(tf.abs(tf.sub(x, y))).dataSync()[0] / tf.max(tf.abs(y)).dataSync()[0];
    expect(rel(rqSplineForward(u, raw, shape).y, referenceSpline(u, raw, shape).y)).toBeLessThan(1e-5);
    expect(rel(rqSplineForward(u, raw, shape).logDet, referenceSpline(u, raw, shape).logDet)).toBeLessThan(1e-4);
    // float32 reference against float64 adjoint: agreement to ~1e-4 of the largest gradient
    expect(rel(ours[0], ref[0])).toBeLessThan(1e-4);
    expect(rel(ours[1], ref[1])).toBeLessThan(1e-4);
  });

  it('is monotone, inverts exactly and is the identity outside the box', () => {
    const n = 400;
    const u = tf.linspace(-3.5, 3.5, n) as tf.Tensor1D;
    const raw = tf.tile(tf.randomNormal([1, splineParamCount(6)], 0, 1.5, 'float32', 3), [n, 1]) as tf.Tensor2D;
    const { y, logDet } = rqSplineForward(u, raw, shape);
    const back = rqSplineInverse(y, raw, shape).dataSync();
    const [yv, uv, ld] = [y.dataSync(), u.dataSync(), logDet.dataSync()];
    // float64 root of the quadratic, stored as float32 on [-3.5, 3.5]: ~1e-6 absolute
    for (let i = 0; i < n; i++) expect(Math.abs(back[i] - uv[i])).toBeLessThan(1e-5);
    for (let i = 1; i < n; i++) expect(yv[i]).toBeGreaterThan(yv[i - 1]);
    for (let i = 0; i < n; i++) {
      if (Math.abs(uv[i]) >= 3) {
        expect(Math.abs(ld[i])).toBe(0);
        expect(yv[i]).toBe(uv[i]);
      }
    }
  });

  it('affine coupling inverts exactly', () => {
    const u = tf.randomNormal([50], 0, 2, 'float32', 6) as tf.Tensor1D;
    const raw = tf.randomNormal([50, 2], 0, 3, 'float32', 7) as tf.Tensor2D;
    const back = affineInverse(affineForward(u, raw).y, raw).dataSync();
    const uv = u.dataSync();
    for (let i = 0; i < 50; i++) expect(back[i]).toBeCloseTo(uv[i], 4);
  });
});
