import * as tf from '@tensorflow/tfjs';

/**
 * Bounds on log sigma (in the units the network sees, i.e. standardised targets). Without them a
 * network that fits one point exactly drives sigma -> 0 and the loss -> -Inf. sigma in [1e-3, 1e3]
 * standard deviations of the target covers every physical use.
 */
export const LOG_SIGMA_MIN = Math.log(1e-3);
export const LOG_SIGMA_MAX = Math.log(1e3);

/**
 * Soft, differentiable bound of x to [lo, hi]: b(x) = lo + softplus(u - lo) with u = hi - softplus(hi - x),
 * the bounded log variance of PETS (Chua et al. 2018, arXiv 1805.12114). b is smooth and increasing,
 * lo < b(x) < hi + e^-(hi - lo), b(x) - x ~ e^-(x - lo) - e^-(hi - x) inside the bounds (0 in the
 * middle, 0.02 at x = lo + 4), and its slope
 * db/dx = sigmoid(hi - x) sigmoid(u - lo) is never 0: it decays like e^-(lo - x) below the bound
 * (e^-(x - hi) above), so a head whose raw log sigma ran past a bound still gets a gradient back, where a
 * hard clip gives none. Every heteroscedastic head bounds its log sigma with it.
 * @example const logSigma = softBound(raw); // LOG_SIGMA_MIN < logSigma <= LOG_SIGMA_MAX + 1e-6
 */
export function softBound<T extends tf.Tensor>(x: T, lo = LOG_SIGMA_MIN, hi = LOG_SIGMA_MAX): T {
  return tf.tidy(() => tf.add(lo, tf.softplus(tf.sub(tf.sub(hi, tf.softplus(tf.sub(hi, x))), lo))) as T);
}

/** `softBound` and its slope db/dx at once, for heads with a hand-written gradient. */
export function softBoundWithSlope<T extends tf.Tensor>(x: T, lo = LOG_SIGMA_MIN, hi = LOG_SIGMA_MAX): { value: T; slope: T } {
  return tf.tidy(() => {
    const upper = tf.sub(hi, x);
    const below = tf.sub(tf.sub(hi, tf.softplus(upper)), lo);
    return { value: tf.add(lo, tf.softplus(below)) as T, slope: tf.mul(tf.sigmoid(upper), tf.sigmoid(below)) as T };
  });
}

/**
 * How a saved model bounds its log sigma: `soft` (`softBound`, every model trained since the soft
 * bound) or `clip` (the hard clip to [LOG_SIGMA_MIN, LOG_SIGMA_MAX] that earlier models were trained
 * with, kept so that they predict what they always did).
 */
export type LogSigmaBound = 'soft' | 'clip';

/** log sigma from the raw head output by the model's bound (`LogSigmaBound`). */
export function boundLogSigma<T extends tf.Tensor>(raw: T, bound: LogSigmaBound = 'soft'): T {
  return bound === 'soft' ? softBound(raw) : tf.clipByValue(raw, LOG_SIGMA_MIN, LOG_SIGMA_MAX) as T;
}
