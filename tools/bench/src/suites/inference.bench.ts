import { fileURLToPath } from 'node:url';
import { HistFactoryModel, hypotest, linspace, mleFit, parseWorkspace, profileScan1D, uncorrelatedBackground, upperLimit } from '@hepuq/inference';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, peakRssMiB, runPythonPeer } from '../measure.js';

const REPEATS = 5;
const SYNTHETIC_BINS = 20;
const peerScript = fileURLToPath(new URL('../../peers/inference_scipy.py', import.meta.url));

interface PeerTimes { fit_ms: number; scan31_ms: number; hypotest_ms: number; limit_ms?: number }

/** uncorrelated_background with n bins: a Gaussian signal on a falling background (same as the peer's synthetic_model). */
function syntheticWorkspace(n: number) {
  const sig = Array.from({ length: n }, (_, b) => 2 + 8 * Math.exp(-0.5 * ((b - n / 2) / (n / 10)) ** 2));
  const bkg = Array.from({ length: n }, (_, b) => 100 * Math.exp(-b / n) + 10);
  // numpy rounds half to even; no value here is exactly x.5
  const obs = bkg.map((v, b) => Math.round(v + 0.5 * sig[b]));
  return uncorrelatedBackground({ signal: sig, bkg, bkgUncertainty: bkg.map((v) => 0.1 * v), observations: obs });
}

function timeMs(fn: () => unknown, repeats: number): number {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function record(name: string, hepuq: number, peer: number | undefined | null, notes: Record<string, string | number>): BenchRecord {
  const p = peer ?? null;
  return { name, unit: 'ms', hepuq, peer: p, peerName: 'numpy/scipy SLSQP (inference_scipy.py)', ratio: p === null ? null : p / hepuq, notes };
}

/**
 * Fit, 31-point profile scan, asymptotic hypotest and CLs upper limit on pyhf's README model (2 bins,
 * 3 parameters) and on a 20-bin model (21 parameters), against an independent numpy/scipy HistFactory
 * with SLSQP (pyhf's default optimiser; pyhf itself is not packaged in Debian). Times are medians.
 */
export async function bench(): Promise<BenchRecord[]> {
  const peerOk = ensurePythonModule('scipy', 'python3-scipy');
  const records: BenchRecord[] = [];
  for (const bins of [0, SYNTHETIC_BINS]) {
    const ws = parseWorkspace(bins === 0 ? uncorrelatedBackground({ signal: [12, 11], bkg: [50, 52], bkgUncertainty: [3, 7], observations: [51, 48] }) : syntheticWorkspace(bins));
    const model = HistFactoryModel.fromWorkspace(ws);
    const data = model.observedData(ws);
    const grid = linspace(0, 3, 31);
    const label = bins === 0 ? 'pyhf README (2 bins)' : `${bins}-bin shapesys`;
    const notes = { parameters: model.nPars, repeats: REPEATS };
    const hepuq = {
      fit: timeMs(() => mleFit(model, data), REPEATS),
      scan: timeMs(() => profileScan1D(model, data, 'mu', grid), REPEATS),
      hypotest: timeMs(() => hypotest(model, data, 1), REPEATS),
      limit: bins === 0 ? timeMs(() => upperLimit(model, data), REPEATS) : null,
    };
    const peer = peerOk ? runPythonPeer<PeerTimes>(peerScript, ['bench', '--repeats', String(REPEATS), '--bins', String(bins)]) : null;
    records.push(record(`inference fit ${label}`, hepuq.fit, peer?.fit_ms, { ...notes, hesse: 'hepuq only' }));
    records.push(record(`inference scan 31 pts ${label}`, hepuq.scan, peer?.scan31_ms, notes));
    records.push(record(`inference hypotest ${label}`, hepuq.hypotest, peer?.hypotest_ms, notes));
    if (hepuq.limit !== null) records.push(record(`inference upper limit ${label}`, hepuq.limit, peer?.limit_ms, { ...notes, peakRssMiB: Math.round(peakRssMiB()) }));
  }
  return records;
}
