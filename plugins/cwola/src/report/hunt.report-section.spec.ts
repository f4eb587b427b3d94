import type { ReportContext } from '@hepuq/core';
import { renderSvg } from '@hepuq/report';
import { describeReportSectionConformance, syntheticReportContext } from '@hepuq/testing';
import { describe, expect, it } from 'vitest';
import type { HuntArtifact } from '../hunt/cwola-hunt.step.js';
import type { HuntRegion, HuntSelection } from '../hunt/hunt.js';
import { CWOLA_HUNT } from '../hunt/hunt.options.js';
import { bestRegion, selectionLabel } from './hunt-plot.helpers.js';
import { HUNT_SECTION, huntReportSection } from './hunt.report-section.js';
import { injectionPlot } from './injection.plot.js';
import { pValueScanPlot, SIGMA_LINES, undrawnPValues } from './p-value-scan.plot.js';
import { selectedSpectrumPlot } from './selected-spectrum.plot.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
/** 10 bins over 2-5 TeV. */
const EDGES = [2000, 2300, 2600, 2900, 3200, 3500, 3800, 4100, 4400, 4700, 5000];
/** A falling background, scaled by the selection's efficiency. */
const background = (efficiency: number) => EDGES.slice(1).map((_, b) => 1e5 * efficiency * Math.exp(-0.8 * b));

/** One selection: counts = background plus `bump` events in bins 4-5; the fit is the background itself. */
function selection(efficiency: number, bump: number, z: number | null, error?: string): HuntSelection {
  const bkg = background(efficiency);
  const counts = bkg.map((v, b) => Math.round(v + (b === 4 || b === 5 ? bump / 2 : 0)));
  const expected = bkg[4] + bkg[5];
  if (z === null) return { efficiency, threshold: 0.5, kept: efficiency, counts, observed: null, expected: null, sigma_b: null, mu_hat: null, z: null, p0: null, fit: null, error };
  return {
    efficiency, threshold: efficiency === 1 ? null : 0.9, kept: efficiency, counts, observed: counts[4] + counts[5], expected, sigma_b: 0.02 * expected, mu_hat: bump, z, p0: 0.5 * Math.exp(-z * z / 2),
    fit: { fit_params: [1e5, 8, -4], fit_errors: [100, 0.1, 0.1], chi2: 6, ndf: 5, background: bkg }, signal: bump,
  };
}

function region(index: number, sr: [number, number], selections: HuntSelection[]): HuntRegion {
  return {
    index, sr, sr_range: [EDGES[sr[0]], EDGES[sr[1] + 1]], window: [sr[0] - 2, sr[1] + 2], events: { sr: 1e4, sidebands: 3e4, signal_sr: 300 },
    training: { validation_loss: [[0.69, 0.68]], selected: [[1, 2]], mixed_auc: { value: 0.52, error: 0.004 } }, selections,
  };
}

/** Two regions; the second (bins 4-5) holds a bump significant only after the tightest cut; one fit fails with hostile text. */
function artifact(): HuntArtifact {
  const regions = [
    region(0, [2, 3], [selection(1, 0, 0.3), selection(0.1, 0, 0.8), selection(0.01, 0, null, `dijet fit did not converge ${HOSTILE}`)]),
    region(1, [4, 5], [selection(1, 200, 0.4), selection(0.1, 150, 1.9), selection(0.01, 120, 4.2)]),
  ];
  return {
    resonance: `mjj ${HOSTILE}`, features: ['mj1', 'tau21'], edges: EDGES, folds: 5, fit: { function: 'dijet3', sqrtS: 13000, method: 'lsq' }, regions, hunt: [],
    correlation: [
      { index: 0, sr: [2, 3], auc: { value: 0.501, error: 0.003 }, z: 0.33, warn: false },
      { index: 1, sr: [4, 5], auc: { value: 0.52, error: 0.004 }, z: 5, warn: true },
    ],
    injection: {
      index: 1, sr: [4, 5],
      points: [0, 100, 300].map((signals) => ({
        signals, signal_sr: signals * 0.8, background_sr: 1e4, s_over_sqrt_b: (signals * 0.8) / 100,
        selections: [
          { efficiency: 1, kept: 1, observed: 1e4, expected: 1e4, z: signals / 200, p0: 0.3 },
          signals === 100 ? { efficiency: 0.01, kept: 0.01, observed: null, expected: null, z: null, p0: null, error: 'fit failed' } : { efficiency: 0.01, kept: 0.01, observed: 50, expected: 30, z: signals / 50, p0: 0.01 },
        ],
      })),
    },
  };
}

const context = (a: unknown): ReportContext => ({ name: 'hunt', metadata: {}, metrics: {}, artifacts: a === undefined ? {} : { [CWOLA_HUNT]: a } });
type Layer = { data?: { values: Record<string, unknown>[] }; layer?: Layer[]; encoding?: Record<string, { field?: string; scale?: { type?: string } }> };
/** Every row of every data block of a layered spec. */
const rowsOf = (spec: Layer): Record<string, unknown>[] => [...(spec.data?.values ?? []), ...(spec.layer ?? []).flatMap(rowsOf)];

