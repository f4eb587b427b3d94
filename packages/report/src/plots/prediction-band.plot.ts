import type { PlotSpec } from '@hepuq/core';
import { MAX_PLOT_POINTS, sortedStrideIndices, trim } from './plot-data.js';
import { COLORS, layered, legendColor, quant } from './vega-lite-helpers.js';

export interface PredictionBandInput {
  /** The 1-D feature on the x axis. */
  x: ArrayLike<number>;
  xTitle: string;
  yTitle: string;
  mean: ArrayLike<number>;
  sigmaTot: ArrayLike<number>;
  sigmaStat?: ArrayLike<number>;
  /** The true conditional mean E[y|x] where the data are a toy with known truth. */
  trueMean?: ArrayLike<number>;
  /** Observed targets, drawn as faint points when no true mean is known. */
  target?: ArrayLike<number>;
  maxPoints?: number;
  name?: string;
  title?: string;
}

/**
 * Prediction μ(x) with its ±1 σ_tot band (and the inner ±1 σ_stat band) against the truth curve
 * (or the test targets), sorted along x and strided to at most `maxPoints` rows.
 * @example predictionBandPlot({ x: test.features.x, xTitle: 'x', yTitle: 'y', mean, sigmaTot, sigmaStat, trueMean: test.extras.true_mean })
 */
export function predictionBandPlot(input: PredictionBandInput): PlotSpec {
  const pick = sortedStrideIndices(input.x, input.maxPoints ?? MAX_PLOT_POINTS);
  const rows = Array.from(pick, (i) => {
    const m = input.mean[i];
    const st = input.sigmaTot[i];
    const ss = input.sigmaStat?.[i] ?? 0;
    return {
      x: trim(input.x[i]), m: trim(m), tlo: trim(m - st), thi: trim(m + st), slo: trim(m - ss), shi: trim(m + ss),
      t: input.trueMean ? trim(input.trueMean[i]) : input.target ? trim(input.target[i]) : null,
    };
  });
  const truthLabel = input.trueMean ? 'true mean' : 'test data';
  const domain = ['±1σ_tot', ...(input.sigmaStat ? ['±1σ_stat'] : []), 'prediction μ', ...(input.trueMean || input.target ? [truthLabel] : [])];
  const palette: Record<string, string> = { '±1σ_tot': COLORS.lightBlue, '±1σ_stat': COLORS.lightOrange, 'prediction μ': COLORS.blue, [truthLabel]: COLORS.red };
  const colors = domain.map((d) => palette[d]);
  const { xTitle, yTitle } = input;
  const color = (label: string) => legendColor(label, domain, colors);
  const layers: Record<string, unknown>[] = [
    { mark: { type: 'area', opacity: 0.7 }, encoding: { x: quant('x', xTitle), y: quant('tlo', yTitle), y2: { field: 'thi' }, color: color('±1σ_tot') } },
  ];
  if (input.sigmaStat) {
    layers.push({ mark: { type: 'area', opacity: 0.8 }, encoding: { x: quant('x', xTitle), y: quant('slo', yTitle), y2: { field: 'shi' }, color: color('±1σ_stat') } });
  }
  layers.push({ mark: { type: 'line', strokeWidth: 2 }, encoding: { x: quant('x', xTitle), y: quant('m', yTitle), color: color('prediction μ') } });
  if (input.trueMean) {
    layers.push({ mark: { type: 'line', strokeDash: [6, 3], strokeWidth: 1.5 }, encoding: { x: quant('x', xTitle), y: quant('t', yTitle), color: color(truthLabel) } });
  } else if (input.target) {
    layers.push({ mark: { type: 'circle', size: 6, opacity: 0.35 }, encoding: { x: quant('x', xTitle), y: quant('t', yTitle), color: color(truthLabel) } });
  }
  return {
    name: input.name ?? 'prediction-band',
    title: input.title ?? `Prediction with ±1σ bands vs ${input.trueMean ? 'the true mean' : 'the test data'}`,
    spec: layered(layers, { data: { values: rows } }),
  };
}
