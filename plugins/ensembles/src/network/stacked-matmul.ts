import * as tf from '@tensorflow/tfjs';

/** Kernel name of the member-wise matmul on wasm (namespaced: it overrides no tfjs kernel). */
export const STACKED_MATMUL = 'HepuqStackedMatMul';

interface StackedAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  disposeData(dataId: object): boolean;
  wasm: { HEAPF32: Float32Array };
}

let registered = false;

/**
 * Member-wise matrix product c[m] = op(a[m]) op(b[m]) for stacked ensembles: a [Ma, r, s], b [Mb, s, t]
 * with Ma, Mb in {1, M} (a batch of 1 broadcasts). Mathematically `tf.matMul` on rank-3 tensors; on the
 * wasm backend, whose BatchMatMul runs XNNPACK only for a batch of one and a naive loop otherwise
 * (about 10x slower, measured), each member's slice goes through the 2-D kernel instead.
 * @example const h = stackedMatMul(x, w) // x [M, B, in], w [M, in, out] -> [M, B, out]
 */
export function stackedMatMul(a: tf.Tensor3D, b: tf.Tensor3D, transposeA = false, transposeB = false): tf.Tensor3D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, transposeA, transposeB);
  registerStackedMatMul();
  const attrs: StackedAttrs = { transposeA, transposeB };
  return tf.engine().runKernel(STACKED_MATMUL, { a, b }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor3D;
}

/** Register the wasm kernel and its gradient once (lazily, so importing the plugin registers nothing). */
function registerStackedMatMul(): void {
  if (registered) return;
  registered = true;
  // a second copy of this module (e.g. sources and dist in one process) finds the kernel already there
  if (tf.getKernel(STACKED_MATMUL, 'wasm')) return;
  tf.registerKernel({ kernelName: STACKED_MATMUL, backendName: 'wasm', kernelFunc: (args) => wasmStackedMatMul(args) });
  tf.registerGradient({
    kernelName: STACKED_MATMUL,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [tf.Tensor3D, tf.Tensor3D];
      const { transposeA: ta, transposeB: tb } = attrs as unknown as StackedAttrs;
      const g = dy as tf.Tensor3D;
      // d(op(a) op(b)): the four transpose cases of tfjs's BatchMatMul gradient
      const da = () => reduceBroadcast(
        !ta ? stackedMatMul(g, b, false, !tb) : stackedMatMul(b, g, tb, true), a.shape[0]);
      const db = () => reduceBroadcast(
        !tb ? stackedMatMul(a, g, !ta, false) : stackedMatMul(g, a, true, ta), b.shape[0]);
      return { a: da, b: db };
    },
  });
}

/** Sum a gradient over the member axis where the input was broadcast (batch of 1). */
function reduceBroadcast(grad: tf.Tensor3D, batch: number): tf.Tensor3D {
  return batch === 1 && grad.shape[0] !== 1 ? tf.sum(grad, 0, true) : grad;
}

function wasmStackedMatMul(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const backend = args.backend as WasmBackendLike;
  const { transposeA, transposeB } = args.attrs as unknown as StackedAttrs;
  const temps: tf.TensorInfo[] = [];
  const run = (name: string, inputs: tf.NamedTensorInfoMap, attrs: object) =>
    tf.getKernel(name, 'wasm')!.kernelFunc({ inputs, backend: args.backend as tf.KernelBackend, attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
  const explicit = (x: tf.TensorInfo, transpose: boolean): tf.TensorInfo => {
    if (!transpose) return x;
    const t = run('Transpose', { x }, { perm: [0, 2, 1] });
    temps.push(t);
    return t;
  };
  const a = explicit(args.inputs.a as tf.TensorInfo, transposeA);
  const b = explicit(args.inputs.b as tf.TensorInfo, transposeB);
  const [ma, r, s] = a.shape;
  const [mb, , t] = b.shape;
  if (ma !== mb && ma !== 1 && mb !== 1) throw new Error(`${STACKED_MATMUL}: member axes ${ma} and ${mb} do not broadcast`);
  const members = Math.max(ma, mb);
  const out = backend.makeOutput([members, r, t], 'float32');
  const offset = (x: tf.TensorInfo) => backend.dataIdMap.get(x.dataId).memoryOffset >> 2;
  for (let m = 0; m < members; m++) {
    // fresh slices per member: XNNPACK caches its packed weights under the tensor id of b
    const sa = backend.makeOutput([r, s], 'float32');
    const sb = backend.makeOutput([s, t], 'float32');
    const ka = ma === 1 ? 0 : m;
    const kb = mb === 1 ? 0 : m;
    // HEAPF32 is re-read after every allocation: the wasm memory may grow and move
    backend.wasm.HEAPF32.copyWithin(offset(sa), offset(a) + ka * r * s, offset(a) + (ka + 1) * r * s);
    backend.wasm.HEAPF32.copyWithin(offset(sb), offset(b) + kb * s * t, offset(b) + (kb + 1) * s * t);
    const c = run('BatchMatMul', { a: sa, b: sb }, { transposeA: false, transposeB: false });
    backend.wasm.HEAPF32.copyWithin(offset(out) + m * r * t, offset(c), offset(c) + r * t);
    for (const x of [sa, sb, c]) backend.disposeData(x.dataId);
  }
  for (const x of temps) backend.disposeData(x.dataId);
  return out;
}
