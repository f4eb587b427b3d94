import { Rng } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { plotAxisTitles } from './axis-titles.js';
import { binnedMeanMap } from './binned-mean-map.js';
import { calibrationCurvePlot, coverageCurve } from './calibration-curve.plot.js';
import { heatmapPlot } from './heatmap.plot.js';
import { histogramPlot, replicaSpread } from './histogram.plot.js';
import { linePlot } from './line.plot.js';
import { muSigmaPlot } from './mu-sigma.plot.js';
import { strideIndices } from './plot-data.js';
import { predictedVsTruePlot } from './predicted-vs-true.plot.js';
import { predictionBandPlot } from './prediction-band.plot.js';
import { pullHistogramPlot } from './pull-histogram.plot.js';
import { reliabilityBins, reliabilityDiagramPlot } from './reliability-diagram.plot.js';
import { rocCurve, rocCurvePlot } from './roc-curve.plot.js';
import { sigmaVsFeaturePlot } from './sigma-vs-feature.plot.js';

/** n events with y ~ N(0, 1) and a model predicting mean 0 with the given sigma. */
function gaussianToy(n: number, sigma: number, seed = 3) {
  const truth = new Rng(seed).normalArray(n);
  return { truth, mean: new Float32Array(n), sigma: new Float32Array(n).fill(sigma) };
}

/** Every data row of a spec (top-level and per layer). */
function rowCount(spec: Record<string, unknown>): number {
  const rows = (d: unknown) => ((d as { values?: unknown[] } | undefined)?.values?.length ?? 0);
  const layers = (spec.layer as Record<string, unknown>[] | undefined) ?? [];
  return rows(spec.data) + layers.reduce((s, l) => s + rows(l.data), 0);
}

function layerRows(spec: Record<string, unknown>, layer: number): Record<string, number>[] {
  return ((spec.layer as { data: { values: Record<string, number>[] } }[])[layer]).data.values;
}

describe('strideIndices', () => {
  it('keeps every index below the cap and strides evenly to exactly max indices, ends included', () => {
    expect(Array.from(strideIndices(5, 10))).toEqual([0, 1, 2, 3, 4]);
    const idx = strideIndices(10_001, 2000);
    expect(idx.length).toBe(2000);
    expect(idx[0]).toBe(0);
    expect(idx[1999]).toBe(10_000);
  });
});

