import { isHepuqError, type ReportContext, type ReportSection } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { buildRunReport } from '../build-run-report.js';
import { plotAxisTitles } from '../plots/axis-titles.js';
import { syntheticClassificationRun, syntheticRegressionRun } from '../testing/synthetic-run.fixture.js';
import { classificationSection } from './classification.section.js';
import { multiclassSection } from './multiclass.section.js';
import { regressionSection } from './regression.section.js';

// every standard section: each test also checks that only the sections of its kind draw
const sections = [classificationSection(), regressionSection(), multiclassSection()];
const names = (ctx: ReportContext) => buildRunReport(sections, ctx).plots.map((p) => p.name);

describe('standard report sections', () => {
  it('regression on a 1-D toy with truth: band vs true mean, pulls, calibration, sigma by source', () => {
    const ctx = syntheticRegressionRun(1000);
    expect(regressionSection().applies(ctx)).toBe(true);
    expect(classificationSection().applies(ctx)).toBe(false);
    expect(multiclassSection().applies(ctx)).toBe(false);
    expect(names(ctx)).toEqual(['prediction-band', 'pull-histogram', 'calibration-curve', 'sigma-vs-feature']);
    const band = buildRunReport(sections, ctx).plots[0];
    expect(plotAxisTitles(band.spec)).toEqual(['x [GeV]', 'y [GeV]']);
    expect(JSON.stringify(band.spec)).toContain('true mean');
  });

  it('regression without a known true mean adds the predicted-vs-true scatter', () => {
    expect(names(syntheticRegressionRun(1000, 11, false))).toEqual(['prediction-band', 'predicted-vs-true', 'pull-histogram', 'calibration-curve', 'sigma-vs-feature']);
  });

  it('classification: reliability, ROC, mu-sigma and a sigma map over two features', () => {
    const ctx = syntheticClassificationRun(1000);
    expect(multiclassSection().applies(ctx)).toBe(false);
    expect(names(ctx)).toEqual(['reliability-diagram', 'roc-curve', 'mu-sigma', 'sigma-prob-map']);
  });

  it('does not apply without a test set or prediction', () => {
    const ctx: ReportContext = { name: 'x', metadata: {}, metrics: {}, artifacts: {} };
    expect(buildRunReport(sections, ctx).plots).toEqual([]);
  });
});

describe('buildRunReport', () => {
  const section = (key: string, order: number | undefined, plot: string, html?: string): ReportSection => ({
    key, title: `Section <${key}>`, order, applies: () => true,
    plots: () => [{ name: plot, title: plot, spec: {} }], html: html ? () => html : undefined,
  });
  const ctx: ReportContext = { name: 'demo', metadata: { seed: 1 }, metrics: { rmse: { value: 1 } }, artifacts: {} };

  it('orders sections by `order` (stable for ties, undefined last) and wraps their HTML with an escaped title', () => {
    const doc = buildRunReport([section('c', undefined, 'p3'), section('b', 50, 'p2', '<table></table>'), section('a', 50, 'p1')], ctx);
    expect(doc.plots.map((p) => p.name)).toEqual(['p2', 'p1', 'p3']);
    expect(doc.html).toEqual(['<section class="extra" data-section="b"><h2>Section &lt;b&gt;</h2><table></table></section>']);
    expect(doc.title).toBe('hepuq run: demo');
    expect(doc.metrics).toBe(ctx.metrics);
  });

  it('rejects two sections adding the same plot name, naming both', () => {
    let err: unknown;
    try {
      buildRunReport([section('a', 1, 'same'), section('b', 2, 'same')], ctx);
    } catch (e) {
      err = e;
    }
    expect(isHepuqError(err) && err.code === 'DuplicateKey').toBe(true);
    expect((err as Error).message).toMatch(/"b".*"same".*"a"/);
  });
});
