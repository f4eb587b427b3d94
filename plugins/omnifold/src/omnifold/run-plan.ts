import type { Rng, UnfoldingProblem } from '@hepuq/core';
import type { ChainWeights } from './omnifold-chain.js';

/** One OmniFold run to make: on the nominal data (an ensemble member) or on a bootstrap replica. */
export interface PlannedRun {
  kind: 'member' | 'replica';
  index: number;
  weights: ChainWeights;
  seed: number;
}

/**
 * The runs of an unfolding: `ensemble` members on the nominal weights with their own classifier
 * seeds, then `bootstrap` replicas with Poisson(1) weights on the data (and on the simulation with
 * `bootstrapSim`). Every draw comes from `rng` forked by the run's name, so runs are reproducible
 * one by one and independent of how an executor schedules them.
 */
export function planRuns(problem: UnfoldingProblem, settings: { ensemble: number; bootstrap: number; bootstrapSim: boolean }, rng: Rng): PlannedRun[] {
  const nominal: ChainWeights = { sim: problem.sim.weights, data: problem.data.weights };
  const runs: PlannedRun[] = [];
  for (let m = 0; m < settings.ensemble; m++) runs.push({ kind: 'member', index: m, weights: nominal, seed: rng.fork(`member:${m}`).nextSeed() });
  for (let r = 0; r < settings.bootstrap; r++) {
    const replica = rng.fork(`replica:${r}`);
    const data = poissonWeights(problem.data.weights, replica.fork('data'));
    const sim = settings.bootstrapSim ? poissonWeights(problem.sim.weights, replica.fork('sim')) : problem.sim.weights;
    runs.push({ kind: 'replica', index: r, weights: { sim, data }, seed: replica.fork('classifiers').nextSeed() });
  }
  return runs;
}

/** w_i k_i with k_i ~ Poisson(1): one bootstrap draw of a weighted sample. */
export function poissonWeights(base: Float32Array, rng: Rng): Float32Array {
  return Float32Array.from(base, (w) => w * rng.poisson(1));
}
