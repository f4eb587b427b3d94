import { z } from 'zod';
import { Rng, type MetricOutput, type MetricValue, parseOrThrow } from '@hepuq/core';
import { poissonBootstrapStds } from '../../bootstrap/poisson-bootstrap.js';
import { binomialFraction, type WeightSummary } from '../../weighted/weighted-stats.js';
import { levelName, SIGMA_LEVELS } from './coverage.metric.js';

/** Options of the calibration-curve metrics. */
export const CalibrationOptions = z
  .object({
    /** The curve is evaluated at expected proportions p_j = j/grid, j = 1..grid-1. */
    grid: z.number().int().min(2).max(10_000).default(100),
    /** Poisson(1) bootstrap replicas for the errors of mace/rmsce/miscal_area (0: none). */
    bootstrap: z.number().int().min(0).max(10_000).default(100),
    seed: z.number().int().min(0).default(0),
    /** Central levels for `<prefix>coverage_<level>`. */
    levels: z.array(z.number().gt(0).lt(1)).default([...SIGMA_LEVELS]),
  })
  .strict();
export type CalibrationOptions = z.input<typeof CalibrationOptions>;

/** A calibration curve: observed against expected proportion, with binomial errors. */
export interface CalibrationCurve {
  expected: number[];
  observed: number[];
  observedError: number[];
}

/** Grid cell of a level u in [0, 1]: ceil(u M), so u <= j/M iff cell <= j. */
function cells(u: Float64Array, grid: number): Int32Array {
  const out = new Int32Array(u.length);
  for (let i = 0; i < u.length; i++) out[i] = Math.min(Math.max(Math.ceil(u[i] * grid), 0), grid);
  return out;
}

/** Cumulative weighted fractions c_j = sum_{cell <= j} w / W, j = 0..M, for two cell assignments in one pass. */
function cumulative2(cellA: Int32Array, cellB: Int32Array, grid: number, w: Float32Array, k?: Uint8Array): [Float64Array, Float64Array] {
  const ha = new Float64Array(grid + 1);
  const hb = new Float64Array(grid + 1);
  let total = 0;
  for (let i = 0; i < cellA.length; i++) {
    const wi = k ? w[i] * k[i] : w[i];
    ha[cellA[i]] += wi;
    hb[cellB[i]] += wi;
    total += wi;
  }
  let ca = 0;
  let cb = 0;
  for (let j = 0; j <= grid; j++) {
    ca += ha[j];
    cb += hb[j];
    ha[j] = ca / total;
    hb[j] = cb / total;
  }
  return [ha, hb];
}

/**
 * Summary of a curve c_j at p_j = j/M: MACE = mean_j |c_j - p_j| and RMSCE = sqrt(mean_j (c_j - p_j)^2)
 * over j = 1..M-1 (Kuleshov et al., ICML 2018; uncertainty-toolbox, Chung et al. 2021), miscalibration
 * area = trapezoid integral over [0, 1] of |c(p) - p| with c(1) = 1.
 */
export function curveSummary(c: Float64Array, grid: number): [number, number, number] {
  let abs = 0;
  let sq = 0;
  let area = 0;
  let prev = Math.abs(c[0]);
  for (let j = 1; j <= grid; j++) {
    const d = j === grid ? 0 : Math.abs(c[j] - j / grid);
    if (j < grid) {
      abs += d;
      sq += d * d;
    }
    area += (0.5 * (prev + d)) / grid;
    prev = d;
  }
  return [abs / (grid - 1), Math.sqrt(sq / (grid - 1)), area];
}

function curveOf(c: Float64Array, grid: number, summary: WeightSummary): CalibrationCurve {
  const out: CalibrationCurve = { expected: [], observed: [], observedError: [] };
  for (let j = 1; j < grid; j++) {
    const f = binomialFraction(c[j] * summary.sumW, summary);
    out.expected.push(j / grid);
    out.observed.push(c[j]);
    out.observedError.push(f.error ?? 0);
  }
  return out;
}

/**
 * Calibration from PIT values F_i(y_i): the interval variant (observed fraction with |2 PIT - 1| <= p,
 * i.e. inside the central p-interval) and the quantile variant (observed fraction with PIT <= p), their
 * MACE, RMSCE and miscalibration area with bootstrap errors, and central-interval coverage at `levels`.
 * Value names: `<prefix>mace`, `<prefix>rmsce`, `<prefix>miscal_area`, `<prefix>mace_pit`, ...,
 * `<prefix>coverage_<level>`.
 */
export function calibrationFromPit(
  pit: Float64Array, w: Float32Array, summary: WeightSummary, options: CalibrationOptions = {}, prefix = '',
): MetricOutput {
  const opts = parseOrThrow(CalibrationOptions, options, { code: 'InvalidArgument', where: 'calibration-curve options' });
  const u = new Float64Array(pit.length);
  for (let i = 0; i < u.length; i++) u[i] = Math.abs(2 * pit[i] - 1);
  const cellInterval = cells(u, opts.grid);
  const cellQuantile = cells(pit, opts.grid);
  const stats = (k?: Uint8Array) => {
    const [ci, cq] = cumulative2(cellInterval, cellQuantile, opts.grid, w, k);
    return [...curveSummary(ci, opts.grid), ...curveSummary(cq, opts.grid)];
  };
  const central = stats();
  const errors = opts.bootstrap >= 2
    ? poissonBootstrapStds(pit.length, opts.bootstrap, new Rng(opts.seed), stats)
    : central.map(() => Number.NaN);
  const names = ['mace', 'rmsce', 'miscal_area', 'mace_pit', 'rmsce_pit', 'miscal_area_pit'];
  const values: Record<string, MetricValue> = {};
  names.forEach((name, j) => {
    values[prefix + name] = Number.isNaN(errors[j]) ? { value: central[j] } : { value: central[j], error: errors[j] };
  });
  for (const level of opts.levels) {
    let pass = 0;
    for (let i = 0; i < u.length; i++) if (u[i] <= level) pass += w[i];
    values[`${prefix}coverage_${levelName(level)}`] = binomialFraction(pass, summary);
  }
  const [ci, cq] = cumulative2(cellInterval, cellQuantile, opts.grid, w);
  return {
    values,
    plots: { intervalCalibration: curveOf(ci, opts.grid, summary), quantileCalibration: curveOf(cq, opts.grid, summary) },
  };
}
