import { type MulticlassPrediction, type ReportContext } from '@hepuq/core';
import { HOSTILE_TEXT, syntheticReportContext } from '@hepuq/testing';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../write-report.js';
import { buildRunReport } from '../build-run-report.js';
import { plotAxisTitles } from '../plots/axis-titles.js';
import { CLASS_COLORS } from '../plots/vega-lite-helpers.js';
import { classificationSection } from './classification.section.js';
import { multiclassSection } from './multiclass.section.js';
import { regressionSection } from './regression.section.js';

const sections = [regressionSection(), classificationSection(), multiclassSection()];
const multiclass = () => syntheticReportContext({ task: 'classification', classes: 3, n: 2000 });

type Layer = { data?: { values: Record<string, unknown>[] }; encoding?: { color?: { datum?: string; scale?: { domain: string[]; range: string[] } } } };
const layers = (spec: Record<string, unknown>) => spec.layer as Layer[];

describe('multiclass section', () => {
  it('applies to multiclass runs only, and the binary and regression sections do not apply to them', () => {
    const ctx = multiclass();
    expect(ctx.prediction?.kind).toBe('multiclass');
    expect(multiclassSection().applies(ctx)).toBe(true);
    expect(classificationSection().applies(ctx)).toBe(false);
    expect(regressionSection().applies(ctx)).toBe(false);
    for (const task of ['regression', 'classification'] as const) expect(multiclassSection().applies(syntheticReportContext({ task })), task).toBe(false);
    expect(multiclassSection().applies({ ...ctx, test: undefined })).toBe(false);
  });

  it('draws classwise and top-label reliability and the σ_pred of each class', () => {
    const doc = buildRunReport(sections, multiclass());
    expect(doc.plots.map((p) => p.name)).toEqual(['reliability-classwise', 'reliability-top-label', 'sigma-prob-histogram']);
    const [classwise, top, sigma] = doc.plots;
    expect(plotAxisTitles(classwise.spec)).toEqual(['mean predicted probability p_k', 'observed frequency of class k']);
    expect(plotAxisTitles(top.spec)).toEqual(['confidence max_k p_k', 'accuracy (argmax = label)']);
    // one colour per class, the chi2/ndf of the oracle in the legend, the diagonal in gray
    const scale = layers(classwise.spec)[0].encoding!.color!.scale!;
    expect(scale.domain.slice(0, 3).map((d) => d.replace(/ \(.*$/, ''))).toEqual(['0', '1', '2']);
    expect(scale.range.slice(0, 3)).toEqual(CLASS_COLORS.slice(0, 3));
    for (const label of scale.domain.slice(0, 3)) {
      const [chi2, ndf] = /χ²\/ndf = ([\d.]+)\/(\d+)/.exec(label)!.slice(1).map(Number);
      // the oracle is calibrated: chi2 ~ chi2(ndf <= 10), above ndf + 5 sqrt(2 ndf) with probability < 1e-3
      expect(ndf, label).toBeGreaterThan(5);
      expect(chi2, label).toBeLessThan(ndf + 5 * Math.sqrt(2 * ndf));
    }
    // each class histogram holds every event (unit weights, sigma inside [0, max])
    const rows = (sigma.spec.data as { values: { s: string; v: number }[] }).values;
    for (const c of ['0', '1', '2']) expect(rows.filter((r) => r.s === c).reduce((a, r) => a + r.v, 0), c).toBe(2000);
    // observed frequencies are fractions; top-label confidence is at least 1/K
    const topRows = layers(top.spec).flatMap((l) => (l.data?.values ?? []) as { p?: number }[]).filter((r) => r.p !== undefined);
    expect(Math.min(...topRows.map((r) => r.p!))).toBeGreaterThanOrEqual(1 / 3 - 1e-6);
  });

  it('leaves out the σ_pred histogram when the method gives no spread', () => {
    const ctx = multiclass();
    const pred = ctx.prediction as MulticlassPrediction;
    const flat: ReportContext = { ...ctx, prediction: { ...pred, sigmaProbs: pred.sigmaProbs.map((s) => new Float32Array(s.length)) } };
    expect(multiclassSection().plots(flat).map((p) => p.name)).toEqual(['reliability-classwise', 'reliability-top-label']);
  });

  it('tabulates the multiclass metrics with errors, overall and per class, escaping class names', () => {
    const ctx = multiclass();
    const pred = ctx.prediction as MulticlassPrediction;
    const hostile: ReportContext = {
      ...ctx,
      prediction: { ...pred, classes: ['b', HOSTILE_TEXT, 'light'] },
      metrics: { ...ctx.metrics, ece_class_b: { value: 0.021, error: 0.004 }, calibration_chi2_b: { value: 8.2 }, calibration_ndf_b: { value: 10 }, calibration_p_b: { value: 0.61 }, ece_class_script_alert_hepuq_script: { value: 0.03, error: 0.01 } },
    };
    const html = multiclassSection().html!(hostile);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<th scope="row">accuracy (argmax = label)</th><td class="num">0.740 ± 0.020</td>');
    expect(html).toMatch(/χ²\/ndf \(all classes[^<]*<\/th><td class="num">27\.4\/30, p = 0\.60<\/td>/);
    expect(html).toContain('<th scope="row">b</th><td class="num">0.021 ± 0.004</td><td class="num">8.2</td><td class="num">10</td><td class="num">0.61</td>');
    // a run without multiclass metrics gets no empty tables
    expect(multiclassSection().html!({ ...ctx, metrics: {} })).toBe('');
  });

  it('renders into a report with a hostile class name escaped in the HTML and the SVG legends', async () => {
    const ctx = multiclass();
    const pred = ctx.prediction as MulticlassPrediction;
    const doc = buildRunReport(sections, { ...ctx, prediction: { ...pred, classes: ['b', HOSTILE_TEXT, 'light'] } });
    const dir = await mkdtemp(join(tmpdir(), 'hepuq-multiclass-'));
    try {
      const [page] = await writeReport(dir, doc);
      const html = await readFile(page, 'utf8');
      expect(html.match(/<svg /g)?.length).toBe(3);
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('&lt;script&gt;');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
