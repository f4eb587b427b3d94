import { column, type FeatureSample } from '../sample/feature-sample.js';
import { binning, binIndex, fillHistogram } from '../stats/binning.js';

export interface ReweightingCheck {
  feature: string;
  /** chi^2 between the normalised reference and generated histograms before and after reweighting by w. */
  chi2Before: number;
  chi2After: number;
  ndf: number;
}

/** chi^2 = sum_b (a_b - c_b)^2 / (s_a^2 + s_c^2) of unit-normalised histograms, s^2 = sum w^2 / (sum w)^2. */
function chi2(a: { sumW: Float64Array; sumW2: Float64Array }, c: { sumW: Float64Array; sumW2: Float64Array }): number {
  const ta = a.sumW.reduce((s, v) => s + v, 0);
  const tc = c.sumW.reduce((s, v) => s + v, 0);
  let x = 0;
  for (let b = 0; b < a.sumW.length; b++) {
    const v = a.sumW2[b] / (ta * ta) + c.sumW2[b] / (tc * tc);
    if (v > 0) x += (a.sumW[b] / ta - c.sumW[b] / tc) ** 2 / v;
  }
  return x;
}

/**
 * Does w reweight the generated sample onto the reference? For every feature, `bins` quantile bins
 * of the reference and the chi^2 (ndf = bins - 1) of the marginal before and after multiplying the
 * generated event weights by w. A calibrated density ratio brings chi2After/ndf to ~1.
 */
export function reweightingCheck(reference: FeatureSample, generated: FeatureSample, w: Float64Array, bins = 10): ReweightingCheck[] {
  const combined = Float64Array.from(w, (wi, i) => wi * (generated.weights ? generated.weights[i] : 1));
  return reference.names.map((feature, j) => {
    const rc = column(reference, j);
    const gc = column(generated, j);
    const b = binning('quantile', rc, reference.weights, gc, bins);
    const ref = fillHistogram(b, rc, reference.weights);
    return {
      feature,
      chi2Before: chi2(ref, fillHistogram(b, gc, generated.weights)),
      chi2After: chi2(ref, fillHistogram(b, gc, combined)),
      ndf: b.nBins - 1,
    };
  });
}

export interface WeightRegion {
  feature: string;
  /** Bin range [lo, hi) of the generated sample's quantile bins (+-Infinity at the ends). */
  lo: number;
  hi: number;
  /** Event-weighted mean of w over the generated events in the bin = p_ref/p_gen of that region. */
  meanW: number;
  error: number;
  /** (meanW - 1) / error. */
  pull: number;
  /** Fraction of generated events in the bin. */
  fraction: number;
}

/**
 * Phase-space regions where w deviates most from 1: per feature, `bins` quantile bins of the
 * generated sample, the mean w in each with its standard error, sorted by |pull|, the `top` first.
 * meanW > 1: the generator under-populates the region; < 1: it over-populates it.
 */
export function weightRegions(generated: FeatureSample, w: Float64Array, bins = 10, top = 10): WeightRegion[] {
  const out: WeightRegion[] = [];
  generated.names.forEach((feature, j) => {
    const gc = column(generated, j);
    const b = binning('quantile', gc, generated.weights, gc, bins);
    const sw = new Float64Array(b.nBins), sw2 = new Float64Array(b.nBins), sx = new Float64Array(b.nBins), sx2 = new Float64Array(b.nBins);
    let total = 0;
    for (let i = 0; i < gc.length; i++) {
      const ew = generated.weights ? generated.weights[i] : 1;
      const k = binIndex(b, gc[i]);
      sw[k] += ew;
      sw2[k] += ew * ew;
      sx[k] += ew * w[i];
      sx2[k] += ew * w[i] * w[i];
      total += ew;
    }
    for (let k = 0; k < b.nBins; k++) {
      if (sw[k] <= 0) continue;
      const m = sx[k] / sw[k];
      const variance = Math.max(0, sx2[k] / sw[k] - m * m);
      const nEff = (sw[k] * sw[k]) / sw2[k];
      const error = nEff > 1 ? Math.sqrt(variance / (nEff - 1)) : Infinity;
      const lo = k === 0 ? -Infinity : b.edges[k - 1];
      const hi = k === b.nBins - 1 ? Infinity : b.edges[k];
      out.push({ feature, lo, hi, meanW: m, error, pull: error > 0 ? (m - 1) / error : 0, fraction: sw[k] / total });
    }
  });
  return out.sort((a, b) => Math.abs(b.pull) - Math.abs(a.pull)).slice(0, top);
}
