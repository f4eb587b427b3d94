import type { PlotSpec } from '@hepuq/core';
import { MAX_PLOT_POINTS, sortedStrideIndices, trim } from './plot-data.js';
import { COLORS, layered, quant } from './vega-lite-helpers.js';

export interface SigmaVsFeatureInput {
  x: ArrayLike<number>;
  xTitle: string;
  sigmaStat: ArrayLike<number>;
  sigmaSyst: ArrayLike<number>;
  sigmaTot?: ArrayLike<number>;
  /** The true noise σ(x) of a toy (what σ_syst should learn). */
  trueSigma?: ArrayLike<number>;
  /** Unit of the target (the σ axis). */
  unit?: string;
  /** Draw lines (a 1-D problem, where σ is a function of x) rather than points (x is one of several features). */
  connect?: boolean;
  maxPoints?: number;
  name?: string;
  title?: string;
}

/**
 * The uncertainty split by source along a feature: σ_stat (shrinks with more training data),
 * σ_syst (the learned noise), σ_tot and the true σ where known.
 * @example sigmaVsFeaturePlot({ x, xTitle: 'x', sigmaStat, sigmaSyst, sigmaTot, trueSigma, connect: true })
 */
export function sigmaVsFeaturePlot(input: SigmaVsFeatureInput): PlotSpec {
  const pick = sortedStrideIndices(input.x, input.maxPoints ?? MAX_PLOT_POINTS);
  const series: [string, ArrayLike<number> | undefined, string][] = [
    ['σ_stat', input.sigmaStat, COLORS.orange],
    ['σ_syst', input.sigmaSyst, COLORS.green],
    ['σ_tot', input.sigmaTot, COLORS.blue],
    ['true σ', input.trueSigma, COLORS.red],
  ];
  const present = series.filter(([, v]) => v !== undefined) as [string, ArrayLike<number>, string][];
  const rows = Array.from(pick, (i) => {
    const row: Record<string, number | null> = { x: trim(input.x[i]) };
    for (const [label, v] of present) row[label] = trim(v[i]);
    return row;
  });
  const yTitle = input.unit ? `uncertainty σ [${input.unit}]` : 'uncertainty σ';
  const mark = input.connect ? { type: 'line', strokeWidth: 2 } : { type: 'circle', size: 6, opacity: 0.5 };
  return {
    name: input.name ?? 'sigma-vs-feature',
    title: input.title ?? `Uncertainty by source vs ${input.xTitle}`,
    spec: layered(
      [{
        transform: [{ fold: present.map(([l]) => l), as: ['source', 'sigma'] }],
        mark,
        encoding: {
          x: quant('x', input.xTitle),
          y: quant('sigma', yTitle),
          color: { field: 'source', type: 'nominal', title: null, scale: { domain: present.map(([l]) => l), range: present.map(([, , c]) => c) } },
          ...(input.connect ? { strokeDash: { condition: { test: "datum.source === 'true σ'", value: [6, 3] }, value: [1, 0] } } : {}),
        },
      }],
      { data: { values: rows } },
    ),
  };
}