describe('regression plots', () => {
  const n = 10_000;
  const x = Float32Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);

  it('pull histogram is a unit-area density with the N(0,1) overlay, every axis titled', () => {
    const toy = gaussianToy(n, 1);
    const plot = pullHistogramPlot(toy);
    const bins = layerRows(plot.spec, 0);
    const area = bins.reduce((s, b) => s + b.d * (b.hi - b.lo), 0);
    // fraction of N(0,1) beyond ±5 is 6e-7: the area inside the range is 1 up to float trimming
    expect(area).toBeCloseTo(1, 3);
    // the density at 0 of 10^4 unit-Gaussian pulls in 0.25-wide bins: 0.399 ± sqrt(0.1*1e4)/(1e4*0.25) = ±0.013
    const centre = bins.find((b) => b.lo === 0)!;
    expect(Math.abs(centre.d - 0.3963)).toBeLessThan(0.04);
    expect(plotAxisTitles(plot.spec)).toEqual(['pull (y − μ) / σ_tot', 'density']);
  });

  it('coverage curve lies on the diagonal for calibrated sigmas and below it for overconfident ones', () => {
    const calibrated = coverageCurve(gaussianToy(n, 1));
    // binomial error of a coverage from 10^4 events is at most 0.005; allow 4 sigma = 0.02
    for (const c of calibrated) expect(Math.abs(c.observed - c.expected)).toBeLessThan(0.02);
    const c68 = calibrated.find((c) => c.expected === 0.6827)!;
    expect(c68.error).toBeCloseTo(Math.sqrt(0.6827 * 0.3173 / n), 3);
    const overconfident = coverageCurve(gaussianToy(n, 0.5));
    // with σ halved, the nominal 68.3 % interval covers P(|z| < 0.5) = 38.3 %
    expect(overconfident.find((c) => c.expected === 0.6827)!.observed).toBeCloseTo(0.383, 1);
    const plot = calibrationCurvePlot(gaussianToy(n, 1));
    expect(plotAxisTitles(plot.spec)).toEqual(['expected coverage of the central interval', 'observed coverage']);
  });

  it('weighted coverage uses the event weights (events with zero weight do not count)', () => {
    const toy = gaussianToy(1000, 1);
    const weights = new Float32Array(1000).fill(1);
    for (let i = 0; i < 500; i++) toy.truth[i] = 100;
    for (let i = 0; i < 500; i++) weights[i] = 0;
    const unweighted = coverageCurve({ ...toy, levels: [0.9545] })[0].observed;
    const weighted = coverageCurve({ ...toy, weights, levels: [0.9545] })[0].observed;
    expect(unweighted).toBeLessThan(0.5);
    // 500 unit-Gaussian events in ±2σ: 0.954 ± 0.009
    expect(Math.abs(weighted - 0.954)).toBeLessThan(0.04);
  });

  it('prediction band sorts along x, strides to maxPoints and draws the truth curve', () => {
    const mean = Float32Array.from(x, (v) => 2 * v);
    const plot = predictionBandPlot({
      x, xTitle: 'x [GeV]', yTitle: 'y [GeV]', mean, sigmaTot: new Float32Array(n).fill(0.3), sigmaStat: new Float32Array(n).fill(0.1),
      trueMean: mean, maxPoints: 500,
    });
    const rows = (plot.spec.data as { values: Record<string, number>[] }).values;
    expect(rows.length).toBe(500);
    for (let i = 1; i < rows.length; i++) expect(rows[i].x).toBeGreaterThanOrEqual(rows[i - 1].x);
    expect(rows[10].thi - rows[10].tlo).toBeCloseTo(0.6, 4);
    expect(rows[10].shi - rows[10].slo).toBeCloseTo(0.2, 4);
    expect(rows[10].t).toBeCloseTo(rows[10].m, 4);
    expect(plotAxisTitles(plot.spec)).toEqual(['x [GeV]', 'y [GeV]']);
    expect(JSON.stringify(plot.spec)).toContain('true mean');
  });

  it('predicted-vs-true and sigma-vs-feature cap their rows and title both axes', () => {
    const toy = gaussianToy(n, 1);
    const pvt = predictedVsTruePlot({ truth: toy.truth, mean: toy.mean, sigmaTot: toy.sigma, targetTitle: 'E [GeV]' });
    expect(rowCount(pvt.spec)).toBeLessThanOrEqual(2000 + 2);
    expect(plotAxisTitles(pvt.spec)).toEqual(['true E [GeV]', 'predicted E [GeV]']);
    const svf = sigmaVsFeaturePlot({ x, xTitle: 'x', sigmaStat: toy.sigma, sigmaSyst: toy.sigma, trueSigma: toy.sigma, unit: 'GeV', connect: true });
    expect(rowCount(svf.spec)).toBe(2000);
    expect(plotAxisTitles(svf.spec)).toEqual(['x', 'uncertainty σ [GeV]']);
    expect(JSON.stringify(svf.spec)).toContain('"fold":["σ_stat","σ_syst","true σ"]');
  });
});

describe('classification plots', () => {
  const n = 20_000;
  const rng = new Rng(5);
  const prob = Float32Array.from({ length: n }, () => rng.uniform());
  const label = Float32Array.from(prob, (p) => (rng.uniform() < p ? 1 : 0));

  it('reliability bins of a calibrated classifier lie on the diagonal within their binomial errors', () => {
    const bins = reliabilityBins({ prob, label });
    expect(bins.length).toBe(10);
    // each bin holds ~2000 events: error <= 0.011; 4 sigma
    for (const b of bins) expect(Math.abs(b.observed - b.predicted)).toBeLessThan(4 * b.error + 1e-9);
    expect(plotAxisTitles(reliabilityDiagramPlot({ prob, label }).spec)).toEqual(['predicted probability', 'observed fraction of positives']);
  });

  it('ROC of a calibrated uniform score has AUC 5/6 and runs from (0,0) to (1,1)', () => {
    const { fpr, tpr } = rocCurve({ prob, label });
    expect([fpr[0], tpr[0], fpr[fpr.length - 1], tpr[tpr.length - 1]]).toEqual([0, 0, 1, 1]);
    let auc = 0;
    for (let i = 1; i < fpr.length; i++) auc += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
    // p ~ U(0,1), label ~ Bernoulli(p): signal scores have density 2p, background 2(1 - p), so
    // AUC = P(p_s > p_b) = 4 ∫ a (a − a²/2) da = 5/6; its standard error from 2*10^4 events is ~0.003
    expect(Math.abs(auc - 5 / 6)).toBeLessThan(0.015);
    const plot = rocCurvePlot({ prob, label });
    expect(rowCount(plot.spec)).toBeLessThanOrEqual(2002);
    expect(plotAxisTitles(plot.spec)).toEqual(['false positive rate (background efficiency)', 'true positive rate (signal efficiency)']);
  });

  it('ROC with weights equals the unweighted ROC of duplicated events', () => {
    const p = Float32Array.from([0.9, 0.8, 0.3, 0.2]);
    const l = Float32Array.from([1, 0, 1, 0]);
    const weighted = rocCurve({ prob: p, label: l, weights: Float32Array.from([2, 1, 1, 1]) });
    const duplicated = rocCurve({ prob: Float32Array.from([0.9, 0.9, 0.8, 0.3, 0.2]), label: Float32Array.from([1, 1, 0, 1, 0]) });
    expect(Array.from(weighted.tpr)).toEqual(Array.from(duplicated.tpr));
    expect(Array.from(weighted.fpr)).toEqual(Array.from(duplicated.fpr));
  });

  it('mu-sigma plot draws the sqrt(mu(1-mu)) bound', () => {
    const plot = muSigmaPlot({ prob, sigmaProb: new Float32Array(n).fill(0.1) });
    const bound = layerRows(plot.spec, 1);
    expect(bound.find((r) => r.mu === 0.5)!.s).toBeCloseTo(0.5, 6);
    expect(bound.find((r) => r.mu === 0.1)!.s).toBeCloseTo(0.3, 6);
    expect(layerRows(plot.spec, 0).length).toBe(2000);
    expect(plotAxisTitles(plot.spec)).toEqual(['mean probability μ', 'σ_pred of the probability']);
  });
});

