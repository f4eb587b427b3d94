import { HepuqError, type Rng, type UnfoldingProblem } from '@hepuq/core';
import type { ChainWeights } from './omnifold-chain.js';

/** One OmniFold run to make: on the nominal data (an ensemble member) or on a bootstrap replica. */
export interface PlannedRun {
  kind: 'member' | 'replica';
  index: number;
  weights: ChainWeights;
  /** The replica's Poisson factors k_i of the simulation's events (with `bootstrapSim`): its unfolded weights are k_i nu_i. */
  simFactors?: Float32Array;
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
    const simFactors = settings.bootstrapSim ? poissonFactors(problem.sim.n, replica.fork('sim')) : undefined;
    const sim = simFactors ? Float32Array.from(problem.sim.weights, (w, i) => w * simFactors[i]) : problem.sim.weights;
    if (!(total(data, problem.data.passReco) > 0) || !(total(sim, problem.sim.passReco) > 0) || !(total(sim, problem.sim.passGen) > 0)) {
      throw new HepuqError('EmptyDataset', `bootstrap replica ${r} draws no events of a sample (${problem.data.n} measured, ${problem.sim.n} simulated)`, {
        hint: 'The samples are too small to bootstrap: give more events, or bootstrap: 0.',
      });
    }
    runs.push({ kind: 'replica', index: r, weights: { sim, data }, simFactors, seed: replica.fork('classifiers').nextSeed() });
  }
  return runs;
}

/** w_i k_i with k_i ~ Poisson(1): one bootstrap draw of a weighted sample. */
export function poissonWeights(base: Float32Array, rng: Rng): Float32Array {
  return Float32Array.from(base, (w) => w * rng.poisson(1));
}

/** k_i ~ Poisson(1) for n events. */
function poissonFactors(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.poisson(1));
}

function total(weights: Float32Array, mask: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) if (mask[i]) sum += weights[i];
  return sum;
}
