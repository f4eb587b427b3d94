import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend, EventBus, Rng } from '@hepuq/core';
import { trainLoop } from './train-loop.js';

describe('trainLoop', () => {
  it('stops a diverging fit with TrainingDiverged and restores the last good weights', async () => {
    await selectBackend();
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.scalar(1)));
    const data = { x: tf.ones([8, 1]) as tf.Tensor2D, y: tf.ones([8, 1]) as tf.Tensor2D, w: tf.ones([8]) as tf.Tensor1D };
    let calls = 0;
    const err = await trainLoop([w], data, () => {
      calls++;
      // finite for the first epoch (one batch), then NaN
      const total = calls <= 1 ? tf.mul(w, w).asScalar() : tf.mul(w, tf.scalar(Number.NaN)).asScalar();
      return { total, terms: {} };
    }, { epochs: 5, batchSize: 8, lr: 0.1, lrFinal: 1, rng: new Rng(1), events: new EventBus(), method: 'toy' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TrainingDiverged' });
    expect((err as Error).message).toContain('epoch 2');
    const afterFirstEpoch = 1 - 0.1; // Adam's first step moves by lr
    expect(w.dataSync()[0]).toBeCloseTo(afterFirstEpoch, 4);
    tf.dispose([w, data.x, data.y, data.w]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
