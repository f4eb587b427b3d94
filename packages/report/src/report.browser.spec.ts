import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRunReport } from './build-run-report.js';
import { plotAxisTitles } from './plots/axis-titles.js';
import { binnedMeanMap } from './plots/binned-mean-map.js';
import { heatmapPlot } from './plots/heatmap.plot.js';
import { histogramPlot, replicaSpread } from './plots/histogram.plot.js';
import { linePlot } from './plots/line.plot.js';
import { classificationSection } from './sections/classification.section.js';
import { regressionSection } from './sections/regression.section.js';
import { syntheticClassificationRun, syntheticRegressionRun } from './testing/synthetic-run.fixture.js';
import { writeReport } from './write-report.js';
import type { ReportDocument } from '@hepuq/core';

const CHROMIUM = process.env.HEPUQ_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Every standard plot (regression with and without truth, classification) plus the generic builders. */
function fullReport(): ReportDocument {
  const sections = [regressionSection(), classificationSection()];
  const reg = buildRunReport(sections, syntheticRegressionRun(3000));
  const scatter = buildRunReport(sections, syntheticRegressionRun(1000, 13, false)).plots.find((p) => p.name === 'predicted-vs-true')!;
  const cls = buildRunReport(sections, syntheticClassificationRun(3000));
  const edges = Array.from({ length: 16 }, (_, i) => 20 * i);
  const replicas = Array.from({ length: 25 }, (_, r) => edges.slice(1).map((e) => 500 * Math.exp(-e / 80) * (1 + 0.04 * Math.sin(3 * r + e))));
  const mu = Array.from({ length: 41 }, (_, i) => i / 20);
  const { xEdges, yEdges, values } = binnedMeanMap([0, 1, 2, 3], [0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], 4, 2);
  return {
    ...reg,
    title: 'hepuq run: browser <e2e> & report',
    plots: [
      ...reg.plots, scatter, ...cls.plots,
      histogramPlot({ name: 'unfolded-spectrum', title: 'Unfolded spectrum', xTitle: 'p_T [GeV]', yTitle: 'events / 20 GeV', edges, series: [{ label: 'unfolded', ...replicaSpread(replicas) }] }),
      linePlot({ name: 'likelihood-scan', title: 'Profile likelihood scan', xTitle: 'signal strength μ', yTitle: '−2 Δ ln L', series: [{ label: 'observed', x: mu, y: mu.map((m) => ((m - 1) / 0.3) ** 2) }] }),
      heatmapPlot({ name: 'density-map', title: 'Density', xTitle: 'x_1', yTitle: 'x_2', colorTitle: 'density', xEdges, yEdges, values }),
    ],
  };
}

describe('report.html in headless Chromium', () => {
  let dir: string;
  let profile: string;
  let context: BrowserContext;
  let doc: ReportDocument;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run packages/report/scripts/ensure-chromium.sh (installs Debian's chromium)`);
    }
    dir = await mkdtemp(join(tmpdir(), 'hepuq-report-e2e-'));
    profile = await mkdtemp(join(tmpdir(), 'hepuq-chromium-profile-'));
    doc = fullReport();
    await writeReport(dir, doc);
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    await Promise.all([dir, profile].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })));
  });

  it('renders every plot with non-zero size and its axis titles, and logs no errors', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
    });
    page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));

    await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
    expect(await page.title()).toBe(doc.title);
    expect(await page.locator('h1').innerText()).toBe(doc.title);
    expect(await page.locator('#metrics').innerText()).toContain('1.012 ± 0.011');

    const figures = page.locator('figure.plot');
    expect(await figures.count()).toBe(doc.plots.length);
    for (const plot of doc.plots) {
      const svg = page.locator(`figure[data-plot="${plot.name}"] svg`);
      expect(await svg.count(), plot.name).toBe(1);
      const box = await svg.boundingBox();
      expect(box && box.width > 100 && box.height > 100, `${plot.name} size ${JSON.stringify(box)}`).toBe(true);
      const texts = await svg.locator('text').allTextContents();
      const titles = plotAxisTitles(plot.spec);
      expect(titles.length, `${plot.name} axis titles`).toBe(2);
      for (const title of titles) expect(texts, `${plot.name}: axis title "${title}"`).toContain(title);
      // the browser really laid the title out (a text node with a width), not just parsed it
      const titleWidth = await svg.locator('g.role-axis-title text').first().evaluate((t) => (t as SVGTextElement).getComputedTextLength());
      expect(titleWidth, `${plot.name} title width`).toBeGreaterThan(10);
    }

    const shot = join(tmpdir(), 'hepuq-report-screenshot.png');
    await writeFile(shot, await page.screenshot({ fullPage: true }));
    console.log(`report screenshot: ${shot}`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
