import { describe, expect, it } from 'vitest';
import { createHepuq, Dataset, type DataFormat, type MetricOutput, type ReportContext, type ReportSection, Rng } from '@hepuq/core';
import { captureCommandContext } from '@hepuq/testing';
import { statsPlugin } from '../stats.plugin.js';
import { formatMetricTable, METRIC_OUTPUTS_ARTIFACT, metricsCommand } from './metrics.command.js';

/** The `item` of every columns/read call (the part after `file.ext:`). */
const reads: (string | undefined)[] = [];

/** Stands in for @hepuq/report's metric-plots section: one plot per metric output that carries plot data. */
const outputsSection: ReportSection = {
  key: 'test-metric-plots',
  title: 'test',
  applies: (ctx) => ctx.artifacts[METRIC_OUTPUTS_ARTIFACT] !== undefined,
  plots: (ctx: ReportContext) => Object.entries(ctx.artifacts[METRIC_OUTPUTS_ARTIFACT] as Record<string, MetricOutput>)
    .filter(([, o]) => o.plots !== undefined)
    .map(([key]) => ({ name: key, title: key, spec: {} })),
};

/** An in-memory format standing in for @hepuq/io's csv (core must not depend on io). */
function memoryFormat(columns: Record<string, Float32Array>): DataFormat {
  return {
    key: 'memory',
    extensions: ['.mem'],
    description: 'test columns',
    columns: async (_path, options) => {
      reads.push(options?.item);
      return Object.keys(columns);
    },
    read: async (path, sel, options) => {
      reads.push(options?.item);
      const features = Object.fromEntries(sel.features.map((c) => {
        if (!columns[c]) throw new Error(`missing ${c} in ${path}`);
        return [c, columns[c]];
      }));
      return new Dataset({ features, weights: sel.weight ? columns[sel.weight] : undefined, source: path });
    },
  };
}

async function run(columns: Record<string, Float32Array>, options: Record<string, unknown>, json = false) {
  const app = await createHepuq({ backend: 'cpu', plugins: [statsPlugin()] });
  app.registries.formats.add('memory', memoryFormat(columns));
  app.registries.reportSections.add(outputsSection.key, outputsSection);
  try {
    const { ctx, lines, reports } = captureCommandContext(app, json);
    const code = await metricsCommand.run([], options, ctx);
    return { code, lines, reports: reports.map((r) => r.doc) };
  } finally {
    app.dispose();
  }
}

