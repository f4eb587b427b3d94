import { beforeAll, describe, expect, it } from 'vitest';
import { EventBus, ofType, Rng, selectBackend, type TrainCheckpoints, type TrainState } from '@hepuq/core';
import { heteroscedastic1dToy } from '@hepuq/datasets';
import { registerHepuqKernels } from '@hepuq/kernels';
import { BnnOptions } from './bnn-options.js';
import { bnnMethod } from './bnn.method.js';

/** Checkpoints kept in memory; each fit takes a fresh view, so its loops find their slots again in call order. */
function memoryStore(every: number): () => TrainCheckpoints {
  const states = new Map<string, TrainState>();
  return () => {
    let loops = 0;
    return {
      every,
      slot: (method) => {
        const key = `${method}-${loops++}`;
        return { key, load: async () => states.get(key), save: async (s) => void states.set(key, structuredClone(s)) };
      },
    };
  };
}

// Local reparameterisation draws its noise inside the kernels from Philox keys taken from the
// per-epoch noise generator, so a fit resumed from a checkpoint must end with exactly the weights of
// the uninterrupted fit (same backend: bit for bit).
describe('bnn: a resumed fit reproduces the uninterrupted one', () => {
  beforeAll(async () => {
    await selectBackend();
    await registerHepuqKernels();
  });

  for (const layer of ['local', 'reparam'] as const) {
    it(`layer ${layer}: interrupted after epoch 2 of 4 and resumed, the same weights and predictions`, async () => {
      const train = heteroscedastic1dToy.generate(1000, {}, new Rng(3));
      const options = BnnOptions.parse({ hidden: [16, 16], epochs: 4, batchSize: 128, layer });
      const whole = await bnnMethod.fit(train, options, { rng: new Rng(9), events: new EventBus(), checkpoints: memoryStore(2)() });

      const store = memoryStore(2);
      const events = new EventBus();
      const stop = new AbortController();
      const sub = events.events$.pipe(ofType('fit:checkpoint')).subscribe(() => stop.abort());
      await expect(bnnMethod.fit(train, options, { rng: new Rng(9), events, checkpoints: store(), signal: stop.signal })).rejects.toMatchObject({ code: 'Interrupted' });
      sub.unsubscribe();
      const resumed = await bnnMethod.fit(train, options, { rng: new Rng(9), events: new EventBus(), checkpoints: store() });

      const arrays = (m: typeof whole) => (m as unknown as { net: { toArrays(): { name: string; data: Float32Array }[] } }).net.toArrays().map((a) => [a.name, Array.from(a.data)]);
      expect(arrays(resumed)).toEqual(arrays(whole));
      expect(await resumed.predict(train, { seed: 5 })).toEqual(await whole.predict(train, { seed: 5 }));
      whole.dispose();
      resumed.dispose();
    });
  }
});
