import * as tf from '@tensorflow/tfjs';
import { WasmHeap, type WasmBackendLike } from '../wasm/wasm-heap.js';
import { kernelAvailable } from './kernel-available.js';

export const HEPUQ_GAUSSIAN_NLL = 'HepuqGaussianNll';

/**
 * Loss and both gradients in one pass: outputs [L, dL/dmu, dL/dlogSigma]; the op returns L and the
 * gradient multiplies the saved dL/dmu, dL/dlogSigma by the upstream scalar. Inputs {mu, logSigma, y, w}.
 */
export const gaussianNllWasm: tf.KernelConfig = {
  kernelName: HEPUQ_GAUSSIAN_NLL,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const { mu, logSigma, y, w } = inputs as Record<'mu' | 'logSigma' | 'y' | 'w', tf.TensorInfo>;
    const [n, t] = mu.shape;
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const loss = heap.output([]), dmu = heap.output([n, t]), ds = heap.output([n, t]);
    heap.kernels.gaussianNll(heap.ptr(mu), heap.ptr(logSigma), heap.ptr(y), heap.ptr(w), n, t, t, loss.ptr, dmu.ptr, ds.ptr, t, 0, 0, 0, n);
    return [loss.info, dmu.info, ds.info];
  },
};

export const gaussianNllGradient: tf.GradConfig = {
  kernelName: HEPUQ_GAUSSIAN_NLL,
  inputsToSave: ['mu', 'logSigma', 'y', 'w'],
  outputsToSave: [false, true, true],
  gradFunc: (dL, saved) => {
    const [mu, logSigma, y, w, dmu, ds] = saved;
    // a multi-output kernel gets one upstream gradient per output; only the loss's is used
    const upstream = (dL as tf.Tensor[])[0];
    return {
      mu: () => tf.mul(upstream, dmu),
      logSigma: () => tf.mul(upstream, ds),
      y: () => tf.neg(tf.mul(upstream, dmu)),
      // dL/dw_i = (per-event NLL_i) / n: rarely wanted (weights are data), so plain ops
      w: () => tf.tidy(() => tf.reshape(tf.mul(upstream, tf.div(perEventNll(y, mu, logSigma), mu.shape[0])), w.shape)),
    };
  },
};

/** sum_t [ (y - mu)^2 e^{-2 s} / 2 + s ] per event. */
export function perEventNll(y: tf.Tensor, mu: tf.Tensor, logSigma: tf.Tensor): tf.Tensor {
  return tf.sum(tf.add(tf.mul(tf.square(tf.sub(y, mu)), tf.mul(0.5, tf.exp(tf.mul(-2, logSigma)))), logSigma), -1);
}

/**
 * Weighted diagonal-Gaussian NLL (1/n) sum_i w_i sum_t [ (y_it - mu_it)^2 / (2 sigma_it^2) + log sigma_it ]
 * (the constant omitted; equal to `@hepuq/nn`'s `diagGaussianNll`): y, mu, logSigma [n, T], w [n] or
 * [n, 1] (default all ones). On wasm one kernel computes the loss and its gradients together.
 * @example const loss = gaussianNll(y, out.slice([0, 0], [-1, 1]), logSigma, w)
 */
export function gaussianNll(y: tf.Tensor2D, mu: tf.Tensor2D, logSigma: tf.Tensor2D, w?: tf.Tensor): tf.Scalar {
  const [n, t] = mu.shape;
  if (mu.rank !== 2 || !sameShape(y, mu) || !sameShape(logSigma, mu) || (w && w.size !== n)) {
    throw new RangeError(`gaussianNll: y [${y.shape}], mu [${mu.shape}], logSigma [${logSigma.shape}]${w ? `, w [${w.shape}]` : ''} do not fit [n, T] with one weight per event`);
  }
  const weights = w ?? tf.ones([n]);
  try {
    if (kernelAvailable(HEPUQ_GAUSSIAN_NLL, [mu, logSigma, y, weights]) && t > 0) {
      const [loss, dmu, ds] = tf.engine().runKernel(HEPUQ_GAUSSIAN_NLL, { mu, logSigma, y, w: weights }, {}) as tf.Tensor[];
      dmu.dispose(); // the gradient keeps its own references
      ds.dispose();
      return loss as tf.Scalar;
    }
    return tf.tidy(() => tf.mean(tf.mul(perEventNll(y, mu, logSigma), tf.reshape(weights, [n]))));
  } finally {
    if (!w) weights.dispose();
  }
}

function sameShape(a: tf.Tensor, b: tf.Tensor): boolean {
  return a.rank === b.rank && a.shape.every((d, i) => d === b.shape[i]);
}
