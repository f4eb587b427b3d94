import type { PlotSpec } from '@hepuq/core';
import { MAX_PLOT_POINTS, strideIndices, trim } from './plot-data.js';
import { COLORS, diagonalLayer, layered, legendColor, quant } from './vega-lite-helpers.js';

export interface PredictedVsTrueInput {
  truth: ArrayLike<number>;
  mean: ArrayLike<number>;
  sigmaTot: ArrayLike<number>;
  /** Name (and unit) of the target, used in both axis titles. */
  targetTitle: string;
  maxPoints?: number;
  name?: string;
  title?: string;
}

/**
 * Predicted μ ± σ_tot against the true target for each test event, with the y = x diagonal.
 * @example predictedVsTruePlot({ truth: test.target!, mean: pred.mean, sigmaTot: pred.sigmaTot, targetTitle: 'E [GeV]' })
 */
export function predictedVsTruePlot(input: PredictedVsTrueInput): PlotSpec {
  const pick = strideIndices(input.truth.length, input.maxPoints ?? MAX_PLOT_POINTS);
  let lo = Infinity;
  let hi = -Infinity;
  const rows = Array.from(pick, (i) => {
    const y = input.truth[i];
    const m = input.mean[i];
    lo = Math.min(lo, y);
    hi = Math.max(hi, y);
    return { y: trim(y), m: trim(m), lo: trim(m - input.sigmaTot[i]), hi: trim(m + input.sigmaTot[i]) };
  });
  const xTitle = `true ${input.targetTitle}`;
  const yTitle = `predicted ${input.targetTitle}`;
  const domain = ['prediction μ ± σ_tot', 'y = x'];
  const colors = [COLORS.blue, COLORS.gray];
  return {
    name: input.name ?? 'predicted-vs-true',
    title: input.title ?? 'Predicted vs true target',
    spec: layered([
      { mark: { type: 'rule', opacity: 0.25 }, encoding: { x: quant('y', xTitle), y: quant('lo', yTitle), y2: { field: 'hi' }, color: legendColor(domain[0], domain, colors) } },
      { mark: { type: 'circle', size: 8, opacity: 0.6 }, encoding: { x: quant('y', xTitle), y: quant('m', yTitle), color: legendColor(domain[0], domain, colors) } },
      diagonalLayer(trim(lo) ?? 0, trim(hi) ?? 1, xTitle, yTitle, domain[1], domain, colors),
    ], { data: { values: rows } }),
  };
}
