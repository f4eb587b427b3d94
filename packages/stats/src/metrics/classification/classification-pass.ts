import { Rng } from '@hepuq/core';
import { poissonBootstrapStds } from '../../bootstrap/poisson-bootstrap.js';
import { equalMassBins } from '../../weighted/equal-mass-bins.js';
import type { ClassificationArrays } from '../metric-input.js';
import { sharedPass, type PassMoments } from '../shared-pass.js';
import { binaryNll } from './binary-nll.js';
import { ECE_BINS, eceFromSums, type ReliabilitySums } from './calibration-bins.js';
import { rankEvents, type RankedEvents } from './ranked-events.js';

/**
 * What the default classification metrics read from one loop over the events (and one more for the
 * central moments). Every per-event term and every per-bin sum is the metrics' own, summed in event
 * order, so the values are the same to the last bit as each metric computing them alone.
 */
export interface ClassificationPass {
  /** Brier term (p - y)^2 and binary cross-entropy per event (weighted mean and central moment). */
  brier: PassMoments;
  bce: PassMoments;
  /** Top-label confidence max(p, 1-p) (float32, as `topLabel`) and correctness 1[1[p >= 0.5] = y]. */
  conf: Float32Array;
  correct: Uint8Array;
  /** Equal-width bin of conf on [0, 1] in `bins` bins, and the ECE over them. */
  confBin: Int32Array;
  ece: number;
  /** Reliability-diagram sums per equal-width bin of p. */
  reliability: ReliabilitySums;
}

/**
 * The pass over a validated classification input, shared by the metrics of one `computeMetrics` call
 * (brier, bce, ece). Keyed by the bin count: an ece with other bins than the default runs its own.
 * @example const { brier } = classificationPass(classificationArrays('brier', input))
 */
export function classificationPass(arrays: ClassificationArrays, bins = ECE_BINS): ClassificationPass {
  return sharedPass(arrays, `classification-pass:${bins}`, () => eventPass(arrays, bins));
}

/** Loop 1: sum w (p - y)^2, sum w l (l the clipped BCE, kept), top label, ECE and reliability bin sums; loop 2: sum w (x - mean)^2 of both. */
function eventPass({ prob, label, w, summary }: ClassificationArrays, bins: number): ClassificationPass {
  const n = prob.length;
  const conf = new Float32Array(n);
  const correct = new Uint8Array(n);
  const confBin = new Int32Array(n);
  // kept, not computed again in the second loop: the logarithm is the dearest operation of the pass
  const nll = new Float64Array(n);
  const sw = new Float64Array(bins);
  const sc = new Float64Array(bins);
  const sa = new Float64Array(bins);
  const reliability: ReliabilitySums = { sw: new Float64Array(bins), sw2: new Float64Array(bins), sp: new Float64Array(bins), sy: new Float64Array(bins) };
  const rel = reliability;
  let sBrier = 0;
  let sBce = 0;
  for (let i = 0; i < n; i++) {
    const p = prob[i];
    const y = label[i];
    const wi = w[i];
    sBrier += wi * (p - y) ** 2;
    const l = binaryNll(p, y);
    nll[i] = l;
    sBce += wi * l;
    const c = Math.fround(p >= 0.5 ? p : 1 - p);
    const ok = (p >= 0.5 ? 1 : 0) === y ? 1 : 0;
    conf[i] = c;
    correct[i] = ok;
    const b = Math.min(Math.floor(c * bins), bins - 1);
    confBin[i] = b;
    sw[b] += wi;
    sc[b] += wi * c;
    sa[b] += wi * ok;
    const r = Math.min(Math.floor(p * bins), bins - 1);
    rel.sw[r] += wi;
    rel.sw2[r] += wi * wi;
    rel.sp[r] += wi * p;
    rel.sy[r] += wi * y;
  }
  const mBrier = sBrier / summary.sumW;
  const mBce = sBce / summary.sumW;
  let qBrier = 0;
  let qBce = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    const d = (prob[i] - label[i]) ** 2 - mBrier;
    qBrier += wi * (d * d);
    const e = nll[i] - mBce;
    qBce += wi * (e * e);
  }
  return {
    brier: { mean: mBrier, m2: qBrier / summary.sumW },
    bce: { mean: mBce, m2: qBce / summary.sumW },
    conf, correct, confBin, ece: eceFromSums(sw, sc, sa), reliability,
  };
}

