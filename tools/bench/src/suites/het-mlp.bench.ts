import { fileURLToPath } from 'node:url';
import { Dataset, EventBus, Rng, selectBackend } from '@hepuq/core';
import { hetMlpMethod } from '@hepuq/nn';
import type { BenchRecord } from '../bench-record.js';
import { median, peakRssMiB, torchStepsPerSecond } from '../measure.js';

const INPUTS = 20;
const HIDDEN = [64, 64, 64];
const BATCH = 256;
const STEPS = 2000;
const REPEATS = 3;
const peerScript = fileURLToPath(new URL('../../peers/het_mlp_torch.py', import.meta.url));

/** het-mlp training (20 inputs, 3x64, batch 256, 2000 steps) vs the same network in PyTorch. */
export async function bench(): Promise<BenchRecord[]> {
  const backend = await selectBackend();
  const rng = new Rng(1);
  const n = BATCH * 100;
  const features = Object.fromEntries([...Array(INPUTS).keys()].map((j) => [`x${j}`, rng.normalArray(n)]));
  const target = Float32Array.from({ length: n }, (_, i) => features.x0[i] * features.x1[i] + rng.normal(0, 0.1));
  const data = new Dataset({ features, target });
  const epochs = STEPS / (n / BATCH);
  const options = hetMlpMethod.options.parse({ hidden: HIDDEN, epochs, batchSize: BATCH });
  const rates: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const model = await hetMlpMethod.fit(data, options, { rng: new Rng(r), events: new EventBus() });
    rates.push(STEPS / ((performance.now() - t0) / 1000));
    model.dispose();
  }
  const hepuq = median(rates);
  const { rate: peer, threads } = torchStepsPerSecond(peerScript, (t) => [String(INPUTS), HIDDEN.join(','), String(BATCH), String(STEPS), String(REPEATS), String(t)]);
  return [{
    name: 'het-mlp train 20x(3x64) b256', unit: 'steps/s', hepuq, peer, peerName: 'pytorch (best of 1/2 threads)',
    ratio: peer ? hepuq / peer : null,
    notes: { backend: backend.name, peakRssMiB: Math.round(peakRssMiB()), torch: threads },
  }];
}
