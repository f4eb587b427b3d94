import * as tf from '@tensorflow/tfjs';
import { Dataset, HepuqError } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { evaluateInChunks, eventsPerChunk, splitRows } from './chunked-evaluation.js';
import { modelInputs } from './model-inputs.js';

describe('evaluateInChunks', () => {
  const n = 23;
  const d = 3;
  const x = Float32Array.from({ length: n * d }, (_, i) => Math.sin(i));
  const z = Float32Array.from({ length: n }, (_, i) => i);
  // per event: the row sum [c], and two rows [2, c] (row sum, row sum + z)
  const model = ([xb, zb]: tf.Tensor2D[]) => {
    const s = tf.sum(xb, 1);
    return { sum: s, pair: tf.stack([s, tf.add(s, tf.squeeze(zb, [1]))]) };
  };

  it('gives the same columns whatever the chunk size, rows of [rows, c] outputs laid out row-major', () => {
    const inputs = [{ values: x, width: d }, { values: z, width: 1 }];
    const whole = evaluateInChunks(n, n, inputs, model);
    for (const chunk of [1, 4, 7, 100]) expect(evaluateInChunks(n, chunk, inputs, model)).toEqual(whole);
    expect(whole.sum).toHaveLength(n);
    const [first, second] = splitRows(whole.pair, 2, n);
    expect(first).toEqual(whole.sum);
    expect(second[5]).toBeCloseTo(whole.sum[5] + 5, 5);
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    evaluateInChunks(n, 5, [{ values: x, width: d }, { values: z, width: 1 }], model);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sizes chunks to the float budget, at least one event', () => {
    expect(eventsPerChunk(10, 64)).toBe(Math.floor((1 << 24) / 640));
    expect(eventsPerChunk(1e9, 1e9)).toBe(1);
  });
});

describe('modelInputs', () => {
  const scale = { mean: Float32Array.of(1, 0), std: Float32Array.of(2, 1) };

  it('standardises the model features in order and names what does not fit', () => {
    const data = new Dataset({ features: { a: Float32Array.of(1, 3), b: Float32Array.of(0, 5) }, source: 'test.csv' });
    expect([...modelInputs(data, ['a', 'b'], scale)]).toEqual([0, 0, 1, 5]);
    expect(() => modelInputs(data, ['b', 'a'], scale, 'bnn model')).toThrow(/test\.csv: features \[a, b\] do not match the bnn model's \[b,a\]/);
    const bad = new Dataset({ features: { a: Float32Array.of(1, Number.NaN), b: Float32Array.of(0, 5) }, source: 'bad.csv' });
    const e = (() => {
      try {
        modelInputs(bad, ['a', 'b'], scale);
      } catch (err) {
        return err as HepuqError;
      }
    })();
    expect(e?.code).toBe('NonFiniteValue');
  });
});
