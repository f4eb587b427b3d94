import { formatNumber, formatWithError, VEGA_LITE_SCHEMA, type PlotSpec } from '@hepuq/core';
import { rocSpec } from '@hepuq/report';
import type { GenEvalResult, HistogramBin } from '../evaluate/gen-eval.result.js';
import { amplificationPlots } from './amplification.plots.js';

/** FD(N) against 1/N with the fitted line FD_inf + b/N (the FPD_inf extrapolation). */
export function fpdExtrapolationPlot(fpd: NonNullable<GenEvalResult['fpd']>): PlotSpec {
  const points = fpd.points.map((p) => ({ invN: p.invN, fd: p.mean, lo: p.mean - p.sem, hi: p.mean + p.sem }));
  const xMax = Math.max(...fpd.points.map((p) => p.invN)) * 1.05;
  const line = [0, xMax].map((invN) => ({ invN, fd: fpd.value + fpd.slope * invN }));
  const x = { field: 'invN', type: 'quantitative', title: '1 / N (batch size)', scale: { domainMin: 0 } };
  const yTitle = 'Frechet distance';
  return {
    name: 'fpd-extrapolation',
    title: 'FPD: Frechet distance against 1/N, extrapolated to N = infinity',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: 'FD(N) = FPD_inf + b/N', subtitle: `FPD_inf = ${formatWithError(fpd.value, fpd.error)} (intercept at 1/N = 0)` },
      width: 440,
      height: 260,
      layer: [
        { data: { values: line }, mark: { type: 'line', color: '#e45756' }, encoding: { x, y: { field: 'fd', type: 'quantitative', title: yTitle } } },
        { data: { values: points }, mark: { type: 'errorbar' }, encoding: { x, y: { field: 'lo', type: 'quantitative', title: yTitle }, y2: { field: 'hi' } } },
        { data: { values: points }, mark: { type: 'point', filled: true, color: '#4c78a8' }, encoding: { x, y: { field: 'fd', type: 'quantitative', title: yTitle } } },
      ],
    },
  };
}

/** The per-batch KPD values with their median and zero. */
export function kpdBatchesPlot(kpd: NonNullable<GenEvalResult['kpd']>): PlotSpec {
  return {
    name: 'kpd-batches',
    title: 'KPD: unbiased MMD^2 per batch',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: `MMD^2 per batch (${kpd.batchSize} events, kernel degree ${kpd.degree})`, subtitle: 'line: median; grey: zero (a perfect generator scatters around it)' },
      width: 440,
      height: 120,
      layer: [
        { data: { values: kpd.values.map((v, batch) => ({ v, batch })) }, mark: { type: 'tick', thickness: 2 }, encoding: { x: { field: 'v', type: 'quantitative', title: 'MMD^2' } } },
        { data: { values: [{ v: kpd.value }] }, mark: { type: 'rule', color: '#e45756' }, encoding: { x: { field: 'v', type: 'quantitative', title: 'MMD^2' } } },
        { data: { values: [{ v: 0 }] }, mark: { type: 'rule', color: 'grey', strokeDash: [4, 4] }, encoding: { x: { field: 'v', type: 'quantitative', title: 'MMD^2' } } },
      ],
    },
  };
}

/** W1 per marginal with its batch spread, and the noise floor of two reference batches. */
export function w1Plot(w1: NonNullable<GenEvalResult['w1']>): PlotSpec {
  const values = w1.features.map((f) => ({ feature: f.feature, w1: f.value, lo: f.value - f.error, hi: f.value + f.error }));
  const y = { field: 'feature', type: 'nominal', sort: null, title: null };
  return {
    name: 'w1-marginals',
    title: 'Wasserstein-1 distance of every marginal',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: 'W1 per feature (normalised units)', subtitle: `batches of ${w1.batchSize}; dashed: noise floor ${formatWithError(w1.noiseFloor.value, w1.noiseFloor.meanError)} (two reference batches)` },
      width: 400,
      height: { step: 18 },
      layer: [
        { data: { values }, mark: { type: 'bar', color: '#4c78a8' }, encoding: { y, x: { field: 'w1', type: 'quantitative', title: 'W1' } } },
        { data: { values }, mark: { type: 'errorbar' }, encoding: { y, x: { field: 'lo', type: 'quantitative', title: 'W1' }, x2: { field: 'hi' } } },
        { data: { values: [{ v: w1.noiseFloor.value }] }, mark: { type: 'rule', strokeDash: [4, 4], color: 'black' }, encoding: { x: { field: 'v', type: 'quantitative', title: 'W1' } } },
      ],
    },
  };
}

/**
 * Reference vs generated (and reweighted) histograms of one feature as step lines of the density
 * (fraction of events per unit of the feature), so unequal (quantile) bins read correctly.
 */
