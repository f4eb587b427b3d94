import * as tf from '@tensorflow/tfjs';
import { WasmHeap, type WasmBackendLike } from '../wasm/wasm-heap.js';
import { kernelAvailable } from './kernel-available.js';

export const HEPUQ_ADAM_UPDATE = 'HepuqAdamUpdate';

export interface AdamUpdateAttrs extends tf.NamedAttrMap {
  /** Step size with the bias corrections folded in: lr sqrt(1 - beta2^t) / (1 - beta1^t). */
  alpha: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * Inputs {p0..p(k-1), g0..g(k-1), m, v}: k parameter tensors, their gradients, and the moments of all
 * k as flat vectors (in parameter order). Outputs [p0'..p(k-1)', m', v']: one SIMD pass per parameter
 * tensor, no concatenation or splitting.
 */
export const adamUpdateWasm: tf.KernelConfig = {
  kernelName: HEPUQ_ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { alpha, beta1, beta2, epsilon } = attrs as AdamUpdateAttrs;
    const tensors = inputs as Record<string, tf.TensorInfo>;
    const k = (Object.keys(tensors).length - 2) / 2;
    const heap = new WasmHeap(backend as unknown as WasmBackendLike);
    const mOut = heap.output(tensors.m.shape), vOut = heap.output(tensors.v.shape);
    const m = heap.ptr(tensors.m), v = heap.ptr(tensors.v);
    const params: tf.TensorInfo[] = [];
    let offset = 0;
    for (let i = 0; i < k; i++) {
      const p = tensors[`p${i}`];
      const size = tf.util.sizeFromShape(p.shape);
      const out = heap.output(p.shape);
      heap.kernels.adam(heap.ptr(p), m + 4 * offset, v + 4 * offset, heap.ptr(tensors[`g${i}`]), out.ptr, mOut.ptr + 4 * offset, vOut.ptr + 4 * offset, size, alpha, beta1, 1 - beta1, beta2, 1 - beta2, epsilon);
      params.push(out.info);
      offset += size;
    }
    return [...params, mOut.info, vOut.info];
  },
};

// a type, not an interface: tf.tidy returns it (a TensorContainer needs the implicit index signature)
export type AdamState = {
  params: tf.Tensor[];
  m: tf.Tensor;
  v: tf.Tensor;
};

/**
 * One Adam step (Kingma & Ba 1412.6980, Alg. 1, bias corrections folded into alpha as in `@hepuq/nn`'s
 * FlatAdam) over parameter tensors `params` with gradients `grads` and flat moments m, v of all of them:
 * m' = b1 m + (1 - b1) g, v' = b2 v + (1 - b2) g^2, p' = p - alpha m' / (sqrt(v') + eps). Returns new
 * tensors (assign them to the variables; tfjs tensors are immutable, and a variable's data may be
 * shared with other tensors, so the kernel never writes its inputs).
 * @example const next = adamUpdate(vars, grads, m, v, { alpha, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 })
 */
export function adamUpdate(params: readonly tf.Tensor[], grads: readonly tf.Tensor[], m: tf.Tensor, v: tf.Tensor, attrs: AdamUpdateAttrs): AdamState {
  const total = params.reduce((a, p) => a + p.size, 0);
  if (grads.length !== params.length || grads.some((g, i) => g.size !== params[i].size) || m.size !== total || v.size !== total) {
    throw new RangeError(`adamUpdate: ${params.length} parameter tensors (${total} values) need as many gradients of the same sizes and moments m, v of ${total} values; got ${grads.length} gradients, m ${m.size}, v ${v.size}`);
  }
  if (params.length > 0 && kernelAvailable(HEPUQ_ADAM_UPDATE, [...params, ...grads, m, v])) {
    const inputs: tf.NamedTensorMap = { m, v };
    params.forEach((p, i) => { inputs[`p${i}`] = p; inputs[`g${i}`] = grads[i]; });
    const out = tf.engine().runKernel(HEPUQ_ADAM_UPDATE, inputs, { ...attrs }) as tf.Tensor[];
    return { params: out.slice(0, params.length), m: out[params.length], v: out[params.length + 1] };
  }
  const { alpha, beta1, beta2, epsilon } = attrs;
  return tf.tidy((): AdamState => {
    const g = tf.concat(grads.map((t) => tf.reshape(t, [-1])));
    const mNew = tf.add(tf.mul(tf.reshape(m, [-1]), beta1), tf.mul(g, 1 - beta1));
    const vNew = tf.add(tf.mul(tf.reshape(v, [-1]), beta2), tf.mul(tf.square(g), 1 - beta2));
    const step = tf.mul(tf.div(mNew, tf.add(tf.sqrt(vNew), epsilon)), alpha);
    const steps = tf.split(step, params.map((p) => p.size));
    return { params: params.map((p, i) => tf.sub(p, tf.reshape(steps[i], p.shape))), m: tf.reshape(mNew, m.shape), v: tf.reshape(vNew, v.shape) };
  });
}
