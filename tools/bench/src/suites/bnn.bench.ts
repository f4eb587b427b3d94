import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { Dataset, EventBus, Rng, selectBackend } from '@hepuq/core';
import { bnnMethod, BnnOptions } from '@hepuq/plugin-bnn';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, peakRssMiB, runPythonPeer } from '../measure.js';

const INPUTS = 4;
const HIDDEN = [64, 64];
const BATCH = 256;
const STEPS = 600;
const REPEATS = 3;
const DRAWS = 100;
const EVENTS = 10_000;
const peerScript = fileURLToPath(new URL('../../peers/bnn_torch.py', import.meta.url));

interface PeerResult {
  steps_per_s: number;
  samples_per_s: number;
}

/** The faster of 1 and 2 torch threads, with both rates for the notes. */
function bestPeer(layer: 'local' | 'reparam'): { best: PeerResult; threads: string } | null {
  if (!ensurePythonModule('torch', 'python3-torch')) return null;
  const runs = [1, 2].map((t) => ({
    t,
    r: runPythonPeer<PeerResult>(peerScript, [String(INPUTS), HIDDEN.join(','), String(BATCH), String(STEPS), String(REPEATS), String(t), layer, String(DRAWS), String(EVENTS)]),
  }));
  const best = { steps_per_s: Math.max(...runs.map((x) => x.r.steps_per_s)), samples_per_s: Math.max(...runs.map((x) => x.r.samples_per_s)) };
  return { best, threads: runs.map((x) => `${x.t}t=${x.r.steps_per_s.toFixed(0)}steps/s,${(x.r.samples_per_s / 1e6).toFixed(2)}M/s`).join(' ') };
}

/**
 * Bayesian MLP (4 inputs, 2x64 ReLU, heteroscedastic head, batch 256): training steps/s with local
 * and plain reparameterisation, and prediction samples/s (100 weight draws x 10^4 events), against
 * the same network in PyTorch measured in the same run.
 */
export async function bench(): Promise<BenchRecord[]> {
  const backend = await selectBackend();
  const rng = new Rng(1);
  const n = BATCH * 100;
  const features = Object.fromEntries([...Array(INPUTS).keys()].map((j) => [`x${j}`, rng.normalArray(n)]));
  const target = Float32Array.from({ length: n }, (_, i) => features.x0[i] * features.x1[i] + rng.normal(0, 0.1));
  const data = new Dataset({ features, target });
  const test = new Dataset({ features: Object.fromEntries([...Array(INPUTS).keys()].map((j) => [`x${j}`, rng.normalArray(EVENTS)])) });
  const records: BenchRecord[] = [];
  const tensorsBefore = tf.memory().numTensors;
  for (const layer of ['local', 'reparam'] as const) {
    const options = BnnOptions.parse({ hidden: HIDDEN, epochs: STEPS / (n / BATCH), batchSize: BATCH, layer, draws: DRAWS });
    const trainRates: number[] = [];
    const predictRates: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      const model = await bnnMethod.fit(data, options, { rng: new Rng(r), events: new EventBus() });
      trainRates.push(STEPS / ((performance.now() - t0) / 1000));
      const t1 = performance.now();
      await model.predict(test, { seed: r });
      predictRates.push((DRAWS * EVENTS) / ((performance.now() - t1) / 1000));
      model.dispose();
    }
    const peer = bestPeer(layer);
    const notes = { backend: backend.name, peakRssMiB: Math.round(peakRssMiB()), torch: peer?.threads ?? 'n/a' };
    records.push({
      name: `bnn train ${layer} ${INPUTS}x(2x64) b${BATCH}`, unit: 'steps/s', hepuq: median(trainRates),
      peer: peer?.best.steps_per_s ?? null, peerName: 'pytorch (best of 1/2 threads)',
      ratio: peer ? median(trainRates) / peer.best.steps_per_s : null, notes,
    });
    if (layer === 'local') {
      records.push({
        name: `bnn predict ${DRAWS} draws x ${EVENTS} events`, unit: 'samples/s', hepuq: median(predictRates),
        peer: peer?.best.samples_per_s ?? null, peerName: 'pytorch (best of 1/2 threads)',
        ratio: peer ? median(predictRates) / peer.best.samples_per_s : null, notes,
      });
    }
  }
  records.forEach((r) => (r.notes = { ...r.notes, leakedTensors: tf.memory().numTensors - tensorsBefore }));
  return records;
}
