import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHepuq, methodRef, Rng, taskBackend } from '@hepuq/core';
import { dijetToy } from '@hepuq/datasets';
import { nnPlugin } from '@hepuq/nn';
import { foldAssignment, foldRunner, huntEdges, huntEvents, scoreRegions, signalRegions } from '@hepuq/plugin-cwola';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, peakRssMiB, runPythonPeer } from '../measure.js';

const N = 200_000;
const K = 5;
const HIDDEN = [32, 32];
const EPOCHS = 10;
const BATCH = 256;
const REPEATS = 3;
/** Bins 8-9 of 14 log bins over 2-5 TeV, 2 sideband bins each side: the window holds about 13,000 events. */
const SR: [number, number] = [8, 9];
const peerScript = fileURLToPath(new URL('../../peers/cwola_kfold_torch.py', import.meta.url));

/**
 * One signal region's nested k-fold of CWoLa hunting (k = 5: 20 networks 2x32 ReLU, each trained on
 * three folds of the window's events, 10 epochs, batch 256, validated on a fourth, scoring all events
 * of the fifth) on the dijet toy with 2e5 events: seconds per signal region, in-process, against the
 * same loop in PyTorch.
 */
export async function bench(): Promise<BenchRecord[]> {
  const app = await createHepuq({ plugins: [nnPlugin()] });
  try {
    const data = dijetToy.generate(N, {}, new Rng(1));
    const edges = huntEdges({ n: 14, min: 2000, max: 5000, scale: 'log' });
    const events = huntEvents(data, edges, { resonance: 'mjj' });
    const regions = signalRegions({ windows: [SR], sideband: 2 }, edges.length - 1);
    const method = app.registries.methods.get('mlp-classifier');
    const options = method.options.parse({ hidden: HIDDEN, activation: 'relu', epochs: EPOCHS, batchSize: BATCH, lr: 1e-3, lrFinal: 0.1 });
    const classifier = methodRef(app.registries.methods, method.key, options);
    const fold = foldAssignment(events.n, K, new Rng(2));
    const windowEvents = Array.from(events.bin).filter((b) => b >= regions[0].window[0] && b <= regions[0].window[1]).length;
    const seconds: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      await scoreRegions(events, regions, { fold, k: K, select: K - 1, classifier, backend: taskBackend(), rng: new Rng(r) }, foldRunner(method, undefined));
      seconds.push((performance.now() - t0) / 1000);
    }
    const hepuq = median(seconds);
    let peer: number | null = null;
    let threads = 'n/a';
    if (ensurePythonModule('torch', 'python3-torch')) {
      const dir = mkdtempSync(join(tmpdir(), 'hepuq-cwola-bench-'));
      try {
        writeFileSync(join(dir, 'x.bin'), new Uint8Array(events.x.buffer, events.x.byteOffset, events.x.byteLength));
        writeFileSync(join(dir, 'bin.bin'), new Uint8Array(events.bin.buffer, events.bin.byteOffset, events.bin.byteLength));
        writeFileSync(join(dir, 'fold.bin'), new Uint8Array(fold.buffer, fold.byteOffset, fold.byteLength));
        const args = (t: number) => [dir, String(events.features.length), String(K), `${regions[0].sr.join(',')}`, `${regions[0].window.join(',')}`, HIDDEN.join(','), String(EPOCHS), String(BATCH), String(REPEATS), String(t)];
        const runs = [1, 2].map((t) => ({ t, s: runPythonPeer<{ s_per_region: number }>(peerScript, args(t)).s_per_region }));
        const best = runs.reduce((a, b) => (b.s < a.s ? b : a));
        peer = best.s;
        threads = runs.map((x) => `${x.t}t=${x.s.toFixed(2)}s`).join(' ');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return [{
      name: `cwola nested ${K}-fold, one SR, 2x32, ${EPOCHS} epochs`, unit: 's/region', hepuq, peer, peerName: 'pytorch (best of 1/2 threads)',
      // seconds: lower is better, so the ratio is peer / hepuq (> 1: hepuq faster)
      ratio: peer ? peer / hepuq : null,
      notes: { backend: app.backend.name, events: events.n, windowEvents, networks: K * (K - 1), peakRssMiB: Math.round(peakRssMiB()), torch: threads },
    }];
  } finally {
    app.dispose();
  }
}
