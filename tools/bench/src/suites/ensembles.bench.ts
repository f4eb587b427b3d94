import * as tf from '@tensorflow/tfjs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Dataset, EventBus, Rng, selectBackend } from '@hepuq/core';
import { deepEnsembleMethod, stackedMatMul } from '@hepuq/plugin-ensembles';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, peakRssMiB, runPythonPeer } from '../measure.js';

const MEMBERS = 10;
const INPUTS = 20;
const HIDDEN = [64, 64];
const BATCH = 256;
/** Optimizer steps per member (10 epochs of 30 batches). */
const STEPS = 300;
const REPEATS = 3;
const peerScript = fileURLToPath(new URL('../../peers/ensembles_torch.py', import.meta.url));

/**
 * Seconds to train the 10-member deep ensemble (median of REPEATS): stacked in one thread (default),
 * stacked with the members split over the cores (`workers`), or one member after the other.
 */
async function trainSeconds(data: Dataset, how: { stacked: boolean; workers?: number }): Promise<number> {
  const n = BATCH * 30;
  // like for like with the PyTorch loop, which trains every model once: the health check (which
  // retrains members whose loss or disagreement stands out, up to twice) is off
  const options = deepEnsembleMethod.options.parse({ members: MEMBERS, hidden: HIDDEN, batchSize: BATCH, epochs: STEPS / (n / BATCH), health: { check: false }, ...how });
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const model = await deepEnsembleMethod.fit(data, options, { rng: new Rng(r), events: new EventBus() });
    times.push((performance.now() - t0) / 1000);
    model.dispose();
  }
  return median(times);
}

/**
 * Milliseconds per forward + backward of one stacked layer [M, B, 64] x [M, 64, 64] with `mm` (median of
 * 20 after 5 warm-up calls): the member-wise kernel against tfjs's rank-3 matMul and the block-diagonal trick.
 */
function layerMs(mm: (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor): number {
  const a = tf.randomNormal([MEMBERS, BATCH, 64]) as tf.Tensor3D;
  const b = tf.randomNormal([MEMBERS, 64, 64]) as tf.Tensor3D;
  const step = tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(mm(x as tf.Tensor3D, w as tf.Tensor3D)));
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    tf.dispose(step([a, b]));
    if (i >= 5) times.push(performance.now() - t0);
  }
  tf.dispose([a, b]);
  return median(times);
}

/** [M, B, k] x [M, k, m] as one [B, M k] x [M k, M m] product with a block-diagonal weight matrix. */
function blockDiagonal(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor {
  const [m, rows, k] = a.shape;
  const wide = tf.reshape(tf.transpose(a, [1, 0, 2]), [rows, m * k]);
  const blocks = tf.unstack(b).map((w, i) => tf.pad(w, [[i * k, (m - 1 - i) * k], [0, 0]]));
  return tf.matMul(wide, tf.concat(blocks, 1));
}

/**
 * Training time of a 10-member deep ensemble (20 inputs, 2x64, batch 256, 300 steps per member):
 * stacked in one thread (default) vs the members split over the cores (each share stacked), vs the
 * same members trained one by one in hepuq, and vs 10 PyTorch models in a loop.
 */
export async function bench(): Promise<BenchRecord[]> {
  const backend = await selectBackend();
  const rng = new Rng(1);
  const n = BATCH * 30;
  const features = Object.fromEntries([...Array(INPUTS).keys()].map((j) => [`x${j}`, rng.normalArray(n)]));
  const target = Float32Array.from({ length: n }, (_, i) => features.x0[i] * features.x1[i] + rng.normal(0, 0.1));
  const data = new Dataset({ features, target });

  const stacked = await trainSeconds(data, { stacked: true });
  const overCores = await trainSeconds(data, { stacked: true, workers: availableParallelism() });
  const sequential = await trainSeconds(data, { stacked: false });
  let torch: number | null = null;
  let threads = 'n/a';
  if (ensurePythonModule('torch', 'python3-torch')) {
    const args = (t: number) => [String(INPUTS), HIDDEN.join(','), String(BATCH), String(STEPS), String(MEMBERS), String(REPEATS), String(t)];
    const runs = [1, 2].map((t) => ({ t, s: runPythonPeer<{ seconds: number }>(peerScript, args(t)).seconds }));
    torch = Math.min(...runs.map((r) => r.s));
    threads = runs.map((r) => `${r.t}t=${r.s.toFixed(2)}s`).join(' ');
  }
  const memberWise = layerMs((a, b) => stackedMatMul(a, b));
  const rank3 = layerMs((a, b) => tf.matMul(a, b));
  const block = layerMs(blockDiagonal);
  const notes = { backend: backend.name, peakRssMiB: Math.round(peakRssMiB()), members: MEMBERS, stepsPerMember: STEPS, cores: availableParallelism() };
  return [
    {
      name: 'ensemble-10 train: stacked over the cores vs one thread', unit: 's', hepuq: overCores, peer: stacked,
      peerName: 'hepuq, stacked in one thread (default, workers: 1)', ratio: stacked / overCores, notes,
    },
    {
      name: 'ensemble-10 train: stacked vs one by one', unit: 's', hepuq: stacked, peer: sequential,
      peerName: 'hepuq, members one by one', ratio: sequential / stacked, notes,
    },
    {
      name: 'ensemble-10 train: stacked vs torch loop', unit: 's', hepuq: stacked, peer: torch,
      peerName: 'pytorch, 10 models in a loop (best of 1/2 threads)', ratio: torch ? torch / stacked : null, notes: { ...notes, torch: threads },
    },
    {
      name: 'ensemble-10 train: one by one vs torch loop', unit: 's', hepuq: sequential, peer: torch,
      peerName: 'pytorch, 10 models in a loop (best of 1/2 threads)', ratio: torch ? torch / sequential : null, notes: { ...notes, torch: threads },
    },
    {
      name: 'stacked layer fwd+bwd [10,256,64]x[10,64,64]', unit: 'ms', hepuq: memberWise, peer: rank3,
      peerName: 'tf.matMul on rank-3 tensors', ratio: rank3 / memberWise,
      notes: { backend: backend.name, blockDiagonalMs: Number(block.toFixed(3)) },
    },
  ];
}
