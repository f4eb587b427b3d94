import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrationMetric, computeMetrics, coverageMetric, createAucMetric, createCalibrationMetric, createEceMetric, crpsMetric, defaultMetricKeys, gaussianNllMetric, pullsMetric, rmseMetric, builtinMetrics } from '@hepuq/stats';
import { regressionPrediction, Rng, type ClassificationPrediction, type Metric, type MetricInput, type MetricValue } from '@hepuq/core';
import type { BenchRecord } from '../bench-record.js';
import { ensurePythonModule, median, peakRssMiB, runPythonPeer } from '../measure.js';

const N = 1_000_000;
const REPEATS = 3;
const peerScript = fileURLToPath(new URL('../../peers/metrics_ref.py', import.meta.url));

interface PeerResult { seconds: number; value: number | Record<string, number> }

function timed(fn: () => Record<string, MetricValue>): { seconds: number; values: Record<string, MetricValue> } {
  const times: number[] = [];
  let values: Record<string, MetricValue> = {};
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    values = fn();
    times.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(times), values };
}

const run = (metrics: Metric[], input: MetricInput) => () => computeMetrics(metrics, input, metrics.map((m) => m.key));

/** Metric throughput on 10^6 weighted predictions vs vectorised numpy/scipy with the same definitions. */
export async function bench(): Promise<BenchRecord[]> {
  const rng = new Rng(1);
  const mean = rng.normalArray(N);
  const sigma = Float32Array.from({ length: N }, () => 0.5 + rng.uniform());
  const truth = Float32Array.from(mean, (m, i) => m + sigma[i] * rng.normal());
  const weight = Float32Array.from({ length: N }, () => (rng.uniform() < 0.05 ? -0.5 : 1));
  const logit = rng.normalArray(N, 0, 2);
  const prob = Float32Array.from(logit, (z) => 1 / (1 + Math.exp(-z)));
  const label = Float32Array.from(prob, (p) => (rng.uniform() < p ? 1 : 0));
  const reg: MetricInput = { prediction: regressionPrediction(mean, new Float32Array(N), sigma), truth, weights: weight };
  const cls: ClassificationPrediction = { kind: 'classification', prob, sigmaProb: new Float32Array(N) };
  const clsInput: MetricInput = { prediction: cls, truth: label, weights: weight };

  const cases: { name: string; peerKey: string; fn: () => Record<string, MetricValue>; check: string }[] = [
    { name: 'pulls+coverage+nll+rmse', peerKey: 'core', fn: run([pullsMetric, coverageMetric, gaussianNllMetric, rmseMetric], reg), check: 'pull_std' },
    { name: 'crps (Gaussian closed form)', peerKey: 'crps', fn: run([crpsMetric], reg), check: 'crps' },
    { name: 'calibration curves (no bootstrap)', peerKey: 'calibration', fn: run([createCalibrationMetric({ bootstrap: 0 })], reg), check: 'mace' },
    { name: 'auc (no bootstrap)', peerKey: 'auc', fn: run([createAucMetric({ bootstrap: 0 })], clsInput), check: 'auc' },
    { name: 'ece equal-width + equal-mass (no bootstrap)', peerKey: 'ece', fn: run([createEceMetric({ bootstrap: 0 })], clsInput), check: 'ece_mass' },
    // what `hepuq run` computes for a regression model: 9 metrics, calibration with 100 bootstrap replicas
    { name: 'default regression set', peerKey: 'default', fn: () => computeMetrics(builtinMetrics(), reg, defaultMetricKeys('regression')), check: 'check' },
    // what `hepuq run` computes for a binary classifier: auc, brier, bce, ece; auc and ece with 100 bootstrap replicas
    { name: 'default classification set', peerKey: 'default_classification', fn: () => computeMetrics(builtinMetrics(), clsInput, defaultMetricKeys('classification')), check: 'ece' },
  ];
  const ours = cases.map((c) => ({ ...c, ...timed(c.fn) }));
  const extra = [
    { name: 'auc with 100 bootstrap replicas', ...timed(run([createAucMetric()], clsInput)) },
    { name: 'calibration with 100 bootstrap replicas', ...timed(run([calibrationMetric], reg)) },
  ];

  let peer: Record<string, PeerResult> | null = null;
  if (ensurePythonModule('scipy', 'python3-scipy')) {
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-metrics-bench-'));
    try {
      const cols = { mean, sigma, truth, weight, prob, label };
      for (const [k, v] of Object.entries(cols)) await writeFile(join(dir, `${k}.f32`), new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      peer = runPythonPeer<Record<string, PeerResult>>(peerScript, [dir, String(N), String(REPEATS)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const rss = Math.round(peakRssMiB());
  const records: BenchRecord[] = ours.map((c) => {
    const p = peer?.[c.peerKey];
    const peerRate = p ? N / p.seconds : null;
    const peerValue = p === undefined ? undefined : typeof p.value === 'number' ? p.value : p.value[c.check];
    return {
      name: `metrics ${c.name} 1e6`, unit: 'events/s', hepuq: N / c.seconds, peer: peerRate, peerName: 'numpy/scipy (vectorised)',
      ratio: peerRate ? N / c.seconds / peerRate : null,
      notes: {
        [`${c.check}_hepuq`]: Number(c.values[c.check].value.toPrecision(8)),
        ...(peerValue === undefined ? {} : { [`${c.check}_peer`]: Number(Number(peerValue).toPrecision(8)) }),
        peakRssMiB: rss,
      },
    };
  });
  for (const e of extra) {
    records.push({ name: `metrics ${e.name} 1e6`, unit: 'events/s', hepuq: N / e.seconds, peer: null, peerName: 'none (no peer computes this)', ratio: null, notes: { peakRssMiB: rss } });
  }
  return records;
}
