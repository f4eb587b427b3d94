// The 1-D Gaussian example of Andreassen et al. (arXiv:1911.09107) at 1e5 events: OmniFold's mean
// and width per iteration with bootstrap errors (data and simulation resampled, classifiers
// retrained), against the ideal-classifier limit, binned IBU and the nature truth.
//   npx tsx --tsconfig tsconfig.spec.json plugins/omnifold/scripts/gauss-closure.ts [events] [replicas] [iterations]
import { loadUnfoldingProblem, Rng } from '@hepuq/core';
import { gaussIdealLimit, ibuObservable, OmniFoldOptions, omnifoldMethod, weightedMoments } from '@hepuq/plugin-omnifold';
import { fmt, meanSd, publish, studyApp } from './study-app.js';

const [n, replicas, iterations] = [Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 8), Number(process.argv[4] ?? 5)];
const { app, executor } = await studyApp(2);
try {
  const problem = await loadUnfoldingProblem(app.registries, {
    sim: { toy: 'unfold-gauss', n, options: { sample: 'sim' }, gen: ['gen_x'], reco: ['reco_x'] },
    data: { toy: 'unfold-gauss', n, options: { sample: 'nature' }, reco: ['reco_x'], truth: ['gen_x'] },
  }, new Rng(2026));
  const t0 = performance.now();
  const result = await omnifoldMethod.unfold(problem, OmniFoldOptions.parse({ iterations, bootstrap: replicas, bootstrapSim: true }), { rng: new Rng(1), events: app.events, executor, methods: app.registries.methods });
  const seconds = (performance.now() - t0) / 1000;
  const x = problem.sim.gen.gen_x;
  const moments = (w?: Float32Array) => weightedMoments(x, problem.sim.weights, w, problem.sim.passGen);
  const prior = moments();
  const ideal = gaussIdealLimit({ mean: prior.mean, variance: prior.std ** 2 }, { mean: 0.2, variance: 0.64 }, 0.5, iterations);
  const reps = result.replicas!.map(moments);
  const err = { mean: meanSd(reps.map((r) => r.mean)).sd, std: meanSd(reps.map((r) => r.std)).sd };
  const edges = Array.from({ length: 61 }, (_, i) => -4 + (8 * i) / 60);
  const rows = result.iterations.map((w, i) => {
    const m = moments(w);
    const ibu = ibuObservable(problem, 'gen_x', 'reco_x', edges, { prior: 'simulation', ts_stopping: 0, max_iter: i + 1 });
    return { iteration: i + 1, omnifold: m, ideal: { mean: ideal[i].mean, std: Math.sqrt(ideal[i].variance) }, ibu: ibu.moments, ...result.history[i] };
  });
  const truth = moments(undefined);
  const dataTruth = weightedMoments(problem.data.truth!.gen.gen_x, problem.data.weights, undefined, problem.data.truth!.passGen);
  const table = [
    `${n} simulated and ${n} nature events; ${replicas} bootstrap replicas (data and simulation resampled, classifiers retrained): error of the mean ${fmt(err.mean)}, of the width ${fmt(err.std)}. Nature: mean 0.2, width 0.8 (the data drawn: ${fmt(dataTruth.mean)}, ${fmt(dataTruth.std)}); simulation drawn: ${fmt(truth.mean)}, ${fmt(truth.std)}.`,
    '',
    '| iteration | OmniFold mean | ideal mean | IBU mean | OmniFold width | ideal width | IBU width | pull mean vs 0.2 | pull width vs 0.8 |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.iteration} | ${fmt(r.omnifold.mean)} | ${fmt(r.ideal.mean)} | ${fmt(r.ibu.mean)} | ${fmt(r.omnifold.std)} | ${fmt(r.ideal.std)} | ${fmt(r.ibu.std)} | ${fmt((r.omnifold.mean - 0.2) / err.mean, 2)} | ${fmt((r.omnifold.std - 0.8) / err.std, 2)} |`),
    '',
    `IBU: the same ${n} events in 60 bins on [-4, 4] at both levels, the simulation's histogram as prior, stopped after the same number of iterations (binned moments at the bin centres).`,
    '',
  ].join('\n');
  console.log(table);
  await publish('gauss', { n, replicas, iterations, seconds, errors: err, rows, dataTruth, simulation: truth }, table, 'npx tsx --tsconfig tsconfig.spec.json plugins/omnifold/scripts/gauss-closure.ts');
} finally {
  await executor.dispose();
  app.dispose();
}
