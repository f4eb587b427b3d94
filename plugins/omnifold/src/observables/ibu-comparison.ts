import type { UnfoldingProblem } from '@hepuq/core';
import { binnedUnfoldingInputs } from '../ibu/binned-inputs.js';
import { iterativeUnfold } from '../ibu/iterative-unfold.js';
import type { IbuComparison } from '../omnifold/omnifold.options.js';
import { normalise } from './density-histogram.js';
import { binnedMoments, type Moments } from './weighted-moments.js';

/** IBU's result on one observable, in the same unit-area normalisation as OmniFold's. */
export interface IbuObservable {
  density: number[];
  /** Statistical (data) and systematic (simulation behind the response) errors, and both in quadrature. */
  stat_err: number[];
  sys_err: number[];
  total_err: number[];
  /** The unfolded counts (efficiency-corrected), as pyunfold returns them. */
  unfolded: number[];
  num_iterations: number;
  ts_iter: number;
  /** Mean and width of the binned result (bin centres). */
  moments: Moments;
}

/**
 * Unfold one observable with binned IBU (`binnedUnfoldingInputs`: response and efficiencies from the
 * simulation, fakes subtracted from the data) in the observable's bins at both levels, starting from
 * the simulation's particle-level histogram (`prior: simulation`, as OmniFold starts from the
 * simulation; or pyunfold's uniform or Jeffreys prior), with the data
 * covariance propagated by Adye's exact derivative (pyunfold 0.5's own propagation departs from it
 * from the second iteration on; `hepuq ibu` keeps pyunfold's, for equality with it). Counts and
 * errors are scaled to unit area like OmniFold's histograms (the normalisation's own uncertainty
 * is neglected, as it is for OmniFold's replicas' shapes).
 * The columns come from `resolveObservable`.
 * @example const ibu = ibuObservable(problem, 'gen_x', 'reco_x', edges, { prior: 'simulation', ts_stopping: 0.01, max_iter: 100 })
 */
export function ibuObservable(problem: UnfoldingProblem, column: string, reco: string, edges: number[], settings: IbuComparison): IbuObservable {
  const { sim, data } = problem;
  const inputs = binnedUnfoldingInputs({
    simGen: sim.gen[column], simReco: sim.reco[reco], simWeights: sim.weights, passGen: sim.passGen, passReco: sim.passReco,
    dataReco: data.reco[reco], dataWeights: data.weights, dataPassReco: data.passReco, genEdges: edges, recoEdges: edges,
  });
  const { data: d, data_err, response, response_err, efficiencies, efficiencies_err } = inputs;
  const simTotal = inputs.simTruth.sumW.reduce((s, v) => s + v, 0);
  const prior = settings.prior === 'simulation'
    ? { prior: inputs.simTruth.sumW.map((v) => v / simTotal) }
    : settings.prior === 'jeffreys' ? { prior: 'jeffreys' as const, cause_lim: edges.slice(0, -1).map((e, b) => (e + edges[b + 1]) / 2) } : {};
  const result = iterativeUnfold(
    { data: d, data_err, response, response_err, efficiencies, efficiencies_err, ts_stopping: settings.ts_stopping, max_iter: settings.max_iter, ...prior },
    { statPropagation: 'adye', where: `IBU of ${column}` },
  );
  const total = result.unfolded.reduce((s, c) => s + c, 0);
  const scale = (values: number[]) => values.map((v, b) => v / total / (edges[b + 1] - edges[b]));
  const stat = scale(result.stat_err);
  const sys = scale(result.sys_err);
  return {
    density: normalise(result.unfolded, edges), stat_err: stat, sys_err: sys, total_err: stat.map((s, b) => Math.hypot(s, sys[b])),
    unfolded: result.unfolded, num_iterations: result.num_iterations, ts_iter: result.ts_iter, moments: binnedMoments(result.unfolded, edges),
  };
}
