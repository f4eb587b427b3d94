import type { PlotSpec } from '@hepuq/core';
import { MAX_PLOT_POINTS, strideIndices, trim } from './plot-data.js';
import { COLORS, layered, legendColor, quant } from './vega-lite-helpers.js';

export interface MuSigmaInput {
  prob: ArrayLike<number>;
  sigmaProb: ArrayLike<number>;
  maxPoints?: number;
  name?: string;
  title?: string;
}

/**
 * The μ–σ plane of a Bayesian classifier: per-event σ_pred against the mean probability μ, below
 * the bound σ ≤ sqrt(μ(1 − μ)) that any distribution on [0, 1] with mean μ obeys
 * (Bollweg et al., arXiv:1904.10004, fig. 3).
 * @example muSigmaPlot({ prob: pred.prob, sigmaProb: pred.sigmaProb })
 */
export function muSigmaPlot(input: MuSigmaInput): PlotSpec {
  const rows = Array.from(strideIndices(input.prob.length, input.maxPoints ?? MAX_PLOT_POINTS), (i) => ({ mu: trim(input.prob[i]), s: trim(input.sigmaProb[i]) }));
  const bound = Array.from({ length: 201 }, (_, i) => {
    const mu = i / 200;
    return { mu, s: trim(Math.sqrt(mu * (1 - mu))) };
  });
  const xTitle = 'mean probability μ';
  const yTitle = 'σ_pred of the probability';
  const domain = ['test events', 'bound √(μ(1 − μ))'];
  const colors = [COLORS.blue, COLORS.red];
  return {
    name: input.name ?? 'mu-sigma',
    title: input.title ?? 'Probability uncertainty vs probability (μ–σ plane)',
    spec: layered([
      { data: { values: rows }, mark: { type: 'circle', size: 8, opacity: 0.5 }, encoding: { x: quant('mu', xTitle, { scale: { domain: [0, 1] } }), y: quant('s', yTitle), color: legendColor(domain[0], domain, colors) } },
      { data: { values: bound }, mark: { type: 'line', strokeDash: [6, 3] }, encoding: { x: quant('mu', xTitle), y: quant('s', yTitle), color: legendColor(domain[1], domain, colors) } },
    ]),
  };
}
