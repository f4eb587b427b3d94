import { describe, expect, it } from 'vitest';
import { Dataset, regressionPrediction, type ReportContext } from '@hepuq/core';
import { muSigmaReportSection } from './mu-sigma.report-section.js';
import { uncertaintyMapReportSection } from './uncertainty-map.report-section.js';

const base = { name: 'run', metrics: {}, artifacts: {} };
type Layered = { layer: { data: { values: { mu: number; sigma: number }[] } }[] };

describe('bnn report sections', () => {
  it('mu-sigma: applies to Bayesian classifiers only and draws every event under the bound', () => {
    const prob = Float32Array.of(0.1, 0.5, 0.9);
    const sigmaProb = Float32Array.of(0.05, 0.2, 0.01);
    const ctx: ReportContext = { ...base, metadata: { method: 'bnn-classifier' }, prediction: { kind: 'classification', prob, sigmaProb } };
    const section = muSigmaReportSection();
    expect(section.applies(ctx)).toBe(true);
    expect(section.applies({ ...ctx, metadata: { method: 'mlp-classifier' } })).toBe(false);
    const spec = section.plots(ctx)[0].spec as unknown as Layered;
    expect(spec.layer[0].data.values).toEqual([...prob].map((mu, i) => ({ mu, sigma: sigmaProb[i] })));
    const bound = spec.layer[1].data.values;
    expect(bound[50].sigma).toBeCloseTo(0.5, 10);
  });

  it('uncertainty map: sigma vs x in 1-D, a binned relative map in 2-D, replica histograms for bnn-flow', () => {
    const n = 50;
    const x = Float32Array.from({ length: n }, (_, i) => i / n);
    const pred = regressionPrediction(Float32Array.from(x, (v) => 1 + v), Float32Array.from(x, (v) => 0.1 * v), new Float32Array(n).fill(0.2));
    const section = uncertaintyMapReportSection();
    const one: ReportContext = { ...base, metadata: { method: 'bnn' }, prediction: pred, test: new Dataset({ features: { x } }) };
    expect(section.applies(one)).toBe(true);
    expect(section.applies({ ...one, metadata: { method: 'het-mlp' } })).toBe(false);
    const [p1] = section.plots(one);
    expect((p1.spec.data as { values: unknown[] }).values).toHaveLength(2 * n);
    const two: ReportContext = { ...one, metadata: { method: 'bnn-flow' }, test: new Dataset({ features: { x1: x, x2: x } }) };
    const weights = [new Float32Array(n).fill(1), Float32Array.from(x, (v) => 2 * v)];
    const sample = { data: new Dataset({ features: { x1: x, x2: x } }), weights, density: new Float32Array(n).fill(1) };
    const plots = section.plots({ ...two, artifacts: { sample } });
    expect(plots.map((p) => p.name)).toEqual(['bnn-relative-uncertainty-map', 'bnn-flow-x1', 'bnn-flow-x2']);
    // histogram bins: replica 0 is flat, replica 1 rises; the error bar is half their difference
    const bins = (plots[1].spec.data as { values: { density: number; lo: number; hi: number }[] }).values;
    expect(bins).toHaveLength(20);
    for (const b of bins) expect(b.hi - b.lo).toBeGreaterThanOrEqual(0);
    expect(bins[19].hi - bins[19].lo).toBeGreaterThan(0);
  });
});
