/** Default number of equal-width (and equal-mass) bins of the ECE and the reliability diagram. */
export const ECE_BINS = 15;

/** Top-label confidence max(p, 1-p) and correctness of the predicted label 1[p >= 0.5] (Guo et al. 2017). */
export function topLabel(prob: Float32Array, label: Float32Array): { conf: Float32Array; correct: Uint8Array } {
  const conf = new Float32Array(prob.length);
  const correct = new Uint8Array(prob.length);
  for (let i = 0; i < prob.length; i++) {
    const p = prob[i];
    conf[i] = p >= 0.5 ? p : 1 - p;
    correct[i] = (p >= 0.5 ? 1 : 0) === label[i] ? 1 : 0;
  }
  return { conf, correct };
}

/** Equal-width bin of a value in [0, 1]: min(floor(v B), B - 1). */
export function equalWidthBins(v: Float32Array, bins: number): Int32Array {
  const b = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) b[i] = Math.min(Math.floor(v[i] * bins), bins - 1);
  return b;
}

/**
 * Expected calibration error, L1: sum_b (W_b / W) |acc_b - conf_b| over bins with positive weight —
 * Naeini et al., AAAI 2015; Guo et al., ICML 2017, eq. 3. `k` are optional bootstrap multiplicities.
 */
export function eceFromBins(
  bin: Int32Array, nBins: number, conf: Float32Array, correct: Uint8Array, w: Float32Array, k?: Uint8Array,
): number {
  const sw = new Float64Array(nBins);
  const sc = new Float64Array(nBins);
  const sa = new Float64Array(nBins);
  for (let i = 0; i < bin.length; i++) {
    const wi = k ? w[i] * k[i] : w[i];
    const b = bin[i];
    sw[b] += wi;
    sc[b] += wi * conf[i];
    sa[b] += wi * correct[i];
  }
  return eceFromSums(sw, sc, sa);
}

/** ECE from per-bin sums W_b = sum w, sum w c and sum w 1[correct]: sum_b |sa_b - sc_b| / sum_b W_b over bins with W_b > 0. */
export function eceFromSums(sw: Float64Array, sc: Float64Array, sa: Float64Array): number {
  let total = 0;
  let gap = 0;
  for (let b = 0; b < sw.length; b++) {
    if (!(sw[b] > 0)) continue;
    total += sw[b];
    gap += Math.abs(sa[b] - sc[b]);
  }
  return gap / total;
}

/**
 * Reliability-diagram data for P(y = 1): per equal-width bin of p, the weighted mean p, the observed
 * frequency of y = 1 with its binomial error sqrt(f(1-f)/Neff_b), and the bin weight.
 */
export function reliabilityData(prob: Float32Array, label: Float32Array, w: Float32Array, bins = ECE_BINS): ReliabilityData {
  const bin = equalWidthBins(prob, bins);
  const sums: ReliabilitySums = { sw: new Float64Array(bins), sw2: new Float64Array(bins), sp: new Float64Array(bins), sy: new Float64Array(bins) };
  const { sw, sw2, sp, sy } = sums;
  for (let i = 0; i < prob.length; i++) {
    const b = bin[i];
    sw[b] += w[i];
    sw2[b] += w[i] * w[i];
    sp[b] += w[i] * prob[i];
    sy[b] += w[i] * label[i];
  }
  return reliabilityFromSums(sums);
}

/** Per equal-width bin of p: sum w, sum w^2, sum w p and sum w y. */
export interface ReliabilitySums {
  sw: Float64Array;
  sw2: Float64Array;
  sp: Float64Array;
  sy: Float64Array;
}

/** Reliability-diagram rows (bins with positive weight only), as `reliabilityData` returns them. */
export interface ReliabilityData {
  binLow: number[];
  binHigh: number[];
  meanProb: number[];
  frequency: number[];
  frequencyError: number[];
  weight: number[];
}

/** `reliabilityData` from its per-bin sums. */
export function reliabilityFromSums({ sw, sw2, sp, sy }: ReliabilitySums): ReliabilityData {
  const bins = sw.length;
  const out: ReliabilityData = { binLow: [], binHigh: [], meanProb: [], frequency: [], frequencyError: [], weight: [] };
  for (let b = 0; b < bins; b++) {
    if (!(sw[b] > 0)) continue;
    const f = sy[b] / sw[b];
    const neff = (sw[b] * sw[b]) / sw2[b];
    const fc = Math.min(Math.max(f, 0), 1);
    out.binLow.push(b / bins);
    out.binHigh.push((b + 1) / bins);
    out.meanProb.push(sp[b] / sw[b]);
    out.frequency.push(f);
    out.frequencyError.push(Math.sqrt((fc * (1 - fc)) / neff));
    out.weight.push(sw[b]);
  }
  return out;
}
