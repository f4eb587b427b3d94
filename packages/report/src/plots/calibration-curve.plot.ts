import { gaussianCoverage, weightSummary } from '@hepuq/stats';
import { type PlotSpec } from '@hepuq/core';
import { eventWeights, float32Column } from './columns.js';
import { trim } from './plot-data.js';
import { layered, unitSquareLayers } from './vega-lite-helpers.js';

export interface CalibrationCurveInput {
  truth: ArrayLike<number>;
  mean: ArrayLike<number>;
  sigma: ArrayLike<number>;
  weights?: ArrayLike<number>;
  /** Nominal central-interval probabilities in (0, 1) (default 0.05, 0.10, ..., 0.95 plus 0.683 and 0.954). */
  levels?: number[];
  name?: string;
  title?: string;
}

/** A point of a calibration curve: observed against expected proportion, with its error. */
export interface CalibrationPoint {
  expected: number;
  observed: number;
  error: number;
}

/** One curve of a calibration plot (e.g. 'central interval', 'quantile (PIT)'). */
export interface CalibrationSeries {
  label: string;
  points: readonly CalibrationPoint[];
}

const DEFAULT_LEVELS = [...Array.from({ length: 19 }, (_, i) => (i + 1) / 20), 0.6827, 0.9545].sort((a, b) => a - b);

/**
 * Observed coverage of the central Gaussian interval μ ± z_p σ, z_p = Φ⁻¹((1 + p)/2), against its
 * nominal probability p, with binomial errors sqrt(c(1 − c)/n_eff) (Kish n_eff for weighted events);
 * a calibrated model lies on the diagonal (Kuleshov et al., arXiv:1807.00263). Computed by core's
 * `gaussianCoverage`, the definition of `coverage_<level>` in metrics.json.
 * @example coverageCurve({ truth: test.target!, mean: pred.mean, sigma: pred.sigmaTot, levels: [0.9] })
 */
export function coverageCurve(input: CalibrationCurveInput): CalibrationPoint[] {
  const w = eventWeights(input.truth.length, input.weights);
  const levels = input.levels ?? DEFAULT_LEVELS;
  const coverage = gaussianCoverage(float32Column(input.mean), float32Column(input.sigma), float32Column(input.truth), w, weightSummary(w), levels);
  return levels.map((p, k) => ({ expected: p, observed: coverage[k].value, error: coverage[k].error ?? 0 }));
}

/**
 * The calibration plot of given curves: observed against expected proportion with error bars and
 * the diagonal of perfect calibration.
 * @example calibrationSpec([{ label: 'central interval', points }], { xTitle: 'expected proportion' })
 */
export function calibrationSpec(
  series: readonly CalibrationSeries[],
  options: { name?: string; title?: string; xTitle?: string; yTitle?: string } = {},
): PlotSpec {
  const rows = (points: readonly CalibrationPoint[]) => points.map((r) => ({ e: trim(r.expected), o: trim(r.observed), lo: trim(r.observed - r.error), hi: trim(r.observed + r.error) }));
  return {
    name: options.name ?? 'calibration-curve',
    title: options.title ?? 'Calibration: observed vs expected coverage',
    spec: layered(unitSquareLayers({
      series: series.map((s) => ({ label: s.label, rows: rows(s.points) })), x: 'e', y: 'o',
      xTitle: options.xTitle ?? 'expected coverage of the central interval', yTitle: options.yTitle ?? 'observed coverage',
      reference: 'perfect calibration', mark: { type: 'line', point: true }, errorBars: true,
    })),
  };
}

/**
 * Calibration curve: observed vs expected central-interval coverage with the diagonal reference.
 * @example calibrationCurvePlot({ truth: test.target!, mean: pred.mean, sigma: pred.sigmaTot })
 */
export function calibrationCurvePlot(input: CalibrationCurveInput): PlotSpec {
  return calibrationSpec([{ label: 'model', points: coverageCurve(input) }], { name: input.name, title: input.title });
}
