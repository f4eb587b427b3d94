import { fileURLToPath } from 'node:url';
import { EventBus, Rng, selectBackend } from '@hepuq/core';
import { pivotMethod } from '@hepuq/plugin-pivot-adversary';
import { pivot2dToy } from '@hepuq/datasets';
import type { BenchRecord } from '../bench-record.js';
import { median, peakRssMiB, torchStepsPerSecond } from '../measure.js';

const HIDDEN = [64, 64];
const ADV_HIDDEN = [32, 32];
const COMPONENTS = 5;
const BATCH = 256;
const K = 5;
const STEPS = 300;
const REPEATS = 3;
const peerScript = fileURLToPath(new URL('../../peers/pivot_torch.py', import.meta.url));

/**
 * pivot training on pivot-2d (classifier 2x64, MDN adversary 2x32 with 5 components, batch 256,
 * K = 5 adversary steps per classifier step): outer steps/s against the same loop in PyTorch.
 */
export async function bench(): Promise<BenchRecord[]> {
  const backend = await selectBackend();
  const n = BATCH * 100;
  const data = pivot2dToy.generate(n, {}, new Rng(1));
  const options = pivotMethod.options.parse({
    hidden: HIDDEN, adversaryHidden: ADV_HIDDEN, components: COMPONENTS, batchSize: BATCH, adversarySteps: K,
    epochs: STEPS / (n / BATCH), pretrainEpochs: 0, adversaryPretrainEpochs: 0, lambda: 10,
  });
  const rates: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const model = await pivotMethod.fit(data, options, { rng: new Rng(r), events: new EventBus() });
    rates.push(STEPS / ((performance.now() - t0) / 1000));
    model.dispose();
  }
  const hepuq = median(rates);
  const { rate: peer, threads } = torchStepsPerSecond(peerScript, (t) => [HIDDEN.join(','), ADV_HIDDEN.join(','), String(COMPONENTS), String(BATCH), String(K), String(STEPS), String(REPEATS), String(t)]);
  return [{
    name: `pivot train 2x64 + MDN adversary, K=${K}, b${BATCH}`, unit: 'steps/s', hepuq, peer, peerName: 'pytorch (best of 1/2 threads)',
    ratio: peer ? hepuq / peer : null,
    notes: { backend: backend.name, peakRssMiB: Math.round(peakRssMiB()), torch: threads },
  }];
}
