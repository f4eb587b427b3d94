/** One bin of the closure test: events with the binned quantity in [lo, hi). */
export interface ClosureBin {
  lo: number;
  hi: number;
  /** Kish effective number of events. */
  neff: number;
  /** Weighted mean pull (y - mu) / sigma_tot and its standard error. */
  pullMean: number;
  pullMeanError: number;
  /** Weighted pull standard deviation (1 for calibrated error bars). */
  pullStd: number;
}

export interface ClosureResult {
  quantity: string;
  bins: ClosureBin[];
  /** Sum over bins of (pullMean / pullMeanError)^2: chi-square with `ndf = bins` for unbiased means. */
  chi2: number;
  ndf: number;
  /** Upper-tail probability of chi2 (small: the means are biased somewhere). */
  pValue: number;
}

/**
 * Closure of regression error bars in bins of a quantity: equal-count bins, per bin the weighted
 * mean pull with its error sqrt(var / neff) and the pull width. For calibrated, unbiased error bars
 * every mean is compatible with 0 and every width with 1, wherever one looks.
 * @example closure(x, truth, mean, sigmaTot, weights, 'x', 10).pValue
 */
export function closure(
  quantity: Float32Array, truth: Float32Array, mean: Float32Array, sigma: Float32Array, weights: Float32Array, name: string, nBins: number,
): ClosureResult {
  const order = Array.from(quantity.keys()).sort((a, b) => quantity[a] - quantity[b]);
  const bins: ClosureBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const idx = order.slice(Math.floor((b * order.length) / nBins), Math.floor(((b + 1) * order.length) / nBins));
    if (idx.length < 2) continue;
    let sw = 0, sw2 = 0, sp = 0, sp2 = 0;
    for (const i of idx) {
      const p = (truth[i] - mean[i]) / sigma[i];
      sw += weights[i];
      sw2 += weights[i] * weights[i];
      sp += weights[i] * p;
      sp2 += weights[i] * p * p;
    }
    const m = sp / sw;
    const variance = Math.max(sp2 / sw - m * m, 0);
    const neff = (sw * sw) / sw2;
    bins.push({ lo: quantity[idx[0]], hi: quantity[idx[idx.length - 1]], neff, pullMean: m, pullMeanError: Math.sqrt(variance / neff), pullStd: Math.sqrt(variance) });
  }
  const chi2 = bins.reduce((s, b) => s + (b.pullMean / b.pullMeanError) ** 2, 0);
  return { quantity: name, bins, chi2, ndf: bins.length, pValue: chi2Survival(chi2, bins.length) };
}

/** P(X > x) for X ~ chi2(k): the regularized upper incomplete gamma Q(k/2, x/2). */
export function chi2Survival(x: number, k: number): number {
  const a = k / 2;
  const z = x / 2;
  if (z <= 0) return 1;
  const logPrefactor = a * Math.log(z) - z - logGamma(a);
  if (z < a + 1) {
    // series for the lower function P
    let term = 1 / a, sum = term;
    for (let n = 1; n < 500 && Math.abs(term) > 1e-15 * Math.abs(sum); n++) sum += (term *= z / (a + n));
    return Math.max(0, 1 - sum * Math.exp(logPrefactor));
  }
  // continued fraction for Q (Lentz)
  let b = z + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < 1e-300 ? 1e-300 : d;
    c = b + an / c;
    c = Math.abs(c) < 1e-300 ? 1e-300 : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(logPrefactor) * h;
}

/** Lanczos log-gamma (g = 7, 9 terms): about 15 significant digits for a > 0. */
function logGamma(a: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const x = a - 1;
  let s = c[0];
  for (let i = 1; i < 9; i++) s += c[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
