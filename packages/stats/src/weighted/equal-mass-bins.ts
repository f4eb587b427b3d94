import { argsortFloat32 } from '../sort/argsort.js';

/**
 * Equal-mass bins: events sorted by v, bin = floor(B x cumulative weight before the event / W), clamped
 * to [0, B-1]; tied values share the bin of the first of them, so no bin boundary splits a tie.
 * @example equalMassBins(x, w, 10) // Int32Array of slice indices 0..9
 */
export function equalMassBins(v: Float32Array, w: Float32Array, bins: number): Int32Array {
  const idx = argsortFloat32(v);
  let total = 0;
  for (let i = 0; i < w.length; i++) total += w[i];
  const b = new Int32Array(v.length);
  let cum = 0;
  let current = 0;
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    if (j === 0 || v[i] !== v[idx[j - 1]]) current = Math.min(Math.max(Math.floor((bins * cum) / total), 0), bins - 1);
    b[i] = current;
    cum += w[i];
  }
  return b;
}

/** Per-bin weighted moments of x: W_b, Neff_b, mean, Kish-Bessel std, with errors; bins with W_b <= 0 get NaN. */
export function binnedMoments(bin: Int32Array, nBins: number, x: Float64Array, w: Float32Array) {
  const sw = new Float64Array(nBins);
  const sw2 = new Float64Array(nBins);
  const sx = new Float64Array(nBins);
  for (let i = 0; i < x.length; i++) {
    const b = bin[i];
    sw[b] += w[i];
    sw2[b] += w[i] * w[i];
    sx[b] += w[i] * x[i];
  }
  const mean = Float64Array.from(sx, (s, b) => s / sw[b]);
  const m2 = new Float64Array(nBins);
  const m4 = new Float64Array(nBins);
  for (let i = 0; i < x.length; i++) {
    const b = bin[i];
    const d = x[i] - mean[b];
    m2[b] += w[i] * d * d;
    m4[b] += w[i] * d * d * d * d;
  }
  return Array.from({ length: nBins }, (_, b) => {
    const neff = (sw[b] * sw[b]) / sw2[b];
    const v2 = m2[b] / sw[b];
    const v4 = m4[b] / sw[b];
    const variance = Math.max((v2 * neff) / (neff - 1), 0);
    const std = Math.sqrt(variance);
    const ok = sw[b] > 0 && neff > 1;
    return {
      sumW: sw[b],
      neff,
      mean: ok ? mean[b] : Number.NaN,
      meanError: ok ? Math.sqrt(variance / neff) : Number.NaN,
      std: ok ? std : Number.NaN,
      stdError: ok ? Math.sqrt(Math.max(v4 - v2 * v2, 0) / neff) / (2 * std) : Number.NaN,
    };
  });
}
