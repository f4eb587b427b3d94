import * as tf from '@tensorflow/tfjs';
import { HepuqError, type NamedArray } from '@hepuq/core';
import { fusedDenseStacked } from '@hepuq/kernels';
import { mlpLayerShapes, type MlpArchitecture } from '@hepuq/nn';

/**
 * M MLPs of one architecture held as one network: layer l has weights W_l [M, in, out] and biases
 * b_l [M, out], and every layer is one member-stacked dense layer (`@hepuq/kernels`'
 * `fusedDenseStacked`: one SIMD wasm kernel forward and one backward for all members), so an
 * ensemble step costs one set of kernels (and one Adam update) instead of M. Member m's slice is exactly the network
 * `initMlpArrays`/`mlpForward` in core would build from the same arrays.
 */
export class StackedMlp {
  private constructor(
    readonly arch: MlpArchitecture,
    readonly members: number,
    readonly params: tf.Variable[],
    /** Whether the last layer is activated too (a set body's Phi); an output layer is linear. */
    readonly activateOutput: boolean,
  ) {}

  /**
   * Stack per-member parameter arrays in core's MLP layout [W0, b0, W1, b1, ...] (W row-major [in, out]).
   * @example const net = StackedMlp.fromMembers(arch, [initMlpArrays(arch, rngA), initMlpArrays(arch, rngB)])
   */
  static fromMembers(arch: MlpArchitecture, members: Float32Array[][], activateOutput = false): StackedMlp {
    const m = members.length;
    const params = mlpLayerShapes(arch).flatMap(([fanIn, fanOut], l) => {
      const w = new Float32Array(m * fanIn * fanOut);
      const b = new Float32Array(m * fanOut);
      members.forEach((arrays, k) => {
        w.set(arrays[2 * l], k * fanIn * fanOut);
        b.set(arrays[2 * l + 1], k * fanOut);
      });
      return tf.tidy(() => [tf.variable(tf.tensor3d(w, [m, fanIn, fanOut])), tf.variable(tf.tensor2d(b, [m, fanOut]))]);
    });
    return new StackedMlp(arch, m, params, activateOutput);
  }

  /** Rebuild from `toArrays()` output (arrays `<prefix>W<l>` [M, in, out] and `<prefix>b<l>` [M, out]). */
  static fromArrays(arch: MlpArchitecture, members: number, arrays: readonly NamedArray[], prefix = '', activateOutput = false): StackedMlp {
    const byName = new Map(arrays.map((a) => [a.name, a]));
    const perMember: Float32Array[][] = Array.from({ length: members }, () => []);
    mlpLayerShapes(arch).forEach(([fanIn, fanOut], l) => {
      for (const [name, size] of [[`${prefix}W${l}`, fanIn * fanOut], [`${prefix}b${l}`, fanOut]] as const) {
        const a = byName.get(name);
        if (!a || a.data.length !== members * size) {
          throw new HepuqError('ModelLoadFailed', `saved ensemble lacks array "${name}" of ${members} x ${size} values`);
        }
        for (let k = 0; k < members; k++) perMember[k].push(a.data.slice(k * size, (k + 1) * size));
      }
    });
    return StackedMlp.fromMembers(arch, perMember, activateOutput);
  }

  /** Outputs [M, B, outputs] for inputs [M, B, in] (member m sees x[m]) or [1, B, in] (all see the same). */
  forward(x: tf.Tensor3D): tf.Tensor3D {
    let h = x;
    const layers = this.params.length / 2;
    for (let l = 0; l < layers; l++) {
      const activated = l < layers - 1 || this.activateOutput;
      h = fusedDenseStacked(h, this.params[2 * l] as tf.Tensor3D, this.params[2 * l + 1] as tf.Tensor2D, activated ? this.arch.activation : 'linear');
    }
    return h;
  }

  /** Member m's parameters in core's MLP layout (for tests and the one-by-one comparison). */
  memberArrays(m: number): Float32Array[] {
    return this.params.map((p) => {
      const size = p.size / this.members;
      return (p.dataSync() as Float32Array).slice(m * size, (m + 1) * size);
    });
  }

  toArrays(prefix = ''): NamedArray[] {
    return this.params.map((p, i) => ({
      name: `${prefix}${i % 2 === 0 ? 'W' : 'b'}${i >> 1}`,
      shape: [...p.shape],
      data: p.dataSync() as Float32Array,
    }));
  }

  dispose(): void {
    this.params.forEach((p) => p.dispose());
  }
}
