import { HepuqError, type SimulationSample, type UnfoldingProblem, type UnfoldingResult } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { densityHistogram } from './density-histogram.js';
import { binEdges, type ObservableSpec } from './observable.js';
import { weightedMoments, type Moments } from './weighted-moments.js';
import { replicaSpread } from '@hepuq/report';

/** A unit-area histogram of one observable with its moments. */
export interface DensitySummary {
  density: number[];
  moments: Moments;
}

/** Errors of the mean and the width (null where the runs to estimate them are missing). */
export interface MomentErrors {
  mean_stat: number | null;
  std_stat: number | null;
  mean_method: number | null;
  std_method: number | null;
  mean_total: number | null;
  std_total: number | null;
}

/**
 * OmniFold's result on one observable: the histogram and moments with their errors, and per
 * iteration. An error is null where the runs to estimate it are missing (fewer than two replicas or
 * members).
 */
export interface OmniFoldObservable extends DensitySummary {
  /**
   * Spread of the bootstrap replicas: the data's (and with bootstrapSim the simulation's) statistics
   * together with one run's classifier training noise, since every replica retrains its classifiers.
   */
  stat_err: number[] | null;
  /** Spread of the ensemble members over sqrt(members): the classifier noise left in their mean. */
  method_err: number[] | null;
  /**
   * The error to quote: stat_err when there are replicas (it holds one run's classifier noise, at least
   * the method_err of the mean, so adding method_err would count it twice), else method_err.
   */
  total_err: number[] | null;
  moments_err: MomentErrors;
  iterations: DensitySummary[];
}

/** Everything unfolded.json holds for one observable. */
export interface ObservableSummary {
  column: string;
  reco: string;
  edges: number[];
  omnifold: OmniFoldObservable;
  /** The simulation before unfolding. */
  prior: DensitySummary;
  /** The data's particle-level truth, when the data carries it (closure tests). */
  truth?: DensitySummary;
}

/**
 * Histogram a particle-level observable of the simulation with the unfolded weights (final and per
 * iteration), normalised to unit area, with the replicas' spread as the statistical error and the
 * members' spread as the method error (see `OmniFoldObservable` for what each holds); the same for its
 * weighted mean and width (unbinned).
 * @example const summary = unfoldedObservable(problem, result, { column: 'gen_x', bins: { n: 40, min: -3, max: 3 } })
 */
export function unfoldedObservable(problem: UnfoldingProblem, result: UnfoldingResult, spec: ObservableSpec): ObservableSummary {
  const { sim, data } = problem;
  const { values, reco, edges } = resolveObservable(sim, spec);
  const summary = (weights: Float32Array | undefined): DensitySummary => ({
    density: densityHistogram(values, edges, sim.weights, weights, sim.passGen),
    moments: weightedMoments(values, sim.weights, weights, sim.passGen),
  });
  const final = summary(result.iterations[result.iterations.length - 1]);
  const replicas = (result.replicas ?? []).map(summary);
  const members = (result.members ?? []).map(summary);
  const perMember = 1 / Math.sqrt(members.length);
  const stat = replicas.length > 1 ? errorsOf(replicas.map((r) => r.density)) : null;
  const method = members.length > 1 ? errorsOf(members.map((m) => m.density)).map((e) => e * perMember) : null;
  const momentSpread = (rows: DensitySummary[], scale = 1) => (rows.length > 1 ? errorsOf(rows.map((r) => [r.moments.mean, r.moments.std])).map((e) => e * scale) : [null, null]);
  const [meanStat, stdStat] = momentSpread(replicas);
  const [meanMethod, stdMethod] = momentSpread(members, perMember);
  const truthValues = data.truth?.gen[spec.column];
  return {
    column: spec.column,
    reco,
    edges,
    omnifold: {
      ...final,
      stat_err: stat,
      method_err: method,
      total_err: stat ?? method,
      moments_err: { mean_stat: meanStat, std_stat: stdStat, mean_method: meanMethod, std_method: stdMethod, mean_total: meanStat ?? meanMethod, std_total: stdStat ?? stdMethod },
      iterations: result.iterations.map(summary),
    },
    prior: summary(undefined),
    truth: truthValues && data.truth
      ? { density: densityHistogram(truthValues, edges, data.weights, undefined, data.truth.passGen), moments: weightedMoments(truthValues, data.weights, undefined, data.truth.passGen) }
      : undefined,
  };
}

/**
 * An observable's particle-level values, its detector-level partner (`reco`, else the reco column at
 * the same position among the columns) and its bin edges; errors name an unknown column. Checked
 * before OmniFold trains anything.
 */
export function resolveObservable(sim: SimulationSample, spec: ObservableSpec): { values: Float32Array; reco: string; edges: number[] } {
  const values = Object.hasOwn(sim.gen, spec.column) ? sim.gen[spec.column] : undefined;
  if (!values) {
    throw new HepuqError('MissingColumn', `observables: "${spec.column}" is not a gen column of the simulation (it has ${sim.genNames.join(', ')})`, { plugin: PLUGIN_NAME, hint: 'Name one of data.sim.gen in options.observables[].column.' });
  }
  const reco = spec.reco ?? sim.recoNames[sim.genNames.indexOf(spec.column)];
  if (reco === undefined || !Object.hasOwn(sim.reco, reco)) {
    throw new HepuqError('MissingColumn', spec.reco
      ? `observables: "${spec.reco}" is not a reco column of the simulation (it has ${sim.recoNames.join(', ')})`
      : `observables: "${spec.column}" has no reco column at its position for the binned comparison`, { plugin: PLUGIN_NAME, hint: 'Name its detector-level partner, one of data.sim.reco, in options.observables[].reco.' });
  }
  return { values, reco, edges: binEdges(spec.bins) };
}

/** The sample standard deviation (n - 1) of each position across the runs (report's replica spread). */
function errorsOf(rows: number[][]): number[] {
  return Array.from(replicaSpread(rows).errors);
}
