import * as tf from '@tensorflow/tfjs';
import { HepuqError, type NamedArray } from '@hepuq/core';
import { mlpLayerShapes, type MlpArchitecture } from '@hepuq/nn';
import { stackedMatMul } from './stacked-matmul.js';

/**
 * M MLPs of one architecture held as one network: layer l has weights W_l [M, in, out] and biases
 * b_l [M, 1, out], and every layer is one member-wise matmul, so an ensemble step costs one set of
 * kernels (and one Adam update per layer) instead of M. Member m's slice is exactly the network
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
      return tf.tidy(() => [tf.variable(tf.tensor3d(w, [m, fanIn, fanOut])), tf.variable(tf.tensor3d(b, [m, 1, fanOut]))]);
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
      h = tf.add(stackedMatMul(h, this.params[2 * l] as tf.Tensor3D), this.params[2 * l + 1]);
      if (l < layers - 1 || this.activateOutput) h = activate(h, this.arch.activation);
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
      shape: i % 2 === 0 ? [...p.shape] : [p.shape[0] as number, p.shape[2] as number],
      data: p.dataSync() as Float32Array,
    }));
  }

  dispose(): void {
    this.params.forEach((p) => p.dispose());
  }
}

function activate(h: tf.Tensor3D, activation: MlpArchitecture['activation']): tf.Tensor3D {
  switch (activation) {
    case 'relu':
      return tf.relu(h);
    case 'elu':
      return tf.elu(h);
    case 'tanh':
      return tf.tanh(h);
    case 'sigmoid':
      return tf.sigmoid(h);
    case 'linear':
      return h;
  }
}
