import { createHepuq, Rng, type MetricInput, type MulticlassPrediction, type ReportContext } from '@hepuq/core';
import { computeMetricOutputs, METRIC_OUTPUTS_ARTIFACT, statsPlugin } from '@hepuq/stats';
import { describe, expect, it } from 'vitest';
import { syntheticRun } from '@hepuq/testing';
import { plotAxisTitles } from '../plots/axis-titles.js';
import { classwiseReliabilityPlot, topLabelReliabilityPlot } from '../plots/multiclass-reliability.plot.js';
import { metricPlotsSection } from './metric-plots.section.js';

async function contextOf(input: MetricInput): Promise<ReportContext> {
  const app = await createHepuq({ plugins: [statsPlugin()] });
  try {
    const outputs = computeMetricOutputs(app.registries.metrics, input);
    return { name: 'preds.csv', metadata: {}, metrics: {}, prediction: input.prediction, artifacts: { [METRIC_OUTPUTS_ARTIFACT]: outputs } };
  } finally {
    app.dispose();
  }
}

describe('metric-plots section (hepuq metrics --report)', () => {
  const rng = new Rng(3);
  const n = 2000;

  it('draws pulls and the interval and quantile calibration curves of a regression prediction', async () => {
    const truth = rng.normalArray(n);
    const sigma = new Float32Array(n).fill(1);
    const ctx = await contextOf({ prediction: { kind: 'regression', mean: new Float32Array(n), sigmaTot: sigma, sigmaStat: new Float32Array(n), sigmaSyst: sigma }, truth });
    const section = metricPlotsSection();
    expect(section.applies(ctx)).toBe(true);
    expect(section.applies({ ...ctx, artifacts: {} })).toBe(false);
    const plots = section.plots(ctx);
    expect(plots.map((p) => p.name)).toEqual(['pull-histogram', 'calibration-curve']);
    expect(JSON.stringify(plots[1].spec)).toContain('quantile (PIT)');
    expect(plotAxisTitles(plots[1].spec)).toEqual(['expected proportion', 'observed proportion']);
    // unit-Gaussian pulls from 2000 events: the histogram is a unit-area density
    const bins = (plots[0].spec.layer as { data: { values: { d: number; lo: number; hi: number }[] } }[])[0].data.values;
    expect(bins.reduce((s, b) => s + b.d * (b.hi - b.lo), 0)).toBeCloseTo(1, 2);
  });

  it('draws reliability and ROC (titled with the AUC and its error) of a classifier', async () => {
    const prob = Float32Array.from({ length: n }, () => rng.uniform());
    const label = Float32Array.from(prob, (p) => (rng.uniform() < p ? 1 : 0));
    const ctx = await contextOf({ prediction: { kind: 'classification', prob, sigmaProb: new Float32Array(n) }, truth: label });
    const plots = metricPlotsSection().plots(ctx);
    expect(plots.map((p) => p.name)).toEqual(['reliability-diagram', 'roc-curve']);
    expect(plots[1].title).toMatch(/^ROC curve \(AUC = 0\.\d+ ± 0\.\d+\)$/);
  });

  it('draws the classwise and top-label reliability of a multiclass prediction, as the multiclass section does', async () => {
    const run = syntheticRun({ task: 'classification', classes: 3, n: 1000, seed: 4 });
    const pred = run.prediction as MulticlassPrediction;
    const ctx = await contextOf({ prediction: pred, truth: run.test.label! });
    const plots = metricPlotsSection().plots(ctx);
    expect(plots.map((p) => p.name)).toEqual(['reliability-classwise', 'reliability-top-label']);
    // the metric outputs bin like the section's own computation from the prediction: identical specs
    const direct = { probs: pred.probs, label: run.test.label!, classes: pred.classes };
    expect(plots[0].spec).toEqual(classwiseReliabilityPlot(direct).spec);
    expect(plots[1].spec).toEqual(topLabelReliabilityPlot(direct).spec);
  });
});
