import { assertFiniteColumn } from '../data/assert-finite.js';
import { HepuqError } from '../errors/hepuq-error.js';
import type { UnfoldingProblem } from './unfolding-problem.js';

/**
 * Check an unfolding problem at the boundary: every column as long as its sample, finite values,
 * the data's reco columns named like the simulation's, and masks that leave events to train on
 * (simulated events passing reco and gen, measured events passing reco). Errors name the column or mask.
 * @example checkUnfoldingProblem({ sim, data })
 */
export function checkUnfoldingProblem({ sim, data }: UnfoldingProblem): void {
  const lengths: [string, ArrayLike<number>, number, string][] = [
    ...sim.genNames.map((c): [string, ArrayLike<number>, number, string] => [c, sim.gen[c], sim.n, sim.source]),
    ...sim.recoNames.map((c): [string, ArrayLike<number>, number, string] => [c, sim.reco[c], sim.n, sim.source]),
    ['weights', sim.weights, sim.n, sim.source], ['pass_gen', sim.passGen, sim.n, sim.source], ['pass_reco', sim.passReco, sim.n, sim.source],
    ...data.recoNames.map((c): [string, ArrayLike<number>, number, string] => [c, data.reco[c], data.n, data.source]),
    ['weights', data.weights, data.n, data.source], ['pass_reco', data.passReco, data.n, data.source],
    ...(data.truth ? [...Object.entries(data.truth.gen).map(([c, v]): [string, ArrayLike<number>, number, string] => [c, v, data.n, data.source]), ['pass_gen', data.truth.passGen, data.n, data.source] as [string, ArrayLike<number>, number, string]] : []),
  ];
  for (const [column, values, n, source] of lengths) {
    if (!values) throw new HepuqError('MissingColumn', `${source} has no column "${column}"`);
    if (values.length !== n) throw new HepuqError('ShapeMismatch', `${source}: column "${column}" has ${values.length} rows, the sample ${n}`);
    assertFiniteColumn(values, column, source);
  }
  for (const column of Object.keys(data.truth?.gen ?? {})) {
    if (!Object.hasOwn(sim.gen, column)) {
      throw new HepuqError('MissingColumn', `${data.source}: truth column "${column}" is not a gen column of the simulation (${sim.genNames.join(', ')})`, { hint: 'Name the data\'s truth columns like the simulation\'s gen columns, so unfolded and true distributions can be compared.' });
    }
  }
  for (const column of sim.recoNames) {
    if (!Object.hasOwn(data.reco, column)) {
      throw new HepuqError('MissingColumn', `${data.source} has no reco column "${column}", which the simulation has`, { hint: 'List the same reco columns for sim and data.' });
    }
  }
  if (data.recoNames.length !== sim.recoNames.length) {
    const extra = data.recoNames.find((c) => !Object.hasOwn(sim.reco, c));
    throw new HepuqError('MissingColumn', `${sim.source} has no reco column "${extra}", which the data has`, { hint: 'List the same reco columns for sim and data.' });
  }
  const some = (mask: Uint8Array, other?: Uint8Array) => mask.some((v, i) => v && (!other || other[i]));
  const empty = (what: string) => new HepuqError('EmptyDataset', `${what}: nothing is left to unfold`, { hint: 'Check the pass_gen / pass_reco columns (1 = the event passes) and the selection that produced them.' });
  if (!some(sim.passReco)) throw empty(`${sim.source}: pass_reco removes every simulated event`);
  if (!some(sim.passGen)) throw empty(`${sim.source}: pass_gen removes every simulated event`);
  if (!some(sim.passGen, sim.passReco)) throw empty(`${sim.source}: no simulated event passes both pass_gen and pass_reco`);
  if (!some(data.passReco)) throw empty(`${data.source}: pass_reco removes every measured event`);
}
