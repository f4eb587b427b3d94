// Test-only helpers (excluded from the build): sample moments, grid integration, binned chi^2 (pulls: core's `pulls`).
import { HepuqError } from '@hepuq/core';

/** Mean and standard deviation (1/(n-1)) of a column. */
export function moments(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (values.length - 1)) };
}

export interface Box { lo1: number; hi1: number; lo2: number; hi2: number }

/** Midpoint-rule integral of p over a box on an m x m grid. */
export function integrate2d(p: (x1: number, x2: number) => number, box: Box, m: number): number {
  const h1 = (box.hi1 - box.lo1) / m;
  const h2 = (box.hi2 - box.lo2) / m;
  let s = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) s += p(box.lo1 + (i + 0.5) * h1, box.lo2 + (j + 0.5) * h2);
  }
  return s * h1 * h2;
}

/**
 * Pearson chi^2 of a b x b histogram of (x1, x2) against n * (integral of p over each bin, 20 x 20 midpoint
 * sub-grid); bins expecting fewer than 5 events are merged into one overflow bin.
 */
export function chi2VsDensity(
  x1: Float32Array, x2: Float32Array, p: (a: number, b: number) => number, box: Box, b: number,
): { chi2: number; ndf: number } {
  const n = x1.length;
  const counts = new Float64Array(b * b);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const u = Math.floor(((x1[i] - box.lo1) / (box.hi1 - box.lo1)) * b);
    const v = Math.floor(((x2[i] - box.lo2) / (box.hi2 - box.lo2)) * b);
    if (u < 0 || u >= b || v < 0 || v >= b) outside++;
    else counts[u * b + v]++;
  }
  const w1 = (box.hi1 - box.lo1) / b;
  const w2 = (box.hi2 - box.lo2) / b;
  let chi2 = 0;
  let ndf = 0;
  let smallObs = outside;
  let smallExp = 0;
  let totalExp = 0;
  for (let u = 0; u < b; u++) {
    for (let v = 0; v < b; v++) {
      const cell = { lo1: box.lo1 + u * w1, hi1: box.lo1 + (u + 1) * w1, lo2: box.lo2 + v * w2, hi2: box.lo2 + (v + 1) * w2 };
      const expected = n * integrate2d(p, cell, 20);
      totalExp += expected;
      if (expected < 5) {
        smallObs += counts[u * b + v];
        smallExp += expected;
      } else {
        chi2 += (counts[u * b + v] - expected) ** 2 / expected;
        ndf++;
      }
    }
  }
  smallExp += n - totalExp; // the probability outside the box
  if (smallExp >= 5) {
    chi2 += (smallObs - smallExp) ** 2 / smallExp;
    ndf++;
  }
  if (ndf < 2) throw new HepuqError('InvalidArgument', `chi2VsDensity: only ${ndf} usable bins`);
  return { chi2, ndf: ndf - 1 }; // the total is fixed: one constraint
}

/** Arrays equal element by element (reproducibility checks). */
export function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The HepuqError `fn` throws (fails the test when it throws nothing or something else). */
export function thrown(fn: () => unknown): HepuqError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HepuqError) return e;
    throw e;
  }
  throw new Error('expected a HepuqError, nothing was thrown');
}

/**
 * Worst |mean label - mean prob| over 10 equal-width bins of prob (bins with >= 100 events), in units of the
 * binomial standard error: for an exact posterior it is the largest of <= 10 |N(0, 1)| draws.
 */
export function calibrationPull(label: Float32Array, prob: ArrayLike<number>): number {
  const bins = 10;
  const n = new Float64Array(bins);
  const sumLabel = new Float64Array(bins);
  const sumProb = new Float64Array(bins);
  for (let i = 0; i < label.length; i++) {
    const b = Math.min(bins - 1, Math.floor(prob[i] * bins));
    n[b]++;
    sumLabel[b] += label[i];
    sumProb[b] += prob[i];
  }
  let worst = 0;
  for (let b = 0; b < bins; b++) {
    if (n[b] < 100) continue;
    const p = sumProb[b] / n[b];
    const se = Math.sqrt(Math.max(p * (1 - p), 1e-4) / n[b]);
    worst = Math.max(worst, Math.abs(sumLabel[b] / n[b] - p) / se);
  }
  return worst;
}

/** Values of `col` for the events with label `label`, as float64. */
export function ofClass(label: Float32Array, col: ArrayLike<number>, which: 0 | 1): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < label.length; i++) if (label[i] === which) out.push(col[i]);
  return Float64Array.from(out);
}
