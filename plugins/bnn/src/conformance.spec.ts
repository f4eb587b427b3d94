import { createHepuq, Dataset, Rng, type GeneratedSample, type ReportContext } from '@hepuq/core';
import { describeReportSectionConformance, syntheticReportContext } from '@hepuq/testing';
import { afterAll } from 'vitest';
import { BNN, BNN_FLOW, BNN_PLUGIN_NAME, bnn, MC_DROPOUT } from './index.js';

// the report sections the plugin registers, as an app sees them (its methods run their own suite in methods/)
const app = await createHepuq({ plugins: [bnn()] });
afterAll(() => app.dispose());

/** A generated sample with R = 4 replica weights, as bnn-flow's run leaves it in `artifacts.sample`. */
function sample(n: number): GeneratedSample {
  const rng = new Rng(4);
  const data = new Dataset({ features: { x1: rng.normalArray(n), x2: rng.normalArray(n) } });
  const weights = Array.from({ length: 4 }, () => Float32Array.from({ length: n }, () => 0.8 + 0.4 * rng.uniform()));
  return { data, weights, density: new Float32Array(n).fill(0.1) };
}

/** The synthetic regression run (two features) as each of the plugin's regression methods made it. */
function contexts(): ReportContext[] {
  const base = syntheticReportContext({ task: 'regression' });
  return [
    { ...base, metadata: { ...base.metadata, method: BNN } },
    { ...base, metadata: { ...base.metadata, method: MC_DROPOUT } },
    { ...base, metadata: { ...base.metadata, method: BNN_FLOW }, artifacts: { sample: sample(500) } },
    syntheticReportContext({ task: 'classification' }),
  ];
}

for (const { value: section, owner } of app.registries.reportSections.entries()) {
  if (owner === BNN_PLUGIN_NAME) describeReportSectionConformance({ section, contexts });
}
