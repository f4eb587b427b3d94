import * as tf from '@tensorflow/tfjs';
import { initMlpArrays, mlpForward, mlpVariables, type MlpArchitecture } from '@hepuq/nn';
import { Rng, selectBackend } from '@hepuq/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { StackedMlp } from './stacked-mlp.js';

const arch: MlpArchitecture = { inputs: 3, hidden: [5, 4], outputs: 2, activation: 'tanh' };
const members = [1, 2, 3].map((seed) => initMlpArrays(arch, new Rng(seed)));

describe('StackedMlp', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("member m's slice computes exactly core's MLP with member m's arrays", () => {
    const net = StackedMlp.fromMembers(arch, members);
    const x = tf.tensor2d(new Rng(9).normalArray(6 * 3), [6, 3]);
    const stacked = tf.tidy(() => net.forward(tf.expandDims(x, 0) as tf.Tensor3D).arraySync());
    members.forEach((arrays, m) => {
      const vars = mlpVariables(arch, arrays);
      const single = tf.tidy(() => mlpForward(vars, x, arch.activation).arraySync());
      // one float32 product chain of length <= 5 per output: 1e-5 is rounding, a wrong slice is O(1)
      single.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(v - stacked[m][i][k])).toBeLessThan(1e-5)));
      tf.dispose(vars);
    });
    tf.dispose(x);
    net.dispose();
  });

  it('round-trips through toArrays / fromArrays and gives back each member', () => {
    const net = StackedMlp.fromMembers(arch, members);
    const arrays = net.toArrays();
    expect(arrays.map((a) => `${a.name}:${a.shape.join('x')}`)).toEqual(['W0:3x3x5', 'b0:3x5', 'W1:3x5x4', 'b1:3x4', 'W2:3x4x2', 'b2:3x2']);
    const again = StackedMlp.fromArrays(arch, 3, arrays);
    members.forEach((m, k) => again.memberArrays(k).forEach((a, i) => expect(Array.from(a)).toEqual(Array.from(m[i]))));
    expect(() => StackedMlp.fromArrays(arch, 4, arrays)).toThrow(/W0/);
    net.dispose();
    again.dispose();
  });
});
