import { describe, expect, it } from 'vitest';
import type { ReportContext } from '@hepuq/core';
import { CLOSURE_COMPARE, type ClosureCompareArtifact, type ClosureRow } from '@hepuq/stats';
import { closureSection } from './closure.section.js';

const row = (low: number, median: number, mean: number, n = 100): ClosureRow => ({
  low, high: low + 10, n, neff: n, y_mean: low + 5, mean, mean_error: 0.01, median, median_error: 0.012,
});
const base: ReportContext = { name: 'run', metadata: { method: 'numerical-inversion' }, metrics: {}, artifacts: {} };

/** Every `values` array of a layered spec, flattened. */
const values = (spec: Record<string, unknown>) => (spec.layer as { data: { values: Record<string, unknown>[] } }[]).flatMap((l) => l.data.values);

describe('closure report section', () => {
  it('applies to a run with a closure table or a closure-compare result, not to others', () => {
    expect(closureSection.applies(base)).toBe(false);
    expect(closureSection.applies({ ...base, metricTables: { closure: [row(20, 0, 0)] } })).toBe(true);
    expect(closureSection.applies({ ...base, metricTables: { auc_by_bin: [row(20, 0, 0)] } })).toBe(false);
  });

  it('draws the run\'s median and mean closure, with error bars and the bins\' extent, leaving out empty bins', () => {
    const ctx = { ...base, metricTables: { closure: [row(20, 0.01, 0.02), { ...row(30, Number.NaN, Number.NaN, 0) }, row(40, -0.03, -0.01)] } };
    const plots = closureSection.plots(ctx);
    expect(plots.map((p) => p.name)).toEqual(['closure-median', 'closure-mean']);
    expect(plots[0].title).toMatch(/median \(numerical-inversion\)/);
    const points = values(plots[0].spec).filter((v) => 'at' in v);
    // 2 bins with events, each in a point, an error-bar and an extent layer
    expect(points).toHaveLength(6);
    expect(points[0]).toMatchObject({ low: 20, high: 30, at: 25, v: 0.01, lo: -0.002, hi: 0.022 });
    expect(closureSection.html!(ctx)).toMatch(/<th scope="row">\[20, 30\)<\/th><td class="num">100<\/td><td class="num">0\.010 ± 0\.012<\/td>/);
  });

  it('draws a closure-compare result side by side: each plot holds the run and the direct regression', () => {
    const artifact: ClosureCompareArtifact = {
      residual: 'relative',
      entries: [
        { label: 'numerical-inversion', role: 'run', values: {}, closure: [row(20, 0.001, 0.002), row(30, 0, 0)] },
        { label: 'het-mlp (direct)', role: 'direct', values: {}, closure: [row(20, 0.03, 0.04), row(30, -0.05, -0.06)], closure_reweighted: [row(20, 0.02, 0.03), row(30, -0.04, -0.05)] },
      ],
    };
    const ctx = { ...base, artifacts: { [CLOSURE_COMPARE]: artifact } };
    const [median] = closureSection.plots(ctx);
    expect(median.title).toMatch(/numerical-inversion against het-mlp \(direct\)/);
    const legend = JSON.stringify(median.spec);
    for (const label of ['numerical-inversion', 'het-mlp (direct)', 'het-mlp (direct), reweighted prior', 'perfect closure']) expect(legend).toContain(`"${label}"`);
    const html = closureSection.html!(ctx);
    expect(html).toContain('het-mlp (direct): median');
    expect(html).toMatch(/0\.030 ± 0\.012/);
  });
});
