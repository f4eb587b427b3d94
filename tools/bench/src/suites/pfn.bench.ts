import { fileURLToPath } from 'node:url';
import { EventBus, Rng, selectBackend } from '@hepuq/core';
import { jetsToy } from '@hepuq/datasets';
import { mlpClassifierMethod } from '@hepuq/nn';
import type { BenchRecord } from '../bench-record.js';
import { median, peakRssMiB, torchStepsPerSecond } from '../measure.js';

const SIZE = 40;
const PHI = [100, 100, 128];
const F = [100, 100];
const BATCH = 128;
const STEPS = 200;
const REPEATS = 3;
const peerScript = fileURLToPath(new URL('../../peers/pfn_torch.py', import.meta.url));

/**
 * PFN training (Phi 100-100-128 on every one of 40 particle slots, sum pooling, F 100-100, BCE, batch
 * 128) on the jets toy vs the same network in PyTorch on inputs of the same shape and multiplicities.
 */
export async function bench(): Promise<BenchRecord[]> {
  const backend = await selectBackend();
  const n = BATCH * 20;
  const jets = jetsToy.generate(n, jetsToy.options.parse({ size: SIZE }), new Rng(1));
  const counts = jets.sets.constituents.counts();
  const meanCount = counts.reduce((a, c) => a + c, 0) / n;
  const epochs = STEPS / (n / BATCH);
  const options = mlpClassifierMethod.options.parse({ hidden: F, epochs, batchSize: BATCH, network: { use: 'pfn', options: { set: 'constituents', phi: PHI } } });
  const rates: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const model = await mlpClassifierMethod.fit(jets, options, { rng: new Rng(r), events: new EventBus() });
    rates.push(STEPS / ((performance.now() - t0) / 1000));
    model.dispose();
  }
  const hepuq = median(rates);
  const args = (t: number) => [String(n), String(SIZE), '3', PHI.join(','), F.join(','), String(BATCH), String(STEPS), String(REPEATS), String(t), meanCount.toFixed(2)];
  const { rate: peer, threads } = torchStepsPerSecond(peerScript, args);
  return [{
    name: `pfn train jets P${SIZE} b${BATCH}`, unit: 'steps/s', hepuq, peer, peerName: 'pytorch (best of 1/2 threads)',
    ratio: peer ? hepuq / peer : null,
    notes: { backend: backend.name, peakRssMiB: Math.round(peakRssMiB()), torch: threads, meanParticles: meanCount.toFixed(1) },
  }];
}
