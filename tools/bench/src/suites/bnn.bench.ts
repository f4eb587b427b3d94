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
const REPEATS = 5;
const DRAWS = 100;
const EVENTS = 10_000;
const peerScript = fileURLToPath(new URL('../../peers/bnn_torch.py', import.meta.url));

interface PeerResult {
  steps_per_s: number;
  samples_per_s: number;
}

/** One peer run (1 repeat) with `threads` torch threads. */
function peerRun(layer: 'local' | 'reparam', threads: number): PeerResult {
  return runPythonPeer<PeerResult>(peerScript, [String(INPUTS), HIDDEN.join(','), String(BATCH), String(STEPS), '1', String(threads), layer, String(DRAWS), String(EVENTS)]);
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
  const havePeer = ensurePythonModule('torch', 'python3-torch');
  for (const layer of ['local', 'reparam'] as const) {
    const options = BnnOptions.parse({ hidden: HIDDEN, epochs: STEPS / (n / BATCH), batchSize: BATCH, layer, draws: DRAWS });
    const trainRates: number[] = [];
    const predictRates: number[] = [];
    const peer: Record<number, PeerResult[]> = { 1: [], 2: [] };
    // interleave hepuq and peer repeats, so a shared machine's load changes hit both alike
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      const model = await bnnMethod.fit(data, options, { rng: new Rng(r), events: new EventBus() });
      trainRates.push(STEPS / ((performance.now() - t0) / 1000));
      const t1 = performance.now();
      await model.predict(test, { seed: r });
      predictRates.push((DRAWS * EVENTS) / ((performance.now() - t1) / 1000));
      model.dispose();
      if (havePeer) for (const t of [1, 2]) peer[t].push(peerRun(layer, t));
    }
    const med = (t: number, k: keyof PeerResult) => median(peer[t].map((x) => x[k]));
    const best = (k: keyof PeerResult) => (havePeer ? Math.max(med(1, k), med(2, k)) : null);
    const threads = havePeer ? [1, 2].map((t) => `${t}t=${med(t, 'steps_per_s').toFixed(0)}steps/s,${(med(t, 'samples_per_s') / 1e6).toFixed(2)}M/s`).join(' ') : 'n/a';
    const notes = { backend: backend.name, peakRssMiB: Math.round(peakRssMiB()), torch: threads };
    const trainPeer = best('steps_per_s');
    records.push({
      name: `bnn train ${layer} ${INPUTS}x(2x64) b${BATCH}`, unit: 'steps/s', hepuq: median(trainRates),
      peer: trainPeer, peerName: 'pytorch (best of 1/2 threads)', ratio: trainPeer ? median(trainRates) / trainPeer : null, notes,
    });
    if (layer === 'local') {
      const predictPeer = best('samples_per_s');
      records.push({
        name: `bnn predict ${DRAWS} draws x ${EVENTS} events`, unit: 'samples/s', hepuq: median(predictRates),
        peer: predictPeer, peerName: 'pytorch (best of 1/2 threads)', ratio: predictPeer ? median(predictRates) / predictPeer : null, notes,
      });
    }
  }
  records.forEach((r) => (r.notes = { ...r.notes, leakedTensors: tf.memory().numTensors - tensorsBefore }));
  return records;
}