describe('cwola-hunt report section', () => {
  it('applies only to a run with a hunt that found signal regions', () => {
    expect(HUNT_SECTION).toBe('cwola-hunt');
    expect(huntReportSection.applies(context(undefined))).toBe(false);
    expect(huntReportSection.applies(context({ ...artifact(), regions: [] }))).toBe(false);
    expect(huntReportSection.applies(context(artifact()))).toBe(true);
    expect(huntReportSection.plots(context(undefined))).toEqual([]);
    expect(huntReportSection.html!(context(undefined))).toBe('');
  });

  it('shows the region with the largest z at the tightest efficiency, falling back when its fits failed', () => {
    expect(bestRegion(artifact().regions)?.index).toBe(1);
    const failed = artifact().regions.map((r) => ({ ...r, selections: r.selections.map((s) => (s.efficiency === 0.01 ? { ...s, z: null } : s)) }));
    failed[0].selections[1] = { ...failed[0].selections[1], z: 2.5 };
    expect(bestRegion(failed)?.index).toBe(0);
    expect(selectionLabel(1)).toBe('inclusive');
    expect(selectionLabel(0.002)).toBe('ε = 0.2%');
  });

  it('draws the selected spectra with √N errors, the fit, the shaded signal region and the residuals', () => {
    const a = artifact();
    const plot = selectedSpectrumPlot(a, a.regions[1]);
    const [main, residual] = (plot.spec as { vconcat: Layer[] }).vconcat;
    const points = rowsOf(main).filter((r) => 'n' in r);
    expect(points).toHaveLength(30);
    const p = points.find((r) => r.selection === 'inclusive' && r.x === 2150)!;
    expect(p.hi as number).toBeCloseTo((p.n as number) + Math.sqrt(p.n as number), -1);
    expect(rowsOf(main).find((r) => 'x2' in r)).toMatchObject({ x: 3200, x2: 3800 });
    expect(rowsOf(main).filter((r) => 'bkg' in r)).toHaveLength(30);
    expect(JSON.stringify(main)).toContain('"type":"log"');
    // the bump: (N - B)/sqrt(B) is large inside the signal region at the tightest cut, ~0 outside
    const tight = rowsOf(residual).filter((r) => r.selection === 'ε = 1%' && 'r' in r);
    expect(tight.find((r) => r.x === 3350)!.r as number).toBeGreaterThan(2);
    expect(Math.abs(tight.find((r) => r.x === 2150)!.r as number)).toBeLessThan(0.1);
  });

  it('draws p0 against the signal-region centre per efficiency with 1-3σ references, leaving failed fits out', () => {
    const a = artifact();
    const plot = pValueScanPlot(a.regions, a.resonance);
    const rows = rowsOf(plot.spec as Layer);
    const points = rows.filter((r) => 'p0' in r);
    expect(points).toHaveLength(5);
    expect(points.map((r) => r.x)).toEqual([...points.map((r) => r.x as number)].sort((x, y) => x - y));
    expect(rows.filter((r) => 'p' in r).map((r) => r.p)).toEqual(SIGMA_LINES.map((l) => l.p));
    expect(plot.title).toContain('1 selection without a p-value left out');
    expect(undrawnPValues(a.regions).map((u) => [u.region.index, u.efficiency])).toEqual([[0, 0.01]]);
  });

  it('draws z against the injected S/√B with the signal count in the tooltip', () => {
    const a = artifact();
    const plot = injectionPlot(a.injection!, a.edges);
    const points = rowsOf(plot.spec as Layer).filter((r) => 'signals' in r);
    expect(points).toHaveLength(5);
    expect(points.filter((r) => r.selection === 'ε = 1%').map((r) => r.signals)).toEqual([0, 300]);
    expect(JSON.stringify(plot.spec)).toContain('"field":"signals"');
    expect(plot.title).toContain('3200–3800');
  });

  it('renders every plot to SVG, also from the artifact as read back from JSON', async () => {
    for (const a of [artifact(), JSON.parse(JSON.stringify(artifact())) as HuntArtifact]) {
      const plots = huntReportSection.plots(context(a));
      expect(plots.map((p) => p.name)).toEqual(['cwola-hunt-spectrum', 'cwola-hunt-p-values', 'cwola-hunt-injection']);
      for (const p of plots) expect(await renderSvg(p.spec, p.name)).toMatch(/^<svg/);
    }
  });

  it('writes escaped tables: summary, correlation with its warning, injection and the failed fits', () => {
    const html = huntReportSection.html!(context(artifact()));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong>Warning:</strong> in signal region 1 a classifier');
    expect(html).toContain('0.5200 ± 0.0040');
    expect(html).toContain('signal region 1 (3200–3800');
    expect(html).toContain('Left out of the p-value scan');
    expect(html).toContain('true signal selected');
    expect(html).toContain('fit failed: fit failed');
    const quiet = artifact();
    quiet.correlation = quiet.correlation!.map((c) => ({ ...c, warn: false }));
    delete quiet.injection;
    const plain = huntReportSection.html!(context(quiet));
    expect(plain).not.toContain('Warning');
    expect(plain).not.toContain('Signal injection');
    expect(huntReportSection.plots(context(quiet)).map((p) => p.name)).not.toContain('cwola-hunt-injection');
  });
});

describeReportSectionConformance({
  section: huntReportSection,
  contexts: () => [syntheticReportContext({ artifacts: { [CWOLA_HUNT]: artifact() } }), syntheticReportContext({ artifacts: {} })],
});
