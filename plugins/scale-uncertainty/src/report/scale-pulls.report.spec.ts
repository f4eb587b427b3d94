import { describe, expect, it } from 'vitest';
import { analyseScalePulls } from '../analysis/scale-pulls.analysis.js';
import { readTable } from '../tables/parse-table.js';
import { SHIPPED_TABLES } from '../tables/shipped-tables.js';
import { processTableHtml } from './process-table.html.js';
import { pullHistogramPlot } from './pull-histogram.plot.js';
import { scalePullsReport } from './scale-pulls.report.js';
import { uncertaintyVsNPlot } from './uncertainty-vs-n.plot.js';

type Layer = { data: { values: Record<string, number>[] } };
const layers = (spec: Record<string, unknown>) => spec.layer as Layer[];

const result = async () =>
  analyseScalePulls(await readTable(SHIPPED_TABLES.pulls), await readTable(SHIPPED_TABLES.qcdReference), { method: 'reference', pull: 'asymmetric', tailThreshold: 3 });

describe('pull histogram', () => {
  it('counts every pull once, overflow in the edge bins, with the Gaussian scaled to N Δt', () => {
    const plot = pullHistogramPlot(Float64Array.of(-0.2, 0.1, 0.4, 2.6, 1244, -9), { name: 'p', title: 'P', range: 3 });
    // @hepuq/report's pull plot: bars (content d), no error bars for counts, then the Gaussian curve (g)
    const [bars, curve] = layers(plot.spec);
    expect(layers(plot.spec)).toHaveLength(2);
    expect(bars.data.values.reduce((s, b) => s + b.d, 0)).toBe(6);
    expect(bars.data.values.at(-1)?.d).toBe(2); // 2.6 and the overflow 1244
    expect(bars.data.values[0].d).toBe(1); // underflow -9
    const peak = Math.max(...curve.data.values.map((c) => c.g));
    // bins of width 0.5: N Δt φ(0) = 6 * 0.5 / sqrt(2π) = 1.19683, trimmed to 5 significant digits in the plot data
    expect(peak).toBeCloseTo((6 * 0.5) / Math.sqrt(2 * Math.PI), 4);
  });
});

describe('report document', () => {
  it('has before/after histograms, the uncertainty-vs-n plot, metrics and the process table', async () => {
    const r = await result();
    const doc = scalePullsReport(r, 8);
    expect(doc.plots.map((p) => p.name)).toEqual(['pulls-plain', 'pulls-reference', 'uncertainty-vs-n']);
    expect(doc.metrics['qcd_per_particle.up'].value).toBeCloseTo(r.reference?.qcdPerParticle.up as number, 12);
    expect(doc.metrics['qcd_per_particle.down'].value).toBeLessThan(0);
    expect(doc.metrics['plain.beyond_3'].value).toBeCloseTo(0.5, 12);
    const vsN = layers(uncertaintyVsNPlot(r).spec);
    expect(vsN).toHaveLength(2);
    expect(vsN[0].data.values).toHaveLength(18 + 11); // the table's processes and the QCD reference processes
    // the dashed reference line is n <Δσ+/(nσ0)>: at the largest n = 4 (W/Z + 3 jets) it is four times the average
    expect(vsN[1].data.values.at(-1)).toEqual({ n: 4, uncertainty: 4 * (r.reference?.qcdPerParticle.up as number) });
  });

  it('escapes process strings and marks tail rows', async () => {
    const html = processTableHtml(await result());
    expect(html).not.toContain('p p > z');
    expect(html).toContain('<tr class="tail"><td>p p &gt; a z wpm</td>');
    expect(html.match(/class="tail"/g)).toHaveLength(9);
  });
});
