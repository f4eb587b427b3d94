import * as tf from '@tensorflow/tfjs';
import { boundLogSigma, softBoundWithSlope, type LogSigmaBound } from '@hepuq/nn';
import { outputColumns, type RegressionHead } from './head.js';

/**
 * Weighted diagonal-Gaussian NLL of raw outputs [B, 2T] = (mu_0..mu_{T-1}, log sigma_0..log sigma_{T-1})
 * against targets y [B, T], as one custom-gradient op:
 * (1/B) sum_i w_i sum_t [ (y_it - mu_it)^2 / (2 sigma_it^2) + log sigma_it ], log sigma = b(raw) the
 * soft bound of @hepuq/nn (`softBound`), exactly as `diagGaussianNll` of `gaussianHeadColumns` (to
 * which the spec compares value and gradient). Backward: dmu = -w r e^{-2 b} / B,
 * draw = w (1 - r^2 e^{-2 b}) b'(raw) / B — the same kernels for any T (every op runs on [T, B]
 * rows), far fewer than op-by-op autodiff.
 */
export function gaussianNll(out: tf.Tensor2D, y: tf.Tensor2D, w: tf.Tensor1D): tf.Scalar {
  const [b, k] = out.shape;
  const t = k / 2;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [o, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    // [T, B] each: target t's events are one contiguous row
    const [mu, ls] = outputColumns(o, [t, t]);
    const { value: lsb, slope } = softBoundWithSlope(ls);
    const inv = tf.exp(tf.mul(lsb, -2));
    const r = tf.sub(t === 1 ? y.reshape([1, b]) : tf.transpose(y), mu);
    const wr = w.reshape([1, b]);
    const perEvent = tf.add(tf.mul(tf.mul(tf.square(r), inv), 0.5), lsb);
    save([r, inv, wr, slope]);
    return {
      value: tf.div(tf.sum(tf.mul(perEvent, wr)), b) as tf.Scalar,
      gradFunc: (dy: tf.Scalar, [rs, invs, ws, slopes]: tf.Tensor[]) => {
        const c = tf.mul(ws, tf.div(dy, b));
        const rInv = tf.mul(rs, invs);
        const dMu = tf.neg(tf.mul(c, rInv));
        const dLs = tf.mul(tf.mul(c, tf.sub(1, tf.mul(rs, rInv))), slopes);
        return tf.transpose(tf.concat([dMu, dLs], 0));
      },
    };
  });
  return op(out) as tf.Scalar;
}

/**
 * Heteroscedastic Gaussian head on T targets (a diagonal Gaussian): outputs mu_0..mu_{T-1}, then
 * log sigma_0..log sigma_{T-1} (for T = 1 the (mu, log sigma) pair), NLL sum_t |y_t - mu_t|^2 /
 * (2 sigma_t^2) + log sigma_t (`gaussianNll`; log sigma soft-bounded to (log 1e-3, log 1e3) in
 * standardised target units by @hepuq/nn's `softBound`; a model saved before it predicts with its
 * `bound`, the hard clip it was trained with). Per draw the moments are mu_t and sigma_t^2, [R, T, n].
 * @example gaussianHead(2).outputs // 4
 */
export function gaussianHead(targets = 1, bound: LogSigmaBound = 'soft'): RegressionHead {
  return {
    kind: 'gaussian',
    outputs: 2 * targets,
    nll(out, y, w) {
      return gaussianNll(out, y, w);
    },
    drawMoments(out) {
      // [T, R, n] per column group, then [R, T, n]
      const [mu, logSigma] = outputColumns(out, [targets, targets]);
      const sigma = tf.exp(boundLogSigma(logSigma, bound));
      return { mean: tf.transpose(mu, [1, 0, 2]), variance: tf.transpose(tf.square(sigma), [1, 0, 2]) };
    },
  };
}