/**
 * Events ranked by p (one radix argsort), shared by the metrics of one `computeMetrics` call.
 * @example const value = aucFromRanked(classificationRanked(arrays))
 */
export function classificationRanked(arrays: ClassificationArrays): RankedEvents {
  return sharedPass(arrays, 'classification-ranked', () => rankEvents(arrays.prob, arrays.label, arrays.w));
}

/**
 * Equal-mass bins of the top-label confidence (`equalMassBins`), shared like the pass.
 * @example const mass = classificationMassBins(arrays, 15)
 */
export function classificationMassBins(arrays: ClassificationArrays, bins = ECE_BINS): Int32Array {
  return sharedPass(arrays, `classification-mass-bins:${bins}`, () => equalMassBins(classificationPass(arrays, bins).conf, arrays.w, bins));
}

/**
 * Poisson-bootstrap stds of the ECE in the pass's equal-width bins and in `massBin`: one draw of the
 * multiplicities per replica serves both (the same stream each would draw alone from `seed`), and one
 * loop over the events fills both binnings' sums (per bin in event order, as `eceFromBins`).
 * @example const [eceError, massError] = eceBootstrapStds(pass, massBin, w, 100, 0)
 */
export function eceBootstrapStds(pass: ClassificationPass, massBin: Int32Array, w: Float32Array, replicas: number, seed: number): [number, number] {
  if (replicas < 2) return [Number.NaN, Number.NaN];
  const { conf, correct, confBin } = pass;
  const bins = pass.reliability.sw.length;
  // (sum w, sum w c, sum w 1[correct]) per bin, equal-width bins then equal-mass bins: one array
  // ran the scatter about 2x faster than six in a micro-benchmark
  const acc = new Float64Array(6 * bins);
  const mass0 = 3 * bins;
  const [width, mass] = poissonBootstrapStds(conf.length, replicas, new Rng(seed), (k) => {
    replicaSums(acc, w, k, conf, correct, confBin, massBin, mass0);
    return [eceOfTriples(acc, 0, bins), eceOfTriples(acc, mass0, bins)];
  });
  return [width, mass];
}

/** Per-bin sums of one replica into `acc` (equal-width bins from 0, equal-mass bins from `mass0`). */
function replicaSums(
  acc: Float64Array, w: Float32Array, k: Uint8Array, conf: Float32Array, correct: Uint8Array, confBin: Int32Array, massBin: Int32Array, mass0: number,
): void {
  acc.fill(0);
  for (let i = 0; i < conf.length; i++) {
    // w k is exact in float64 (24 + 4 bits), and so is (w k) c: the same terms as eceFromBins
    const wi = w[i] * k[i];
    const wc = wi * conf[i];
    const wa = wi * correct[i];
    const b1 = 3 * confBin[i];
    acc[b1] += wi;
    acc[b1 + 1] += wc;
    acc[b1 + 2] += wa;
    const b2 = mass0 + 3 * massBin[i];
    acc[b2] += wi;
    acc[b2 + 1] += wc;
    acc[b2 + 2] += wa;
  }
}

/** `eceFromSums` over `bins` triples (W_b, sum w c, sum w 1[correct]) from `offset` (the same operations in the same order). */
function eceOfTriples(acc: Float64Array, offset: number, bins: number): number {
  let total = 0;
  let gap = 0;
  for (let b = offset; b < offset + 3 * bins; b += 3) {
    if (!(acc[b] > 0)) continue;
    total += acc[b];
    gap += Math.abs(acc[b + 2] - acc[b + 1]);
  }
  return gap / total;
}
