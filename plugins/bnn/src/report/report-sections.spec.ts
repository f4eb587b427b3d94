import { describe, expect, it } from 'vitest';
import { Dataset, regressionPrediction, type ReportContext } from '@hepuq/core';
import { uncertaintyMapReportSection } from './uncertainty-map.report-section.js';

const base = { name: 'run', metrics: {}, artifacts: {} };

describe('bnn report sections', () => {
  it('uncertainty map: nothing in 1-D (the regression section draws sigma vs x), a binned relative map in 2-D, replica histograms for bnn-flow', () => {
    const n = 50;
    const x = Float32Array.from({ length: n }, (_, i) => i / n);
    const pred = regressionPrediction(Float32Array.from(x, (v) => 1 + v), Float32Array.from(x, (v) => 0.1 * v), new Float32Array(n).fill(0.2));
    const section = uncertaintyMapReportSection();
    const one: ReportContext = { ...base, metadata: { method: 'bnn' }, prediction: pred, test: new Dataset({ features: { x } }) };
    expect(section.applies(one)).toBe(true);
    expect(section.applies({ ...one, metadata: { method: 'het-mlp' } })).toBe(false);
    expect(section.plots(one)).toEqual([]);
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
