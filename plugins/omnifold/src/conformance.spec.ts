import { createRequire } from 'node:module';
import { createHepuq, EventBus, loadUnfoldingProblem, Rng } from '@hepuq/core';
import { datasets } from '@hepuq/datasets';
import { nnPlugin } from '@hepuq/nn';
import { describePluginConformance, describeReportSectionConformance, syntheticReportContext } from '@hepuq/testing';
import { omnifold } from './omnifold.plugin.js';
import { omnifoldMethod } from './omnifold/omnifold.method.js';
import { OmniFoldOptions } from './omnifold/omnifold.options.js';
import { unfoldingReportSection } from './report/unfolding.report-section.js';

const packageJson = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

describePluginConformance({
  factory: (options) => omnifold(options as Parameters<typeof omnifold>[0]),
  packageJson,
  invalidOptions: [{ options: { iterations: 3 }, field: '(root)' }],
});

/** A real (tiny) unfolding's summary, with hostile text where the section prints an observable's name. */
async function unfoldingContext() {
  const app = await createHepuq({ plugins: [nnPlugin(), datasets()] });
  try {
    const problem = await loadUnfoldingProblem(app.registries, {
      sim: { toy: 'unfold-gauss', n: 400, gen: ['gen_x'], reco: ['reco_x'] },
      data: { toy: 'unfold-gauss', n: 400, options: { sample: 'nature' }, reco: ['reco_x'], truth: ['gen_x'] },
    }, new Rng(1));
    const options = OmniFoldOptions.parse({ iterations: 2, bootstrap: 2, classifier: { use: 'mlp-classifier', options: { hidden: [8], epochs: 1 } }, observables: [{ column: 'gen_x', bins: { n: 6, min: -3, max: 3 } }] });
    const result = await omnifoldMethod.unfold(problem, options, { rng: new Rng(2), events: new EventBus(), methods: app.registries.methods });
    const observables = (result.unfolded as { observables: Record<string, unknown>[] }).observables.map((o) => ({ ...o, column: '<img src=x onerror=alert(1)> x' }));
    return syntheticReportContext({ artifacts: { unfolded: { observables }, unfolding_history: result.history } });
  } finally {
    app.dispose();
  }
}

describeReportSectionConformance({ section: unfoldingReportSection, contexts: async () => [await unfoldingContext()] });
