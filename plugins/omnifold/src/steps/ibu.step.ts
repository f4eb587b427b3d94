import { z, type UnfoldingStep } from '@hepuq/core';
import { densityHistogram } from '../observables/density-histogram.js';
import { ibuObservable } from '../observables/ibu-comparison.js';
import { ObservableSpec } from '../observables/observable.js';
import { resolveObservable } from '../observables/unfolded-observable.js';
import { weightedMoments } from '../observables/weighted-moments.js';
import { IbuComparison } from '../omnifold/omnifold.options.js';

export const IBU_STEP = 'ibu';

export const IbuStepOptions = IbuComparison.extend({
  /** The observables to unfold, one at a time, each in its own bins at both levels. */
  observables: z.array(ObservableSpec).min(1),
}).strict();
export type IbuStepOptions = z.output<typeof IbuStepOptions>;

/**
 * The `ibu` unfolding step: binned iterative Bayesian unfolding of chosen observables of the run's
 * samples, one at a time (response, efficiencies and fakes from the simulation), beside the
 * truth when the data carries it: the baseline every unbinned unfolding is compared with.
 * @example steps: [{ use: ibu, options: { observables: [{ column: gen_mass, bins: { n: 20, min: 0, max: 4 } }], prior: jeffreys } }]
 */
export const ibuStep: UnfoldingStep<typeof IbuStepOptions> = {
  key: IBU_STEP,
  description: 'Binned iterative Bayesian unfolding (D\'Agostini, as pyunfold) of chosen observables, one at a time, for comparison',
  options: IbuStepOptions,
  check({ options, problem }) {
    const { observables, ...settings } = options;
    for (const spec of observables) {
      const { reco, edges } = resolveObservable(problem.sim, spec);
      ibuObservable(problem, spec.column, reco, edges, settings);
    }
  },
  run({ options, problem }) {
    const { observables, ...settings } = options;
    return {
      observables: observables.map((spec) => {
        const { reco, edges } = resolveObservable(problem.sim, spec);
        const truth = problem.data.truth?.gen[spec.column];
        return {
          column: spec.column, reco, edges, ...ibuObservable(problem, spec.column, reco, edges, settings),
          truth: truth && problem.data.truth
            ? { density: densityHistogram(truth, edges, problem.data.weights, undefined, problem.data.truth.passGen), moments: weightedMoments(truth, problem.data.weights, undefined, problem.data.truth.passGen) }
            : undefined,
        };
      }),
    };
  },
};