describe('hepuq metrics', () => {
  const rng = new Rng(3);
  const n = 2000;
  const truth = rng.normalArray(n);
  const regression = { mean: new Float32Array(n), sigma_tot: new Float32Array(n).fill(1), y: truth, weight: new Float32Array(n).fill(2), x: rng.normalArray(n) };

  it('prints one JSON object keyed by value names, with default columns', async () => {
    const { code, lines, reports } = await run(regression, { input: 'preds.mem', features: 'x', report: 'r' }, true);
    expect(code).toBe(0);
    // the plots come from the registered report sections, handed the metric outputs
    expect(reports[0].plots.map((p) => p.name)).toEqual(expect.arrayContaining(['pulls', 'calibration']));
    expect(reports[0].title).toBe('hepuq metrics: preds.mem');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]) as Record<string, { value: number; error?: number }>;
    for (const key of ['pull_std', 'coverage_68', 'mace', 'crps', 'nll', 'sharpness', 'check', 'pull_std_max_x']) expect(out[key]).toBeDefined();
    // pulls of N(0,1) truth with sigma 1: std error 1/sqrt(2 x 2000) = 0.016; allow 0.06
    expect(Math.abs(out.pull_std.value - 1)).toBeLessThan(0.06);
  });

  it('prints a table and writes report plots for classification', async () => {
    const prob = Float32Array.from({ length: n }, () => rng.uniform());
    const label = Float32Array.from(prob, (p) => (rng.uniform() < p ? 1 : 0));
    const { lines, reports } = await run({ prob, label }, { input: 'c.mem', report: 'out' });
    expect(lines[0]).toMatch(/report written/);
    expect(lines.some((l) => /^auc\s+0\.\d+ ± /.test(l))).toBe(true);
    expect(reports[0].plots.map((p) => p.name).sort()).toEqual(expect.arrayContaining(['auc', 'ece']));
    expect(reports[0].metadata.kind).toBe('classification');
  });

  it('recognises a multiclass predictions.csv (prob_<class>, sigma_prob_<class>, replicas) and computes the multiclass defaults', async () => {
    // the columns `hepuq run` writes for a 3-class classifier; labels drawn from the probabilities
    const classes = ['b', 'c', 'light'];
    const m = 3000;
    const cols: Record<string, Float32Array> = { x: rng.normalArray(m), label: new Float32Array(m) };
    const probs = classes.map(() => new Float32Array(m));
    for (let i = 0; i < m; i++) {
      const e = [1, 2, 3].map(() => Math.exp(1.5 * rng.normal()));
      const sum = e[0] + e[1] + e[2];
      e.forEach((v, k) => (probs[k][i] = v / sum));
      const u = rng.uniform();
      cols.label[i] = u < probs[0][i] ? 0 : u < probs[0][i] + probs[1][i] ? 1 : 2;
    }
    classes.forEach((c, k) => {
      cols[`prob_${c}`] = probs[k];
      cols[`sigma_prob_${c}`] = Float32Array.from(probs[k], (p) => 0.05 * p);
      for (const r of [0, 1]) cols[`replica_${r}_prob_${c}`] = probs[k];
    });
    const { code, lines, reports } = await run(cols, { input: 'mc.mem', report: 'r' }, true);
    expect(code).toBe(0);
    const out = JSON.parse(lines[0]) as Record<string, { value: number; error?: number }>;
    for (const key of ['accuracy', 'brier', 'log_loss', 'ece_top_label', 'ece_classwise', 'ece_class_light', 'calibration_chi2', 'calibration_p_b']) {
      expect(out[key], key).toBeDefined();
    }
    expect(out.auc).toBeUndefined();
    // calibrated by construction: the chi2 of 30 bins is within 4 sqrt(2 ndf) of ndf (fails with probability ~1e-4)
    expect(Math.abs(out.calibration_chi2.value - out.calibration_ndf.value)).toBeLessThan(4 * Math.sqrt(2 * out.calibration_ndf.value));
    expect(reports[0].metadata.kind).toBe('multiclass');
    expect(reports[0].plots.map((p) => p.name)).toEqual(expect.arrayContaining(['multiclass-ece', 'classwise-calibration']));
  });

  it('reads a multiclass file without sigma columns (replica spread) and names a missing replica column', async () => {
    const p0 = Float32Array.of(0.5, 0.25, 0.125);
    const p1 = Float32Array.of(0.25, 0.5, 0.125);
    const p2 = Float32Array.of(0.25, 0.25, 0.75);
    const base = { prob_0: p0, prob_1: p1, prob_2: p2, y: Float32Array.of(0, 1, 2) };
    const { lines } = await run({ ...base, replica_0_prob_0: p0, replica_0_prob_1: p1, replica_0_prob_2: p2 }, { input: 'm.mem', metrics: 'multiclass-accuracy' }, true);
    expect(JSON.parse(lines[0])).toEqual({ accuracy: { value: 1, error: 0 } });
    await expect(run({ ...base, replica_0_prob_0: p0, replica_0_prob_1: p1 }, { input: 'm.mem' })).rejects.toThrow(/replica_0_prob_2/);
    // a label outside 0..K-1 is named
    await expect(run({ ...base, y: Float32Array.of(0, 1, 3) }, { input: 'm.mem' })).rejects.toThrow(/label is 3 at row 3/);
  });

  it('reads an item inside the file (file.ext:item), like `hepuq run`', async () => {
    reads.length = 0;
    const { code } = await run(regression, { input: 'preds.mem:/group/preds' }, true);
    expect(code).toBe(0);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((item) => item === '/group/preds')).toBe(true);
  });

  it('names a bad flag as --flag', async () => {
    await expect(run(regression, { input: 'p.mem', kind: 'density' })).rejects.toThrow(/^hepuq metrics: --kind: /);
  });

  it('names a missing column and an unknown extension', async () => {
    await expect(run({ mean: truth }, { input: 'p.mem' })).rejects.toThrow(/no sigma column/);
    await expect(run(regression, { input: 'p.parquet' })).rejects.toThrow(/no registered data format/);
  });
});

describe('formatMetricTable', () => {
  it('aligns the ± signs and rounds each value by the PDG rule', () => {
    expect(formatMetricTable({ auc: { value: 0.84881, error: 0.00553 }, pull_std: { value: 1.0123, error: 0.0162 }, n: { value: 2000 } })).toEqual([
      'metric    value ± error (1σ)',
      'auc       0.849 ± 0.006',
      'pull_std  1.012 ± 0.016',
      'n          2000',
    ]);
  });
});
