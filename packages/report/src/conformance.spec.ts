import { createHepuq } from '@hepuq/core';
import { computeMetricOutputs, METRIC_OUTPUTS_ARTIFACT, statsPlugin } from '@hepuq/stats';
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
  return [...runs, ...metricsOnly];
}

for (const { value: section, owner } of app.registries.reportSections.entries()) {
  if (owner === REPORT_PLUGIN_NAME) describeReportSectionConformance({ section, contexts });
}
