import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iterativeUnfold } from '@hepuq/plugin-omnifold';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, peakRssMiB, runPythonPeer } from '../measure.js';

const CAUSES = 50;
const EFFECTS = 60;
/** Fixed iteration count for both sides (ts_stopping 0 is never passed). */
const ITERATIONS = 20;
const REPEATS = 7;
const peerScript = fileURLToPath(new URL('../../peers/ibu_numpy.py', import.meta.url));

/**
 * 60 effect x 50 cause bins: Gaussian smearing (width 1.5 cause bins, shifted by half a bin),
 * efficiencies 0.55-0.95, data = the folded falling truth (no randomness needed), pyunfold's
 * multinomial response covariance from 2000 simulated events per cause bin.
 */
function problem() {
  const eff = Array.from({ length: CAUSES }, (_, j) => 0.55 + (0.4 * j) / (CAUSES - 1));
  const response = Array.from({ length: EFFECTS }, () => new Array<number>(CAUSES).fill(0));
  for (let j = 0; j < CAUSES; j++) {
    const centre = ((j + 0.5) / CAUSES) * EFFECTS + 0.5;
    const column = Array.from({ length: EFFECTS }, (_, i) => Math.exp(-0.5 * ((i + 0.5 - centre) / (1.5 * (EFFECTS / CAUSES))) ** 2));
    const sum = column.reduce((a, b) => a + b, 0);
    column.forEach((v, i) => { response[i][j] = (v / sum) * eff[j]; });
  }
  const truth = Array.from({ length: CAUSES }, (_, j) => 1e5 * Math.exp(-j / 12));
  const data = response.map((row) => row.reduce((acc, p, j) => acc + p * truth[j], 0));
  return {
    data, data_err: data.map(Math.sqrt), response, response_err: response.map((row) => row.map((p) => Math.sqrt((p * (1 - p)) / 2000))),
    efficiencies: eff, efficiencies_err: eff.map((e) => e / Math.sqrt(2000)), ts_stopping: 0, max_iter: ITERATIONS,
  };
}

/** max_i |a_i - b_i| / |b_i|. */
const maxRel = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.abs(b[i])));

/**
 * Binned IBU (pyunfold's algorithm and error propagation), 60 effects x 50 causes, 20 iterations:
 * ms per unfolding (median of 7) against a vectorised numpy implementation of the same algorithm,
 * best of 1 and 2 BLAS threads; notes carry the agreement of the two results.
 */
export async function bench(): Promise<BenchRecord[]> {
  const p = problem();
  iterativeUnfold(p); // warm-up (JIT)
  const times: number[] = [];
  let result = iterativeUnfold(p);
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    result = iterativeUnfold(p);
    times.push(performance.now() - t0);
  }
  const hepuq = median(times);
  let peer: number | null = null;
  const notes: Record<string, number | string> = { iterations: result.num_iterations, bins: `${EFFECTS}x${CAUSES}` };
  if (ensurePythonModule('numpy', 'python3-numpy')) {
    const dir = mkdtempSync(join(tmpdir(), 'hepuq-ibu-bench-'));
    try {
      const file = join(dir, 'problem.json');
      writeFileSync(file, JSON.stringify(p));
      type Peer = { seconds: number; numpy: string; num_iterations: number; unfolded: number[]; stat_err: number[]; sys_err: number[] };
      const runs = [1, 2].map((t) => ({ t, out: runPythonPeer<Peer>(peerScript, [file, String(REPEATS)], { OMP_NUM_THREADS: String(t), OPENBLAS_NUM_THREADS: String(t) }) }));
      const best = runs.reduce((a, b) => (b.out.seconds < a.out.seconds ? b : a));
      peer = best.out.seconds * 1000;
      Object.assign(notes, {
        numpy: best.out.numpy,
        threads: runs.map((r) => `${r.t}t=${(r.out.seconds * 1000).toFixed(1)}ms`).join(' '),
        peerIterations: best.out.num_iterations,
        maxRelDiffUnfolded: maxRel(result.unfolded, best.out.unfolded).toExponential(1),
        maxRelDiffStatErr: maxRel(result.stat_err, best.out.stat_err).toExponential(1),
        maxRelDiffSysErr: maxRel(result.sys_err, best.out.sys_err).toExponential(1),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  notes.peakRssMiB = Math.round(peakRssMiB());
  return [{
    name: `ibu ${EFFECTS}x${CAUSES} bins, ${ITERATIONS} iterations + errors`, unit: 'ms', hepuq, peer, peerName: 'numpy (same algorithm, best of 1/2 threads)',
    ratio: peer === null ? null : peer / hepuq, notes,
  }];
}
