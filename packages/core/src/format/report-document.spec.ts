import { describe, expect, it } from 'vitest';
import type { ReportContext, ReportSection } from '../report-section.js';
import { buildReportDocument } from './report-document.js';

const ctx: ReportContext = { name: 'demo', metadata: { seed: 1 }, metrics: { m: { value: 1 } }, artifacts: {} };
const section = (key: string, order: number | undefined, plot: string, applies = true): ReportSection => ({
  key, title: `<${key}>`, order, applies: () => applies, plots: () => [{ name: plot, title: plot, spec: {} }], html: () => '<p>x</p>',
});

describe('buildReportDocument', () => {
  it('orders applying sections (no order = 100), wraps their HTML under the escaped title, titles the document', () => {
    const doc = buildReportDocument([section('c', undefined, 'p3'), section('skip', 1, 'p0', false), section('b', 50, 'p2'), section('a', 50, 'p1')], ctx, 'hepuq metrics: x');
    expect(doc.title).toBe('hepuq metrics: x');
    expect(doc.plots.map((p) => p.name)).toEqual(['p2', 'p1', 'p3']);
    expect(doc.html?.[0]).toBe('<section class="extra" data-section="b"><h2>&lt;b&gt;</h2><p>x</p></section>');
    expect(buildReportDocument([], ctx).title).toBe('hepuq run: demo');
  });

  it('rejects two sections adding the same plot name', () => {
    expect(() => buildReportDocument([section('a', 1, 'same'), section('b', 2, 'same')], ctx)).toThrow(expect.objectContaining({ code: 'DuplicateKey' }));
  });
});
