import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import { normalCdf } from '@hepuq/stats';
import { aucByNuisance, chi2Survival, flatness } from './auc-by-nuisance.js';

/** Scores N(sep(z), 1) for signal and N(0, 1) for background, z ~ U(0, 1), unit weights. */
function synthetic(n: number, sep: (z: number) => number, seed: number, zOf?: (rng: Rng) => number) {
  const rng = new Rng(seed);
  const prob = new Float32Array(n);
  const label = new Float32Array(n);
  const zv = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    zv[i] = zOf ? zOf(rng) : rng.uniform();
    label[i] = i % 2;
    prob[i] = rng.normal(label[i] ? sep(zv[i]) : 0, 1);
  }
  return { prob, label, zv, w: new Float32Array(n).fill(1) };
}

describe('aucByNuisance and flatness', () => {
  it('gives the Gaussian AUC Phi(d / sqrt 2) in every quantile bin of an irrelevant z, and a flat chi2', () => {
    const d = synthetic(40_000, () => 1, 1);
    const bins = aucByNuisance(d.prob, d.label, d.w, d.zv);
    expect(bins).toHaveLength(5);
    // equal-population bins of U(0, 1): edges near 0.2 k (binomial spread of a quantile ~ 0.002)
    expect(bins[1].low).toBeCloseTo(0.2, 1);
    expect(bins.reduce((s, b) => s + b.n, 0)).toBe(40_000);
    for (const b of bins) {
      // 8000 events per bin: bootstrap error ~0.006; 4 errors is a 6e-5 two-sided fluke per bin
      expect(b.error).toBeGreaterThan(0.003);
      expect(b.error).toBeLessThan(0.01);
      expect(Math.abs(b.value - normalCdf(1 / Math.SQRT2))).toBeLessThan(4 * b.error);
    }
    const f = flatness(bins);
    expect(f.ndf).toBe(4);
    // p is uniform under flatness: p < 1e-3 would be a 1-in-1000 fluke
    expect(f.pValue).toBeGreaterThan(1e-3);
  });

  it('flags an AUC that depends on z', () => {
    const d = synthetic(40_000, (zv) => 0.5 + zv, 2);
    const f = flatness(aucByNuisance(d.prob, d.label, d.w, d.zv, { bins: 4 }));
    // AUC goes from Phi(0.62 / 1.41) = 0.67 to 0.83 across the bins, ~25 errors apart
    expect(f.pValue).toBeLessThan(1e-10);
    expect(f.chi2).toBeGreaterThan(100);
  });

  it('uses one bin per value for discrete z and explicit edges when given', () => {
    const d = synthetic(6000, (zv) => (zv > 0 ? 2 : 0), 3, (rng) => [-1, 1][rng.int(2)]);
    const bins = aucByNuisance(d.prob, d.label, d.w, d.zv);
    expect(bins.map((b) => [b.low, b.high])).toEqual([[-1, -1], [1, 1]]);
    // separation 0 gives AUC 1/2, separation 2 gives Phi(sqrt 2) = 0.921 (3000 events: error ~0.01)
    expect(Math.abs(bins[0].value - 0.5)).toBeLessThan(4 * bins[0].error);
    expect(Math.abs(bins[1].value - normalCdf(Math.SQRT2))).toBeLessThan(4 * bins[1].error);
    const c = synthetic(4000, () => 1, 4);
    const edged = aucByNuisance(c.prob, c.label, c.w, c.zv, { edges: [0, 0.5, 0.75] });
    expect(edged.map((b) => [b.low, b.high])).toEqual([[0, 0.5], [0.5, 0.75]]);
    // U(0, 1): 4000 * 0.5 and 4000 * 0.25 events expected, binomial std 32 and 27; allow 150
    expect(Math.abs(edged[0].n - 2000)).toBeLessThan(150);
    expect(Math.abs(edged[1].n - 1000)).toBeLessThan(150);
  });

  it('returns NaN for a bin without both classes and rejects bad input', () => {
    const bins = aucByNuisance(Float32Array.of(0.1, 0.2, 0.9, 0.8), Float32Array.of(0, 0, 1, 0), new Float32Array(4).fill(1), Float32Array.of(0, 0, 1, 1));
    expect(Number.isNaN(bins[0].value)).toBe(true);
    expect(bins[1].value).toBe(1);
    expect(() => aucByNuisance(Float32Array.of(1), Float32Array.of(1, 0), Float32Array.of(1), Float32Array.of(1))).toThrow(/must match/);
    expect(() => aucByNuisance(Float32Array.of(1), Float32Array.of(1), Float32Array.of(1), Float32Array.of(1), { edges: [1, 0] })).toThrow(/edges\.1/);
    expect(() => flatness([{ value: 0.5, error: 0.1 }])).toThrow(/at least 2 bins/);
  });

  it('chi2Survival matches tabulated quantiles and the exponential for k = 2', () => {
    // 95% quantiles of chi2(k), k = 1..5, from scipy.stats.chi2.ppf(0.95, k)
    const q95 = [3.841458820694124, 5.991464547107979, 7.814727903251178, 9.487729036781154, 11.070497693516351];
    q95.forEach((x, i) => expect(chi2Survival(x, i + 1)).toBeCloseTo(0.05, 12));
    expect(chi2Survival(3, 2)).toBeCloseTo(Math.exp(-1.5), 14);
    expect(chi2Survival(0, 3)).toBe(1);
    // 99.9% quantile of chi2(30) = 59.70306...
    expect(chi2Survival(59.70306, 30)).toBeCloseTo(0.001, 6);
  });
});
