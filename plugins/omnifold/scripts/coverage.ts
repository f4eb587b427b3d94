// Coverage of OmniFold's and IBU's quoted errors on the multi-dimensional toy (unfold-multi: three
// correlated observables, efficiency < 1, fakes), over independent seeds: every seed draws a new
// simulation and new data, unfolds all three observables at once with OmniFold (bootstrap of data and
// simulation) and each one alone with IBU, and compares every bin with the exact nature truth.
//   npx tsx --tsconfig tsconfig.spec.json plugins/omnifold/scripts/coverage.ts [seeds] [events] [replicas] [iterations]
import { loadUnfoldingProblem, Rng } from '@hepuq/core';
import { unfoldMultiBinProbabilities, type UnfoldMultiObservable } from '@hepuq/datasets';
import { OmniFoldOptions, omnifoldMethod, type IbuObservable, type ObservableSummary } from '@hepuq/plugin-omnifold';
import { fmt, meanSd, publish, studyApp } from './study-app.js';

const [seeds, n, replicas, iterations] = [Number(process.argv[2] ?? 20), Number(process.argv[3] ?? 4000), Number(process.argv[4] ?? 6), Number(process.argv[5] ?? 3)];
const BINS: Record<UnfoldMultiObservable, number[]> = {
  mass: [8, 12, 16, 20, 25, 32, 45],
  width: [0.05, 0.1, 0.15, 0.2, 0.27, 0.35, 0.5],
  mult: [12, 16, 19, 22, 25, 29, 36],
};
const OBS = Object.keys(BINS) as UnfoldMultiObservable[];
const { app, executor } = await studyApp(2);
const pulls: Record<'omnifold' | 'ibu', Record<string, number[]>> = { omnifold: {}, ibu: {} };
const t0 = performance.now();
try {
  for (let seed = 0; seed < seeds; seed++) {
    const problem = await loadUnfoldingProblem(app.registries, {
      sim: { toy: 'unfold-multi', n, options: { sample: 'sim' }, gen: OBS.map((o) => `gen_${o}`), reco: OBS.map((o) => `reco_${o}`), pass_gen: 'pass_gen', pass_reco: 'pass_reco' },
      data: { toy: 'unfold-multi', n, options: { sample: 'nature' }, reco: OBS.map((o) => `reco_${o}`), pass_reco: 'pass_reco' },
    }, new Rng(1000 + seed));
    const options = OmniFoldOptions.parse({ iterations, bootstrap: replicas, bootstrapSim: true, observables: OBS.map((o) => ({ column: `gen_${o}`, bins: BINS[o] })) });
    const result = await omnifoldMethod.unfold(problem, options, { rng: new Rng(seed), events: app.events, executor, methods: app.registries.methods });
    const observables = (result.unfolded as { observables: (ObservableSummary & { ibu: IbuObservable })[] }).observables;
    for (const [k, o] of observables.entries()) {
      const edges = BINS[OBS[k]];
      const p = unfoldMultiBinProbabilities(OBS[k], edges, { sample: 'nature' });
      const total = p.reduce((s, v) => s + v, 0);
      const truth = Array.from(p, (v, b) => v / total / (edges[b + 1] - edges[b]));
      const add = (method: 'omnifold' | 'ibu', density: number[], err: number[]) => {
        (pulls[method][OBS[k]] ??= []).push(...density.map((d, b) => (d - truth[b]) / err[b]));
      };
      add('omnifold', o.omnifold.density, o.omnifold.total_err!);
      add('ibu', o.ibu.density, o.ibu.total_err);
    }
    console.log(`seed ${seed + 1}/${seeds} done after ${Math.round((performance.now() - t0) / 1000)} s`);
  }
  const row = (method: 'omnifold' | 'ibu', obs: string) => {
    const v = pulls[method][obs];
    const { mean, sd } = meanSd(v);
    const within = v.filter((x) => Math.abs(x) < 1).length / v.length;
    return `| ${method === 'omnifold' ? 'OmniFold' : 'IBU'} | ${obs} | ${v.length} | ${fmt(mean, 2)} ± ${fmt(sd / Math.sqrt(v.length), 2)} | ${fmt(sd, 2)} | ${fmt(within, 2)} |`;
  };
  const table = [
    `${seeds} seeds of ${n} simulated and ${n} nature events each (efficiency 0.6–0.95, 5% fakes); OmniFold: ${iterations} iterations, ${replicas} bootstrap replicas of data and simulation; IBU: each observable alone in the same bins, the simulation as prior, KS stopping at 0.01. Pull = (unfolded − exact truth) / quoted error per bin of the unit-area histogram; calibrated errors give mean 0, width 1 and 68% within ±1.`,
    '',
    '| method | observable | bins × seeds | mean pull | pull width | fraction within ±1 |',
    '|---|---|---|---|---|---|',
    ...(['omnifold', 'ibu'] as const).flatMap((m) => OBS.map((o) => row(m, o))),
    '',
  ].join('\n');
  console.log(table);
  await publish('coverage', { seeds, n, replicas, iterations, seconds: (performance.now() - t0) / 1000, bins: BINS, pulls }, table, 'npx tsx --tsconfig tsconfig.spec.json plugins/omnifold/scripts/coverage.ts');
} finally {
  await executor.dispose();
  app.dispose();
}
