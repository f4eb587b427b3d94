import * as tf from '@tensorflow/tfjs';
import { WasmHeap, type WasmBackendLike } from '../wasm/wasm-heap.js';
import { perEventNll } from './gaussian-nll.kernel.js';
import { kernelAvailable } from './kernel-available.js';

export const HEPUQ_GAUSSIAN_NLL_HEAD = 'HepuqGaussianNllHead';

/** A soft bound lo < log sigma < hi on the head's raw log sigma (`@hepuq/nn`'s `softBound`). */
export interface LogSigmaSoftBound {
  lo: number;
  hi: number;
}

export interface GaussianNllHeadAttrs extends tf.NamedAttrMap {
  bounded: boolean;
  lo: number;
  hi: number;
  /** The sum over events is divided by this (the number of events for a mean). */
  norm: number;
}

/** Loss and dL/dhead in one pass over the raw [n, 2T] head. Inputs {head, y, w}; outputs [L, dL/dhead]. */
export const gaussianNllHeadWasm: tf.KernelConfig = {
  kernelName: HEPUQ_GAUSSIAN_NLL_HEAD,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { head, y, w } = inputs as Record<'head' | 'y' | 'w', tf.TensorInfo>;
    const { bounded, lo, hi, norm } = attrs as GaussianNllHeadAttrs;
    const [n, t2] = head.shape;
    const t = t2 / 2;
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const loss = heap.output([]), dhead = heap.output([n, t2]);
    const p = heap.ptr(head);
    heap.kernels.gaussianNll(p, p + 4 * t, heap.ptr(y), heap.ptr(w), n, t, t2, loss.ptr, dhead.ptr, dhead.ptr + 4 * t, t2, bounded ? 1 : 0, lo, hi, norm);
    return [loss.info, dhead.info];
  },
};

export const gaussianNllHeadGradient: tf.GradConfig = {
  kernelName: HEPUQ_GAUSSIAN_NLL_HEAD,
  inputsToSave: ['head', 'y', 'w'],
  outputsToSave: [false, true],
  gradFunc: (dL, saved, attrs) => {
    const [head, y, w, dhead] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor, tf.Tensor2D];
    const upstream = (dL as tf.Tensor[])[0]; // one upstream gradient per output; only the loss's is used
    const t = head.shape[1] / 2;
    return {
      head: () => tf.mul(upstream, dhead),
      y: () => tf.neg(tf.mul(upstream, tf.slice(dhead, [0, 0], [-1, t]))),
      w: () => tf.tidy(() => {
        const { mu, logSigma } = splitHead(head, attrs as GaussianNllHeadAttrs);
        return tf.reshape(tf.mul(upstream, tf.div(perEventNll(y, mu, logSigma), (attrs as GaussianNllHeadAttrs).norm)), w.shape);
      }),
    };
  },
};

/** mu = head[:, :T] and log sigma = (bounded) head[:, T:], with plain ops. */
function splitHead(head: tf.Tensor2D, { bounded, lo, hi }: GaussianNllHeadAttrs): { mu: tf.Tensor2D; logSigma: tf.Tensor2D } {
  const t = head.shape[1] / 2;
  const raw = tf.slice(head, [0, t], [-1, t]);
  const logSigma = bounded ? tf.add(lo, tf.softplus(tf.sub(tf.sub(hi, tf.softplus(tf.sub(hi, raw))), lo))) : raw;
  return { mu: tf.slice(head, [0, 0], [-1, t]), logSigma: logSigma as tf.Tensor2D };
}

/**
 * The weighted Gaussian NLL of a raw [n, 2T] network head (columns: T means, then T raw log sigmas,
 * soft-bounded to (lo, hi) by `bound` as `@hepuq/nn`'s `softBound` does): the loss and its gradient
 * with respect to the whole head in one kernel, so neither the head's slices nor the bound cost ops.
 * Equal to `gaussianNll(y, mu, softBound(raw), w)`; with `norm` the weighted sum over events is
 * divided by `norm` instead of n (e.g. the batch size of one member for a sum over stacked members).
 * @example const loss = gaussianNllHead(y, fusedDense(h, w3, b3), w, { lo: LOG_SIGMA_MIN, hi: LOG_SIGMA_MAX })
 */
export function gaussianNllHead(y: tf.Tensor2D, head: tf.Tensor2D, w?: tf.Tensor, bound?: LogSigmaSoftBound, norm = head.shape[0]): tf.Scalar {
  const [n, t2] = head.shape;
  if (head.rank !== 2 || t2 % 2 !== 0 || y.rank !== 2 || y.shape[0] !== n || y.shape[1] !== t2 / 2 || (w && w.size !== n) || (bound && !(bound.lo < bound.hi)) || !(norm > 0)) {
    throw new RangeError(`gaussianNllHead: y [${y.shape}], head [${head.shape}]${w ? `, w [${w.shape}]` : ''}${bound ? `, bound (${bound.lo}, ${bound.hi})` : ''}, norm ${norm} do not fit a [n, 2T] head for [n, T] targets, one weight per event, lo < hi and norm > 0`);
  }
  const attrs: GaussianNllHeadAttrs = { bounded: bound !== undefined, lo: bound?.lo ?? 0, hi: bound?.hi ?? 0, norm };
  const weights = w ?? tf.ones([n]);
  try {
    if (kernelAvailable(HEPUQ_GAUSSIAN_NLL_HEAD, [head, y, weights])) {
      const [loss, dhead] = tf.engine().runKernel(HEPUQ_GAUSSIAN_NLL_HEAD, { head, y, w: weights }, attrs) as tf.Tensor[];
      dhead.dispose(); // the gradient keeps its own reference
      return loss as tf.Scalar;
    }
    return tf.tidy(() => {
      const { mu, logSigma } = splitHead(head, attrs);
      return tf.div(tf.sum(tf.mul(perEventNll(y, mu, logSigma), tf.reshape(weights, [n]))), norm);
    });
  } finally {
    if (!w) weights.dispose();
  }
}
