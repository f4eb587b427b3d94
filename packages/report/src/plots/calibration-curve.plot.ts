import type { PlotSpec } from '@hepuq/core';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { pulls } from './pull-histogram.plot.js';
import { trim } from './plot-data.js';
import { COLORS, diagonalLayer, layered, legendColor, quant } from './vega-lite-helpers.js';
import { effectiveSampleSize } from './weighted-histogram.js';

export interface CalibrationCurveInput {
  truth: ArrayLike<number>;
  mean: ArrayLike<number>;
  sigma: ArrayLike<number>;
  weights?: ArrayLike<number>;
  /** Nominal central-interval probabilities (default 0.05, 0.10, ..., 0.95 plus 0.683 and 0.954). */
  levels?: number[];
  name?: string;
  title?: string;
}

const DEFAULT_LEVELS = [...Array.from({ length: 19 }, (_, i) => (i + 1) / 20), 0.6827, 0.9545].sort((a, b) => a - b);

/**
 * Observed coverage of the central Gaussian interval μ ± z_p σ, z_p = Φ⁻¹((1 + p)/2), against its
 * nominal probability p, with binomial errors sqrt(c(1 − c)/n_eff) (Kish n_eff for weighted events);
 * a calibrated model lies on the diagonal (Kuleshov et al., arXiv:1807.00263).
 */
export function coverageCurve(input: CalibrationCurveInput): { expected: number; observed: number; error: number }[] {
  const t = pulls(input.truth, input.mean, input.sigma);
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < t.length; i++) {
    const w = input.weights ? input.weights[i] : 1;
    sumW += w;
    sumW2 += w * w;
  }
  const nEff = effectiveSampleSize(sumW, sumW2);
  return (input.levels ?? DEFAULT_LEVELS).map((p) => {
    const z = normalQuantile((1 + p) / 2, 0, 1);
    let inside = 0;
    for (let i = 0; i < t.length; i++) if (Math.abs(t[i]) <= z) inside += input.weights ? input.weights[i] : 1;
    const observed = inside / sumW;
    return { expected: p, observed, error: Math.sqrt(Math.max(observed * (1 - observed), 0) / nEff) };
  });
}

/**
 * Calibration curve: observed vs expected central-interval coverage with the diagonal reference.
 * @example calibrationCurvePlot({ truth: test.target!, mean: pred.mean, sigma: pred.sigmaTot })
 */
export function calibrationCurvePlot(input: CalibrationCurveInput): PlotSpec {
  const rows = coverageCurve(input).map((r) => ({ e: trim(r.expected), o: trim(r.observed), lo: trim(r.observed - r.error), hi: trim(r.observed + r.error) }));
  const xTitle = 'expected coverage of the central interval';
  const yTitle = 'observed coverage';
  const domain = ['model', 'perfect calibration'];
  const colors = [COLORS.blue, COLORS.gray];
  const scale = { domain: [0, 1] };
  return {
    name: input.name ?? 'calibration-curve',
    title: input.title ?? 'Calibration: observed vs expected coverage',
    spec: layered([
      diagonalLayer(0, 1, xTitle, yTitle, domain[1], domain, colors),
      { data: { values: rows }, mark: { type: 'line', point: true }, encoding: { x: quant('e', xTitle, { scale }), y: quant('o', yTitle, { scale }), color: legendColor(domain[0], domain, colors) } },
      { data: { values: rows }, mark: 'rule', encoding: { x: quant('e', xTitle), y: quant('lo', yTitle), y2: { field: 'hi' }, color: legendColor(domain[0], domain, colors) } },
    ]),
  };
}
