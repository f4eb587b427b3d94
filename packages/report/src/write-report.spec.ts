import { isHepuqError, type ReportDocument } from '@hepuq/core';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRunReport } from './build-run-report.js';
import { calibrationCurvePlot } from './plots/calibration-curve.plot.js';
import { regressionSection } from './sections/regression.section.js';
import { syntheticRegressionRun } from './testing/synthetic-run.fixture.js';
import { writeReport } from './write-report.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'hepuq-report-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('writeReport', () => {
  it('writes a self-contained report.html plus an SVG and a PNG per plot, and returns the paths', async () => {
    const dir = await tempDir();
    const ctx = syntheticRegressionRun(1500);
    ctx.metadata.note = '<script>alert(1)</script> & "quotes"';
    const doc = buildRunReport([regressionSection()], ctx);
    doc.html = ['<table class="extra-table"><tr><td>extra block</td></tr></table>'];
    const paths = await writeReport(dir, doc);
    expect(paths[0]).toBe(join(dir, 'report.html'));
    expect(paths.length).toBe(1 + 2 * doc.plots.length);
    for (const p of paths) expect(existsSync(p)).toBe(true);
    expect((await readdir(join(dir, 'plots'))).sort()).toEqual(doc.plots.flatMap((p) => [`${p.name}.png`, `${p.name}.svg`]).sort());

    const html = await readFile(paths[0], 'utf8');
    expect(html).toContain('<h1>hepuq run: synthetic-regression</h1>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*['"]?https?:/i);
    expect(html).toContain('<th scope="row">versions.core</th><td>0.1.0</td>');
    expect(html).toContain('1.012 ± 0.011');
    // PDG: an error with leading digits 730 keeps one significant digit
    expect(html).toContain('0.684 ± 0.007');
    expect(html).toMatch(/0\.3456 <span class="noerr"/);
    expect(html).toContain('extra block');
    expect(html.match(/<figure class="plot"/g)?.length).toBe(doc.plots.length);
    expect(html.match(/<svg /g)?.length).toBe(doc.plots.length);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // the report stays small: 2000 rows per plot at most
    expect(html.length).toBeLessThan(1_500_000);
  });

  it('checks plot names before writing anything', async () => {
    const dir = await tempDir();
    const plot = calibrationCurvePlot({ truth: [0, 1], mean: [0, 0], sigma: [1, 1] });
    const doc: ReportDocument = { title: 't', metadata: {}, metrics: {}, plots: [plot, { ...plot, name: '../escape' }] };
    const err = await writeReport(dir, doc).catch((e: unknown) => e);
    expect(isHepuqError(err) && err.code === 'InvalidArgument').toBe(true);
    expect((err as Error).message).toContain('../escape');
    expect(await readdir(dir)).toEqual([]);
    const dup = await writeReport(dir, { ...doc, plots: [plot, plot] }).catch((e: unknown) => e);
    expect(isHepuqError(dup) && dup.code === 'DuplicateKey').toBe(true);
  });

  it('writes no report.html when a plot fails to render', async () => {
    const dir = await tempDir();
    const doc: ReportDocument = { title: 't', metadata: {}, metrics: {}, plots: [{ name: 'bad', title: 'Bad', spec: { mark: 'nope', data: { values: [] } } }] };
    await expect(writeReport(dir, doc)).rejects.toThrow(/"bad"/);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});
