import { quantiles } from '../stats/summary-stats.js';

export const WEIGHT_QUANTILES = [0.001, 0.01, 0.05, 0.1587, 0.5, 0.8413, 0.95, 0.99, 0.999] as const;

/** Per-event density ratio and its diagnostics. */
export interface DensityRatio {
  /** w = D/(1-D), clipped to [0, maxWeight], one per generated test event. */
  w: Float64Array;
  /** sigma_w = sigma_D/(1-D)^2 (delta method), when the classifier gives sigma_D. */
  sigma: Float64Array;
  diagnostics: {
    /** Fraction of events whose D or w hit a clip. */
    clippedFraction: number;
    /** Weighted mean of w over the generated sample; E_gen[p_ref/p_gen] = 1 for a well-trained classifier. */
    mean: number;
    meanError: number;
    /** Kish effective size of the reweighted generated sample, as a fraction of its size. */
    effectiveFraction: number;
    max: number;
    /** Mean relative classifier uncertainty sigma_w / w (0 without sigma_D). */
    meanRelativeSigma: number;
    quantiles: Record<string, number>;
  };
}

/**
 * Density ratio w(x) = D(x)/(1 - D(x)) = p_ref(x)/p_gen(x) from a classifier D trained on
 * class-balanced reference (1) vs generated (0) events — the likelihood-ratio trick (Cranmer et al.
 * 1506.02169; Andreassen & Nachman 1907.08209, DCTR). D is clipped to [eps, 1 - eps] and w to
 * [0, maxWeight] so single events cannot dominate; the clipped fraction is reported.
 */
export function densityRatio(d: Float32Array, sigmaD: Float32Array | undefined, eventWeights: Float64Array | undefined, eps: number, maxWeight: number): DensityRatio {
  const n = d.length;
  const w = new Float64Array(n);
  const sigma = new Float64Array(n);
  let clipped = 0, sw = 0, sw2 = 0, swx = 0, swx2 = 0, rel = 0;
  let sPre = 0, sPre2 = 0, max = 0;
  for (let i = 0; i < n; i++) {
    const raw = d[i];
    const p = Math.min(1 - eps, Math.max(eps, raw));
    let wi = p / (1 - p);
    const hit = p !== raw || wi > maxWeight;
    if (wi > maxWeight) wi = maxWeight;
    if (hit) clipped++;
    w[i] = wi;
    sigma[i] = sigmaD ? sigmaD[i] / (1 - p) ** 2 : 0;
    if (wi > 0) rel += sigma[i] / wi;
    const ew = eventWeights ? eventWeights[i] : 1;
    sw += ew;
    sw2 += ew * ew;
    swx += ew * wi;
    swx2 += ew * wi * wi;
    sPre += ew * wi;
    sPre2 += (ew * wi) ** 2;
    max = Math.max(max, wi);
  }
  const mean = swx / sw;
  const variance = Math.max(0, swx2 / sw - mean * mean);
  const nEff = (sw * sw) / sw2;
  const qs = quantiles(w, WEIGHT_QUANTILES);
  return {
    w,
    sigma,
    diagnostics: {
      clippedFraction: clipped / n,
      mean,
      meanError: Math.sqrt(variance / nEff),
      effectiveFraction: (sPre * sPre) / sPre2 / n,
      max,
      meanRelativeSigma: rel / n,
      quantiles: Object.fromEntries(WEIGHT_QUANTILES.map((q, k) => [String(q), qs[k]])),
    },
  };
}
