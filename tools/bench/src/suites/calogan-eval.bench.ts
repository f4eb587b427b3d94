import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '@hepuq/core';
import { featureSample, fpdInfinity, gaussianSample, identityCov, kpd, normaliseSamples, prdc, type FeatureSample } from '@hepuq/plugin-calogan-eval';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, peakRssMiB, runPythonPeer } from '../measure.js';

const N = 50_000;
const D = 20;
/**
 * PRDC runs on the full samples, O(n^2 d): the first 20k events of each sample. The peer, like the
 * reference package, forms the n x n distance matrices (in row blocks of 2000); 20k keeps each block
 * at 320 MB, where 50k x 50k would be 20 GB of float64 for the unblocked matrix.
 */
const N_PRDC = 20_000;
const peerScript = fileURLToPath(new URL('../../peers/calogan_eval_ref.py', import.meta.url));

interface PeerResult {
  ms: number;
  value: number | number[];
  error: number | number[];
}

/** Median wall time of `repeats` calls, and the last result. */
function time<T>(f: () => T, repeats: number): { ms: number; result: T } {
  const ms: number[] = [];
  let result!: T;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    result = f();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), result };
}

/** The first n events of a sample. */
const head = (s: FeatureSample, n: number): FeatureSample => featureSample(s.data.subarray(0, n * s.d), s.d, { source: s.source });

/**
 * FPD_inf and KPD on 50k x 20 features (reference N(0, 1), generated shifted by 0.05 sigma), PRDC on
 * the full samples of the first 20k events of each, hepuq vs a numpy/scipy reference implementation of
 * the same definitions (tools/bench/peers/calogan_eval_ref.py: np.cov + scipy.linalg.sqrtm batches,
 * full kernel matrices, prdc's `compute_prdc` with blocked BLAS distances + np.partition), both on the
 * same normalised data. Times in ms, ratio = peer / hepuq.
 */
export async function bench(): Promise<BenchRecord[]> {
  const rng = new Rng(1);
  const raw = {
    reference: gaussianSample(N, Array<number>(D).fill(0), identityCov(D), rng, 'reference'),
    generated: gaussianSample(N, Array<number>(D).fill(0.05), identityCov(D), rng, 'generated'),
  };
  const { reference, generated } = normaliseSamples(raw.reference, raw.generated, 'reference');
  const dir = await mkdtemp(join(tmpdir(), 'calogan-bench-'));
  const dump = async (s: FeatureSample, name: string) => {
    const path = join(dir, name);
    await writeFile(path, new Uint8Array(s.data.buffer, s.data.byteOffset, s.data.byteLength));
    return path;
  };
  const refPath = await dump(reference, 'ref.f64');
  const genPath = await dump(generated, 'gen.f64');
  const prdcSamples = { reference: head(reference, N_PRDC), generated: head(generated, N_PRDC) };
  const prdcPaths = [await dump(prdcSamples.reference, 'ref-prdc.f64'), await dump(prdcSamples.generated, 'gen-prdc.f64')];
  const havePeer = ensurePythonModule('scipy', 'python3-scipy');
  const peer = (metric: string, repeats: number, paths = [refPath, genPath]): PeerResult | null => (havePeer ? runPythonPeer<PeerResult>(peerScript, [...paths, String(D), metric, String(repeats)]) : null);
  const fmt = (v: number | number[]) => (Array.isArray(v) ? v.map((x) => x.toPrecision(4)).join('/') : v.toPrecision(4));
  const records: BenchRecord[] = [];
  const record = (name: string, ms: number, p: PeerResult | null, notes: Record<string, number | string>) =>
    records.push({ name, unit: 'ms', hepuq: ms, peer: p?.ms ?? null, peerName: 'numpy/scipy reference (same definitions)', ratio: p ? p.ms / ms : null, notes: { ...notes, ...(p ? { peerValue: fmt(p.value), peerError: fmt(p.error) } : {}), peakRssMiB: Math.round(peakRssMiB()) } });
  try {
    // FPD_inf without bootstrap is the same work as the peer (10 batch sizes x 20 batches); the default adds 20 bootstrap replicates
    const f = time(() => fpdInfinity(reference, generated, { bootstrap: 0, seed: 1 }), 3);
    const fBoot = time(() => fpdInfinity(reference, generated, { seed: 1 }), 1);
    record(`calogan-eval FPD_inf ${N / 1000}k x ${D}`, f.ms, peer('fpd', 3), { value: f.result.value.toPrecision(4), error: f.result.error.toPrecision(2), withBootstrap20Ms: Math.round(fBoot.ms), bootstrapError: fBoot.result.error.toPrecision(2) });
    const k = time(() => kpd(reference, generated, { seed: 1 }), 3);
    const kDirect = time(() => kpd(reference, generated, { seed: 1, algorithm: 'direct', batches: 2 }), 1);
    record(`calogan-eval KPD ${N / 1000}k x ${D} (10 x 5000)`, k.ms, peer('kpd', 1), { value: k.result.value.toPrecision(4), error: k.result.error.toPrecision(2), algorithm: 'moments', directMsPerBatch: Math.round(kDirect.ms / 2) });
    // PRDC's default: one evaluation on all events of both samples (prdc's compute_prdc), binomial errors
    const p = time(() => prdc(prdcSamples.reference, prdcSamples.generated, { k: 5 }), 1);
    const v = p.result;
    record(`calogan-eval PRDC ${N_PRDC / 1000}k x ${N_PRDC / 1000}k x ${D} full samples (k=5)`, p.ms, peer('prdc', 1, prdcPaths), {
      value: [v.precision, v.recall, v.density, v.coverage].map((x) => x.value.toPrecision(4)).join('/'),
      error: [v.precision, v.recall, v.density, v.coverage].map((x) => x.error.toPrecision(2)).join('/'),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return records;
}