export function marginalPlot(name: string, title: string, feature: string, bins: HistogramBin[], subtitle: string): PlotSpec {
  const series = (key: 'reference' | 'generated' | 'reweighted', label: string) => {
    if (bins.some((b) => b[key] === undefined)) return [];
    const density = (b: HistogramBin) => (b.hi > b.lo ? (b[key] as number) / (b.hi - b.lo) : 0);
    const last = bins[bins.length - 1];
    return [...bins.map((b) => ({ x: b.lo, density: density(b), sample: label })), { x: last.hi, density: density(last), sample: label }];
  };
  const values = [...series('reference', 'reference'), ...series('generated', 'generated'), ...series('reweighted', 'generated x w')];
  return {
    name,
    title,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: title, subtitle },
      width: 400,
      height: 240,
      data: { values },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'x', type: 'quantitative', title: feature },
        y: { field: 'density', type: 'quantitative', title: 'fraction of events per unit' },
        color: { field: 'sample', type: 'nominal' },
      },
    },
  };
}

/** Histogram of log10 w = log10 D/(1-D) over generated test events. */
export function logWeightPlot(c: NonNullable<GenEvalResult['classifier']>): PlotSpec {
  return {
    name: 'classifier-weights',
    title: 'Classifier density ratio w = D/(1-D) on generated events',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: 'log10 w over generated test events', subtitle: `mean w ${formatWithError(c.weights.mean, c.weights.meanError)} (ideal 1); tails = regions the generator mis-populates` },
      width: 440,
      height: 240,
      data: { values: c.logWeights },
      mark: { type: 'rect', color: '#72b7b2' },
      encoding: {
        x: { field: 'lo', type: 'quantitative', title: 'log10 w' },
        x2: { field: 'hi' },
        y: { field: 'count', type: 'quantitative', title: 'events', scale: { type: 'symlog' } },
        y2: { datum: 0 },
      },
    },
  };
}

/** ROC of the reference-vs-generated classifier with the diagonal of an indistinguishable generator (@hepuq/report's ROC plot). */
export function rocPlot(c: NonNullable<GenEvalResult['classifier']>): PlotSpec {
  return rocSpec({ fpr: c.roc.map((p) => p.fpr), tpr: c.roc.map((p) => p.tpr) }, {
    name: 'classifier-roc',
    title: 'Classifier two-sample test: ROC',
    plotTitle: { text: `ROC, AUC = ${formatWithError(c.auc.value, c.auc.error)}`, subtitle: 'diagonal: generator indistinguishable from the reference' },
    xTitle: 'generated events accepted',
    yTitle: 'reference events accepted',
    label: 'classifier',
    reference: 'indistinguishable',
  });
}

/**
 * Every plot of a gen-eval result: FPD extrapolation, KPD batches, W1 per feature, the marginals
 * with the largest separation power (at most `maxFeatures`), and the classifier plots (ROC, w
 * histogram, reweighted marginals of the features w corrects most) and the amplification plots.
 * @example genEvalPlots(result).map((p) => p.name)
 */
export function genEvalPlots(r: GenEvalResult, maxFeatures = 6): PlotSpec[] {
  const plots: PlotSpec[] = [];
  if (r.fpd) plots.push(fpdExtrapolationPlot(r.fpd));
  if (r.kpd) plots.push(kpdBatchesPlot(r.kpd));
  if (r.w1) plots.push(w1Plot(r.w1));
  if (r.separation) {
    const worst = [...r.separation.features].sort((a, b) => b.value - a.value).slice(0, maxFeatures);
    for (const f of worst) {
      plots.push(marginalPlot(`separation-${f.feature}`, `${f.feature}: reference vs generated`, f.feature, f.bins, `separation power ${formatWithError(f.value, f.error)} (noise floor ${formatNumber(f.noiseFloor)}), ${r.separation.binning} bins`));
    }
  }
  if (r.classifier) {
    const c = r.classifier;
    plots.push(rocPlot(c), logWeightPlot(c));
    const worst = [...c.reweighting].sort((a, b) => b.chi2Before - a.chi2Before).slice(0, Math.min(maxFeatures, 4));
    for (const check of worst) {
      const m = c.marginals.find((x) => x.feature === check.feature)!;
      plots.push(marginalPlot(`reweighted-${check.feature}`, `${check.feature}: generated reweighted by w`, check.feature, m.bins, `chi2/ndf ${(check.chi2Before / check.ndf).toFixed(2)} before, ${(check.chi2After / check.ndf).toFixed(2)} after reweighting (test split)`));
    }
  }
  if (r.amplification) plots.push(...amplificationPlots(r.amplification));
  return plots;
}
