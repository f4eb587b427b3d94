import { describe, expect, it } from 'vitest';
import { HepuqError, regressionPrediction, Rng, type MetricInput } from '@hepuq/core';
import { defaultMetricKeys } from '../default-metrics.js';
import { closureMetric, createClosureMetric, CLOSURE } from './closure.metric.js';

/** y ~ U(20, 200) and a prediction y (1 + r(y, eps)) for a residual law r; sigma 1 everywhere. */
function sample(n: number, seed: number, r: (y: number, eps: number) => number): MetricInput {
  const rng = new Rng(seed);
  const truth = Float32Array.from({ length: n }, () => 20 + 180 * rng.uniform());
  const mean = Float32Array.from(truth, (y) => y * (1 + r(y, rng.normal())));
  return { prediction: regressionPrediction(mean, new Float32Array(n), new Float32Array(n).fill(1)), truth };
}

function thrown(fn: () => unknown): HepuqError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HepuqError) return e;
    throw e;
  }
  throw new Error('expected a HepuqError');
}

describe('closure metric', () => {
  it('writes one row { low, high, mean, mean_error, median, ... } per quantile bin of the true y', () => {
    const out = closureMetric.compute(sample(20_000, 1, (_y, e) => 0.1 * e));
    const rows = out.tables!.closure;
    expect(rows).toHaveLength(10);
    for (const key of ['low', 'high', 'n', 'neff', 'y_mean', 'mean', 'mean_error', 'median', 'median_error']) expect(Object.keys(rows[0])).toContain(key);
    // quantile bins of a flat y: 2000 events each, contiguous, covering [min y, max y]
    for (const [b, row] of rows.entries()) {
      expect(Math.abs(row.n - 2000)).toBeLessThanOrEqual(1);
      if (b > 0) expect(row.low).toBe(rows[b - 1].high);
      expect(row.y_mean).toBeGreaterThan(row.low);
      expect(row.y_mean).toBeLessThan(row.high);
    }
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(20_000);
  });

  it('has errors of the size the sample gives: sigma/sqrt(n) for the mean, 1.2533 sigma/sqrt(n) for the median', () => {
    const out = closureMetric.compute(sample(20_000, 2, (_y, e) => 0.1 * e));
    for (const row of out.tables!.closure) {
      // the sample std of 2000 events is known to 1.6% (allow 6%); the density at the median from the
      // 4 sqrt(2000) = 180 events around it to about 1/sqrt(180) = 7.5% (allow 25%, over 3 of them)
      expect(Math.abs(row.mean_error / (0.1 / Math.sqrt(row.n)) - 1)).toBeLessThan(0.06);
      expect(Math.abs(row.median_error / ((1.2533 * 0.1) / Math.sqrt(row.n)) - 1)).toBeLessThan(0.25);
      // a closing prediction: both within 4 errors of 0 in each of the 10 bins
      expect(Math.abs(row.mean)).toBeLessThan(4 * row.mean_error);
      expect(Math.abs(row.median)).toBeLessThan(4 * row.median_error);
    }
    // chi^2/ndf of 10 closing bins: 1 with spread sqrt(2/10) = 0.45; a value above 2.5 has p < 0.5%
    expect(out.values.closure_median_chi2_ndf.value).toBeLessThan(2.5);
    expect(out.values.closure_mean_chi2_ndf.error).toBeCloseTo(Math.sqrt(0.2), 12);
  });

  it('tells the mean from the median: a log-normal smearing closes for the median, not for the mean', () => {
    // prediction = y exp(0.2 eps): median(r) = 0 exactly, mean(r) = exp(0.02) - 1 = 0.0202
    const out = closureMetric.compute(sample(40_000, 3, (_y, e) => Math.exp(0.2 * e) - 1));
    expect(Math.abs(out.values.closure_median.value)).toBeLessThan(4 * out.values.closure_median.error!);
    expect(Math.abs(out.values.closure_mean.value - Math.expm1(0.02))).toBeLessThan(4 * out.values.closure_mean.error!);
    // the mean's non-closure is about 20 errors (0.0202 / (0.2 / sqrt(4e4))): measured, not hidden
    expect(out.values.closure_mean.value / out.values.closure_mean.error!).toBeGreaterThan(10);
    expect(out.values.closure_mean_chi2_ndf.value).toBeGreaterThan(5);
  });

  it('finds the bin that does not close: a shift of -3% above y = 180', () => {
    const out = closureMetric.compute(sample(20_000, 4, (y, e) => 0.05 * e - (y > 182 ? 0.03 : 0)));
    const worst = out.values.closure_median_maxabs;
    expect(worst.value).toBeLessThan(-0.025);
    expect(worst.value).toBeGreaterThan(-0.035);
    expect(out.tables!.closure[9].median).toBe(worst.value);
  });

  it('takes explicit edges (events outside left out, last edge closed) and linear bins', () => {
    const input = sample(5000, 5, (_y, e) => 0.05 * e);
    const rows = createClosureMetric({ bins: [50, 100, 150] }).compute(input).tables!.closure;
    expect(rows.map((r) => [r.low, r.high])).toEqual([[50, 100], [100, 150]]);
    const inside = input.truth.filter((y) => y >= 50 && y <= 150).length;
    expect(rows[0].n + rows[1].n).toBe(inside);
    const linear = createClosureMetric({ bins: 4, binning: 'linear' }).compute(input).tables!.closure;
    const widths = linear.map((r) => r.high - r.low);
    for (const w of widths) expect(w).toBeCloseTo(widths[0], 3);
  });

  it('reweights the test prior: exact weights from a known prior agree with the histogram estimate', () => {
    // r = 0.02 (y - 100) / 100 + noise: the overall mean is 0.02 (E[y] - 100) / 100, so it moves with the prior.
    // Flat on [20, 200]: E[y] = 110, mean 0.002; y^-2: E[y] = ln(10) / (1/20 - 1/200) = 51.17, mean -0.00977
    const input = sample(40_000, 6, (y, e) => (0.02 * (y - 100)) / 100 + 0.01 * e);
    const exact = createClosureMetric({ reweight: { prior: { shape: 'power-law', index: 2 }, from: { shape: 'flat' } } }).compute(input);
    const estimated = createClosureMetric({ reweight: { prior: { shape: 'power-law', index: 2 } } }).compute(input);
    const plain = closureMetric.compute(input);
    expect(Math.abs(plain.values.closure_mean.value - 0.002)).toBeLessThan(4 * plain.values.closure_mean.error!);
    for (const out of [exact, estimated]) {
      const v = out.values.closure_mean_reweighted;
      // the reweighted sample has Neff ~ 1.6e4 of 4e4 events: error ~ 0.012/sqrt(1.6e4) ~ 1e-4; allow 5 errors
      expect(Math.abs(v.value - (0.02 * (Math.LN10 / 0.045 - 100)) / 100)).toBeLessThan(5 * v.error!);
      expect(out.tables!.closure_reweighted).toHaveLength(10);
    }
    // per bin the reweighting only moves y inside the bin: the bin means stay within 3 errors of the plain ones
    exact.tables!.closure_reweighted.forEach((row, b) => {
      expect(Math.abs(row.mean - plain.tables!.closure[b].mean)).toBeLessThan(3 * row.mean_error);
    });
  });

  it('reweights by an extras column (weights multiply the event weights)', () => {
    const input = sample(2000, 7, (_y, e) => 0.05 * e);
    const w = Float32Array.from(input.truth, (y) => (y < 100 ? 3 : 1));
    const out = createClosureMetric({ reweight: { column: 'w_target' } }).compute({ ...input, extras: { w_target: w } });
    const direct = closureMetric.compute({ ...input, weights: w });
    expect(out.values.closure_mean_reweighted).toEqual(direct.values.closure_mean);
    const missing = thrown(() => createClosureMetric({ reweight: { column: 'nope' } }).compute(input));
    expect(missing.code).toBe('MissingColumn');
    expect(missing.message).toMatch(/reweight\.column "nope"/);
  });

  it('refuses y <= 0 for the relative residual with a catalog error naming the row, and takes it with residual: absolute', () => {
    const input = sample(100, 8, () => 0);
    const truth = Float32Array.from(input.truth);
    truth[41] = 0;
    const err = thrown(() => closureMetric.compute({ ...input, truth }));
    expect(err.code).toBe('InvalidArgument');
    expect(err.message).toMatch(/true value is 0 at row 42.*needs y > 0/);
    expect(err.hint).toMatch(/residual: absolute/);
    expect(closureMetric.applies!({ ...input, truth })).toBe(false);
    const absolute = createClosureMetric({ residual: 'absolute' });
    expect(absolute.applies!({ ...input, truth })).toBe(true);
    expect(Number.isFinite(absolute.compute({ ...input, truth }).values.closure_mean.value)).toBe(true);
  });

  it('is configurable by its options schema, strictly, and never a default metric', () => {
    expect(closureMetric.options).toBeDefined();
    expect(closureMetric.configure!({ bins: 3 }).compute(sample(600, 9, () => 0)).tables!.closure).toHaveLength(3);
    const bad = thrown(() => closureMetric.configure!({ bins: 0 }));
    expect(bad.code).toBe('InvalidConfig');
    expect(bad.message).toMatch(/metric "closure".*bins/);
    expect(thrown(() => createClosureMetric({ bins: [1, 3, 2] })).message).toMatch(/rise strictly/);
    expect(thrown(() => createClosureMetric({ bin: 3 })).message).toMatch(/bin/);
    const input = sample(100, 10, () => 0);
    expect(defaultMetricKeys('regression', input)).not.toContain(CLOSURE);
  });
});
