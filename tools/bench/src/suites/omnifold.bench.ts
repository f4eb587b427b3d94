import { fileURLToPath } from 'node:url';
import { createHepuq, loadUnfoldingProblem, Rng } from '@hepuq/core';
import { datasets } from '@hepuq/datasets';
import { nnPlugin } from '@hepuq/nn';
import { OmniFoldOptions, omnifoldMethod } from '@hepuq/plugin-omnifold';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, peakRssMiB, runPythonPeer } from '../measure.js';

const N = 20_000;
const HIDDEN = [64, 64];
const EPOCHS = 5;
const BATCH = 512;
const REPEATS = 3;
const peerScript = fileURLToPath(new URL('../../peers/omnifold_torch.py', import.meta.url));

/**
 * One OmniFold iteration (step 1 at detector level, step 2 at particle level: two fresh MLP classifiers
 * 2x64 ReLU, 5 epochs, batch 512, predictions included) on the 1-D Gaussian example with 2e4 events
 * each: seconds per iteration against the same two-step loop in PyTorch.
 */
export async function bench(): Promise<BenchRecord[]> {
  const app = await createHepuq({ plugins: [nnPlugin(), datasets()] });
  try {
    const problem = await loadUnfoldingProblem(app.registries, {
      sim: { toy: 'unfold-gauss', n: N, gen: ['gen_x'], reco: ['reco_x'] },
      data: { toy: 'unfold-gauss', n: N, options: { sample: 'nature' }, reco: ['reco_x'] },
    }, new Rng(1));
    const options = OmniFoldOptions.parse({
      iterations: 1, missing: 'prior',
      classifier: { use: 'mlp-classifier', options: { hidden: HIDDEN, activation: 'relu', epochs: EPOCHS, batchSize: BATCH, lr: 1e-3, lrFinal: 0.1 } },
    });
    const seconds: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      await omnifoldMethod.unfold(problem, options, { rng: new Rng(r), events: app.events, methods: app.registries.methods });
      seconds.push((performance.now() - t0) / 1000);
    }
    const hepuq = median(seconds);
    let peer: number | null = null;
    let threads = 'n/a';
    if (ensurePythonModule('torch', 'python3-torch')) {
      const runs = [1, 2].map((t) => ({ t, s: runPythonPeer<{ s_per_iter: number }>(peerScript, [String(N), HIDDEN.join(','), String(EPOCHS), String(BATCH), String(REPEATS), String(t)]).s_per_iter }));
      const best = runs.reduce((a, b) => (b.s < a.s ? b : a));
      peer = best.s;
      threads = runs.map((r) => `${r.t}t=${r.s.toFixed(2)}s`).join(' ');
    }
    return [{
      name: `omnifold iteration 2x64, n=${N / 1000}k, ${EPOCHS} epochs`, unit: 's/iteration', hepuq, peer, peerName: 'pytorch (best of 1/2 threads)',
      // seconds: lower is better, so the ratio is peer / hepuq (> 1: hepuq faster), as for rates
      ratio: peer ? peer / hepuq : null,
      notes: { backend: app.backend.name, peakRssMiB: Math.round(peakRssMiB()), torch: threads },
    }];
  } finally {
    app.dispose();
  }
}