describe('generic plots', () => {
  it('replicaSpread gives the per-bin mean and sample standard deviation', () => {
    const { values, errors } = replicaSpread([[1, 10], [3, 10], [5, 10]]);
    expect(Array.from(values)).toEqual([3, 10]);
    expect(Array.from(errors)).toEqual([2, 0]);
  });

  it('histogram plot checks bin counts and draws error bars per series', () => {
    const plot = histogramPlot({ name: 'h', title: 'H', xTitle: 'p_T [GeV]', yTitle: 'events', edges: [0, 1, 2], series: [{ label: 'a', values: [5, 6], errors: [1, 2] }, { label: 'b', values: [4, 4] }] });
    expect((plot.spec.layer as unknown[]).length).toBe(3);
    expect(plotAxisTitles(plot.spec)).toEqual(['p_T [GeV]', 'events']);
    expect(() => histogramPlot({ name: 'h', title: 'H', xTitle: 'x', yTitle: 'y', edges: [0, 1, 2], series: [{ label: 'a', values: [1] }] })).toThrow(/series "a"/);
  });

  it('heat map averages square blocks so a fine grid stays under maxPoints cells', () => {
    const nx = 100;
    const ny = 80;
    const values = Float64Array.from({ length: nx * ny }, (_, k) => Math.floor(k / ny));
    const xEdges = Float64Array.from({ length: nx + 1 }, (_, i) => i);
    const yEdges = Float64Array.from({ length: ny + 1 }, (_, j) => j);
    const plot = heatmapPlot({ name: 'm', title: 'M', xTitle: 'x1', yTitle: 'x2', colorTitle: 'σ', xEdges, yEdges, values });
    const rows = (plot.spec.data as { values: Record<string, number>[] }).values;
    expect(rows.length).toBeLessThanOrEqual(2000);
    // value = ix; a block of f columns starting at x has mean x + (f - 1)/2
    const f = rows[0].x2 - rows[0].x;
    expect(f).toBeGreaterThan(1);
    expect(rows[0].z).toBeCloseTo((f - 1) / 2, 6);
    expect(plotAxisTitles(plot.spec)).toEqual(['x1', 'x2']);
    expect(() => heatmapPlot({ name: 'm', title: 'M', xTitle: 'a', yTitle: 'b', colorTitle: 'c', xEdges, yEdges, values: [1] })).toThrow(/100 x 80/);
  });

  it('binnedMeanMap averages z per cell with weights', () => {
    const map = binnedMeanMap([0, 0.1, 1], [0, 0.1, 1], [1, 3, 7], 2, 2, [1, 3, 1]);
    expect(map.values[0]).toBeCloseTo((1 + 9) / 4, 9);
    expect(map.values[3]).toBe(7);
    expect(Number.isNaN(map.values[1])).toBe(true);
  });

  it('line plot shares the point budget among series', () => {
    const x = Float64Array.from({ length: 5000 }, (_, i) => i);
    const plot = linePlot({ name: 'l', title: 'L', xTitle: 'μ', yTitle: '−2 Δ ln L', series: [{ label: 'a', x, y: x }, { label: 'b', x, y: x, error: x }], maxPoints: 1000 });
    expect(rowCount(plot.spec)).toBe(1000);
    expect(plotAxisTitles(plot.spec)).toEqual(['μ', '−2 Δ ln L']);
  });
});
