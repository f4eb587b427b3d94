import { createHepuq, Rng } from '@hepuq/core';
import { describeCommandConformance, describeReportSectionConformance, describeRunStepConformance, syntheticReportContext, syntheticRun } from '@hepuq/testing';
import { afterAll } from 'vitest';
import { PLUGIN_NAME, SCALE_PULLS, scaleUncertainty } from './index.js';

// every command, step and report section the plugin registers, as an app sees them
const plugins = () => [scaleUncertainty()];
const app = await createHepuq({ plugins: plugins() });
afterAll(() => app.dispose());
const owned = <T>(entries: { value: T; owner: string }[]) => entries.filter((e) => e.owner === PLUGIN_NAME).map((e) => e.value);

for (const command of owned(app.registries.commands.entries())) {
  describeCommandConformance({
    command,
    plugins,
    examples: [{}, { options: { method: 'plain', pull: 'symmetrised' } }],
    invalid: [
      { options: { method: 'fancy' }, mentions: '--method' },
      { options: { table: '/nonexistent/table.csv' }, mentions: 'table.csv' },
    ],
  });
}

for (const step of owned(app.registries.steps.entries())) {
  describeRunStepConformance({
    step,
    plugins,
    options: { method: 'reference' },
    invalidOptions: [{ options: { tailThreshold: -1 }, field: 'tailThreshold' }, { options: { pull: 'both' }, field: 'pull' }],
    knownIssues: {
      json: 'with the shipped tables the summary of the empty QCD group (summary.plain.qcd, summary.reference.qcd) is all NaN, stored as null in steps.json',
    },
  });
}

/** A run with the scale-pulls step (shipped tables), as the report sees it after steps.json. */
async function contexts() {
  const step = app.registries.steps.get(SCALE_PULLS);
  const result = await step.run({ ...syntheticRun(), options: step.options.parse({}), rng: new Rng(1), services: app.services, events: app.events });
  return [syntheticReportContext({ artifacts: { [SCALE_PULLS]: JSON.parse(JSON.stringify(result)) as unknown } })];
}

for (const section of owned(app.registries.reportSections.entries())) describeReportSectionConformance({ section, contexts });
