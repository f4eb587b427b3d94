import { VEGA_LITE_SCHEMA, type PlotSpec, type ReportContext, type ReportSection } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { nonJsonPath } from './conformance-helpers.js';
import { HOSTILE_TEXT, syntheticReportContext } from './synthetic-run.js';

export interface ReportSectionConformanceOptions {
  section: ReportSection;
  /**
   * Contexts to render; the section must apply to at least one. Default: the synthetic regression and
   * classification runs of `syntheticReportContext` (hostile text in name, metadata and a metric name).
   */
  contexts?: () => ReportContext[] | Promise<ReportContext[]>;
}

/** Every `data` block of a Vega-Lite spec (layers, concatenations, facets), with its path. */
function dataBlocks(spec: unknown, path = '$'): [string, unknown][] {
  if (Array.isArray(spec)) return spec.flatMap((v, i) => dataBlocks(v, `${path}[${i}]`));
  if (typeof spec !== 'object' || spec === null) return [];
  return Object.entries(spec).flatMap(([k, v]) => (k === 'data' ? [[`${path}.data`, v] as [string, unknown]] : dataBlocks(v, `${path}.${k}`)));
}

/** Where a spec's data is not inline: a `url`, or a named dataset missing from `datasets`. */
function externalData(spec: Record<string, unknown>): string[] {
  const datasets = (spec.datasets ?? {}) as Record<string, unknown>;
  return dataBlocks(spec).flatMap(([path, d]) => {
    const data = (d ?? {}) as { values?: unknown; name?: string; url?: unknown };
    if (Array.isArray(data.values) || (typeof data.values === 'object' && data.values !== null)) return [];
    if (data.name !== undefined && Array.isArray(datasets[data.name])) return [];
    return [`${path}: ${JSON.stringify(d)?.slice(0, 80)}`];
  });
}

/** The context with hostile text added where a section might print it. */
function hostile(ctx: ReportContext): ReportContext {
  return {
    ...ctx,
    name: `${ctx.name} ${HOSTILE_TEXT}`,
    metadata: { ...ctx.metadata, hepuqConformanceNote: HOSTILE_TEXT },
    metrics: { ...ctx.metrics, [HOSTILE_TEXT]: { value: 1 } },
  };
}

function checkPlots(plots: PlotSpec[], where: string): void {
  expect(Array.isArray(plots), `${where}: plots is an array`).toBe(true);
  const names = plots.map((p) => p.name);
  expect(new Set(names).size, `${where}: plot names are unique (${names.join(', ')})`).toBe(names.length);
  for (const p of plots) {
    expect(p.name, `${where}: plot names are file-name safe`).toMatch(/^[a-z0-9][a-z0-9_.-]*$/i);
    expect(p.title.trim(), `${where}: ${p.name} title`).not.toBe('');
    expect(p.spec.$schema, `${where}: ${p.name} is Vega-Lite of the version core names`).toBe(VEGA_LITE_SCHEMA);
    expect(dataBlocks(p.spec).length, `${where}: ${p.name} has data`).toBeGreaterThan(0);
    expect(externalData(p.spec), `${where}: ${p.name} data must be inline`).toEqual([]);
    expect(nonJsonPath(p.spec, p.name), `${where}: ${p.name} spec must be plain JSON`).toBeUndefined();
  }
}

/**
 * The contract every report section must meet: `applies` answers (without throwing) for any context,
 * an empty one included; where it applies, `plots` are uniquely named Vega-Lite specs with core's
 * `$schema` (VEGA_LITE_SCHEMA) and inline, JSON-safe data, and `html` is a string with no `<script`
 * even when the run name, metadata and metric names carry hostile text.
 * @example describeReportSectionConformance({ section: regressionSection() })
 * @example describeReportSectionConformance({ section, contexts: () => [syntheticReportContext({ artifacts: { 'acme/closure': result } })] })
 */
export function describeReportSectionConformance(c: ReportSectionConformanceOptions): void {
  const { section } = c;
  const contexts = async () => (c.contexts ? c.contexts() : [syntheticReportContext({ task: 'regression' }), syntheticReportContext({ task: 'classification' })]);

  describe(`report section conformance: ${section.key}`, () => {
    it('describes itself and answers applies for any context', async () => {
      expect(section.key).toMatch(/^(?:[a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9.-]*$/);
      expect(section.title.trim()).not.toBe('');
      if (section.order !== undefined) expect(Number.isFinite(section.order), 'order').toBe(true);
      const empty: ReportContext = { name: 'empty', metadata: {}, metrics: {}, artifacts: {} };
      expect(typeof section.applies(empty)).toBe('boolean');
      const applying = (await contexts()).filter((ctx) => section.applies(ctx));
      expect(applying.length, 'the section must apply to one of the contexts (pass `contexts`)').toBeGreaterThan(0);
    });

    it('draws Vega-Lite plots with inline data where it applies', async () => {
      for (const ctx of (await contexts()).filter((x) => section.applies(x))) checkPlots(section.plots(ctx), ctx.name);
    });

    it('writes HTML without script, escaping what the run carries', async () => {
      if (!section.html) return;
      for (const base of (await contexts()).filter((x) => section.applies(x))) {
        for (const ctx of [base, hostile(base)]) {
          if (!section.applies(ctx)) continue;
          const html = section.html(ctx);
          expect(typeof html).toBe('string');
          expect(html, `${ctx.name}: no <script in section HTML`).not.toMatch(/<script/i);
        }
      }
    });
  });
}
