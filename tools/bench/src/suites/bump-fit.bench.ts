import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '@hepuq/core';
import { bumpFit, dijetShape, type BumpFitResult } from '@hepuq/plugin-cwola';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, peakRssMiB, runPythonPeer } from '../measure.js';

const SPECTRA = 200;
const BINS = 40;
const FROM = 1800;
const TO = 7000;
const SQRT_S = 13000;
const SR: [number, number] = [18, 20];
const TRUTH = [40, 10, 5];
const REPEATS = 5;
const peerScript = fileURLToPath(new URL('../../peers/bump_fit_scipy.py', import.meta.url));

/** 40 bins of 130 GeV from 1.8 to 7 TeV, Poisson counts around dijet3 (p = 40, 10, 5): background only, seeded. */
function spectra() {
  const low = Array.from({ length: BINS }, (_, i) => FROM + ((TO - FROM) * i) / BINS);
  const high = Array.from({ length: BINS }, (_, i) => FROM + ((TO - FROM) * (i + 1)) / BINS);
  const lambda = low.map((l, i) => dijetShape('dijet3', 0.5 * (l + high[i]), TRUTH, SQRT_S));
  const rng = new Rng(1902);
  return { low, high, counts: Array.from({ length: SPECTRA }, () => lambda.map((v) => rng.poisson(v))) };
}

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/**
 * The CWoLa-hunting dijet bump fit (dijet3, least squares with sigma = sqrt(N + 1), SR sigma_b and
 * profiled counting significance) of 200 seeded 40-bin spectra: ms per fit (median of 5 passes)
 * against scipy curve_fit (MINPACK LM, analytic Jacobian) doing the same; notes carry the largest
 * differences of the fitted parameters, sigma_b and z between the two.
 */
export async function bench(): Promise<BenchRecord[]> {
  const s = spectra();
  const fitAll = () => s.counts.map((counts) => bumpFit({ low: s.low, high: s.high, counts }, { sr: SR, sqrtS: SQRT_S }));
  let results: BumpFitResult[] = fitAll(); // warm-up (JIT)
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    results = fitAll();
    times.push((performance.now() - t0) / SPECTRA);
  }
  const hepuq = median(times);
  const notes: Record<string, number | string> = { spectra: SPECTRA, bins: BINS, maxIterations: Math.max(...results.map((r) => r.iterations)) };
  let peer: number | null = null;
  if (ensurePythonModule('scipy', 'python3-scipy')) {
    const dir = mkdtempSync(join(tmpdir(), 'hepuq-bump-fit-bench-'));
    try {
      const file = join(dir, 'spectra.json');
      writeFileSync(file, JSON.stringify({ sqrt_s: SQRT_S, low: s.low, high: s.high, sr: SR, spectra: s.counts }));
      type Peer = { seconds_per_fit: number; scipy: string; numpy: string; results: { fit_params: number[]; sigma_b: number; z: number }[] };
      const out = runPythonPeer<Peer>(peerScript, [file, String(REPEATS)], { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' });
      peer = out.seconds_per_fit * 1000;
      const maxOver = (f: (r: BumpFitResult, i: number) => number) => Math.max(...results.map(f));
      Object.assign(notes, {
        scipy: out.scipy,
        maxRelDiffParams: maxOver((r, i) => Math.max(...r.fit_params.map((p, j) => relDiff(p, out.results[i].fit_params[j])))).toExponential(1),
        maxRelDiffSigmaB: maxOver((r, i) => relDiff(r.sigma_b, out.results[i].sigma_b)).toExponential(1),
        maxAbsDiffZ: maxOver((r, i) => Math.abs(r.z - out.results[i].z)).toExponential(1),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  notes.peakRssMiB = Math.round(peakRssMiB());
  return [{
    name: `bump-fit dijet3 ${BINS} bins, ${SPECTRA} spectra`, unit: 'ms', hepuq, peer, peerName: 'scipy curve_fit (MINPACK LM, analytic Jacobian)',
    ratio: peer === null ? null : peer / hepuq, notes,
  }];
}
