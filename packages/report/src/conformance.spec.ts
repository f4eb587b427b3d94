import { createHepuq } from '@hepuq/core';
import {
  CLOSURE_COMPARE, computeMetricOutputs, createClosureMetric, DATA_SCALING, METRIC_OUTPUTS_ARTIFACT, PRIOR_SCAN, statsPlugin,
  type ClosureCompareArtifact, type ClosureRow, type DataScalingArtifact, type PriorScanArtifact,
} from '@hepuq/stats';
import { describeReportSectionConformance, syntheticReportContext } from '@hepuq/testing';
import { afterAll } from 'vitest';
import { report, REPORT_PLUGIN_NAME } from './index.js';

// every report section the plugin registers, as an app sees them (the stats plugin for metric outputs)
const app = await createHepuq({ plugins: [statsPlugin(), report()] });
afterAll(() => app.dispose());

/** The synthetic runs, and a predictions-only context as `hepuq metrics --report` builds it. */
function contexts() {
  const runs = [syntheticReportContext({ task: 'regression' }), syntheticReportContext({ task: 'classification' }), syntheticReportContext({ task: 'classification', classes: 3 })];
  const metricsOnly = runs.map((ctx) => ({
    name: `${ctx.name} (metrics only)`, metadata: ctx.metadata, metrics: ctx.metrics,
    artifacts: { [METRIC_OUTPUTS_ARTIFACT]: computeMetricOutputs(app.registries.metrics, { prediction: ctx.prediction!, truth: ctx.test!.target ?? ctx.test!.label!, features: { ...ctx.test!.features } }) },
  }));
  return [...runs, ...metricsOnly, { ...runs[0], name: 'with refit scans', artifacts: scans() }, ...closures(runs[0])];
}

/** The regression run with its `closure` metric table, and with a `closure-compare` result (its prediction against a shifted one). */
function closures(run: ReturnType<typeof syntheticReportContext>) {
  const truth = run.test!.target!.map((y) => y + 10);
  const prediction = run.prediction!;
  if (prediction.kind !== 'regression') throw new Error('expected a regression');
  const tables = (shift: number) => createClosureMetric({ bins: 5, reweight: { prior: { shape: 'flat' } } }).compute({ prediction: { ...prediction, mean: prediction.mean.map((m) => m + 10 + shift) }, truth }).tables!;
  const own = tables(0);
  const entry = (label: string, role: 'run' | 'direct', shift: number) => ({ label, role, values: {}, closure: tables(shift).closure as ClosureRow[], closure_reweighted: tables(shift).closure_reweighted as ClosureRow[] });
  const compare: ClosureCompareArtifact = { residual: 'relative', entries: [entry('numerical-inversion', 'run', 0), entry('het-mlp (direct)', 'direct', 0.5)] };
  return [
    { ...run, name: 'with a closure table', metricTables: own },
    { ...run, name: 'with closure-compare', artifacts: { [CLOSURE_COMPARE]: compare } },
  ];
}

/** A run's prior-scan and data-scaling results, as the steps return them. */
function scans(): Record<string, unknown> {
  const score = (value: number) => ({ value, error: 0.01 });
  const prior: PriorScanArtifact = {
    method: 'bnn', option: 'priorSigma', plateau_from: 1,
    points: [0.01, 1, 100].map((width, i) => ({ width, plateau: i > 0, score: score(i ? -0.2 : 1.3), score_metric: 'gaussian-nll', sigma_stat: i ? 0.05 : 0.01, sigma_syst: i ? 0.2 : 0.9 })),
  };
  const scaling: DataScalingArtifact = {
    method: 'bnn', score_metric: 'gaussian-nll', expected_stat_slope: -0.5, stat_slope: { value: -0.3, error: 0.04 }, syst_slope: { value: -0.05, error: 0.01 },
    points: [1000, 2000, 4000].map((n) => ({ fraction: n / 4000, n_train: n, epochs: 80000 / n, sigma_stat: { value: 3 / n ** 0.5 }, sigma_syst: { value: 0.2 }, score: score(-0.2), repeats: [] })),
  };
  return { [PRIOR_SCAN]: prior, [DATA_SCALING]: scaling };
}

for (const { value: section, owner } of app.registries.reportSections.entries()) {
  if (owner === REPORT_PLUGIN_NAME) describeReportSectionConformance({ section, contexts });
}
