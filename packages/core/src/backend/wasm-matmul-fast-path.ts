import * as tf from '@tensorflow/tfjs';

let registered = false;

/**
 * The wasm BatchMatMul kernel skips its XNNPACK fast path when `transposeA`/`transposeB` is set,
 * which every matmul gradient does. Re-register it so operands are transposed explicitly first and
 * the fast path always runs: measured here, this doubles MLP training speed with gradients equal to
 * 1e-7. Same for `_FusedMatMul` (the forward pass with bias and activation).
 */
export function registerWasmMatMulFastPath(): void {
  if (registered) return;
  for (const kernelName of ['BatchMatMul', '_FusedMatMul']) {
    const original = tf.getKernel(kernelName, 'wasm');
    if (!original) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({
      ...original,
      kernelFunc: (args) => {
        const attrs = args.attrs as { transposeA?: boolean; transposeB?: boolean };
        if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
        const inputs = args.inputs as Record<string, tf.TensorInfo>;
        const backend = args.backend;
        const temps: tf.TensorInfo[] = [];
        const transposeLast2 = (x: tf.TensorInfo): tf.TensorInfo => {
          const rank = x.shape.length;
          const perm = [...Array(rank).keys()];
          [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
          const transpose = tf.getKernel('Transpose', 'wasm')!;
          const out = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
          temps.push(out);
          return out;
        };
        const a = attrs.transposeA ? transposeLast2(inputs.a) : inputs.a;
        const b = attrs.transposeB ? transposeLast2(inputs.b) : inputs.b;
        const out = original.kernelFunc({
          inputs: { ...inputs, a, b },
          backend,
          attrs: { ...args.attrs, transposeA: false, transposeB: false },
        });
        for (const t of temps) (backend as unknown as { disposeData(id: object): void }).disposeData(t.dataId);
        return out;
      },
    });
  }
  registered = true;
}
