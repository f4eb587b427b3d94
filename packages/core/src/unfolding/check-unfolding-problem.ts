import { HepuqError } from '../errors/hepuq-error.js';
import { dataRow } from '../data/data-row.js';
import type { UnfoldingProblem } from './unfolding-problem.js';

/** One column to check: its values, the sample's size and name, and the mask of the rows it is used on. */
interface Column {
  name: string;
  values: ArrayLike<number> | undefined;
  n: number;
  source: string;
  usedWhere?: Uint8Array;
}

/**
 * Check an unfolding problem at the boundary: every column as long as its sample, finite values in
 * the rows the unfolding uses (a reco column where the event passes reco, a gen column where it
 * passes gen: files often hold NaN for the level an event lacks; weights everywhere), the data's reco
 * columns named like the simulation's and its truth columns like the simulation's gen columns, and
 * masks that leave events of positive total weight to train on (simulated events passing reco, gen
 * and both, measured events passing reco). Errors name the column, row or mask.
 * @example checkUnfoldingProblem({ sim, data })
 */
export function checkUnfoldingProblem({ sim, data }: UnfoldingProblem): void {
  const masks: Column[] = [
    { name: 'pass_gen', values: sim.passGen, n: sim.n, source: sim.source }, { name: 'pass_reco', values: sim.passReco, n: sim.n, source: sim.source },
    { name: 'pass_reco', values: data.passReco, n: data.n, source: data.source },
    ...(data.truth ? [{ name: 'pass_gen', values: data.truth.passGen, n: data.n, source: data.source }] : []),
  ];
  masks.forEach(checkLength);
  const columns: Column[] = [
    ...sim.genNames.map((name) => ({ name, values: sim.gen[name], n: sim.n, source: sim.source, usedWhere: sim.passGen })),
    ...sim.recoNames.map((name) => ({ name, values: sim.reco[name], n: sim.n, source: sim.source, usedWhere: sim.passReco })),
    { name: 'weights', values: sim.weights, n: sim.n, source: sim.source },
    ...data.recoNames.map((name) => ({ name, values: data.reco[name], n: data.n, source: data.source, usedWhere: data.passReco })),
    { name: 'weights', values: data.weights, n: data.n, source: data.source },
    ...Object.entries(data.truth?.gen ?? {}).map(([name, values]) => ({ name, values, n: data.n, source: data.source, usedWhere: data.truth!.passGen })),
  ];
  for (const column of columns) {
    checkLength(column);
    checkFinite(column);
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
  const both = Uint8Array.from(sim.passGen, (g, i) => g & sim.passReco[i]);
  const missed = sim.passGen.some((g, i) => g && !sim.passReco[i]);
  checkTotal(sim.weights, sim.passReco, `${sim.source}: pass_reco removes every simulated event`);
  checkTotal(sim.weights, sim.passGen, `${sim.source}: pass_gen removes every simulated event`);
  if (missed) checkTotal(sim.weights, both, `${sim.source}: no simulated event passes both pass_gen and pass_reco`);
  checkTotal(data.weights, data.passReco, `${data.source}: pass_reco removes every measured event`);
  if (data.truth) checkTotal(data.weights, data.truth.passGen, `${data.source}: the truth's pass_gen removes every event`);
}

function checkLength({ name, values, n, source }: Column): void {
  if (!values) throw new HepuqError('MissingColumn', `${source} has no column "${name}"`);
  if (values.length !== n) throw new HepuqError('ShapeMismatch', `${source}: column "${name}" has ${values.length} rows, the sample ${n}`);
}

function checkFinite({ name, values, source, usedWhere }: Column): void {
  for (let i = 0; i < values!.length; i++) {
    if ((!usedWhere || usedWhere[i]) && !Number.isFinite(values![i])) {
      throw new HepuqError('NonFiniteValue', `${source}: column "${name}" ${dataRow(i)} is ${values![i]}`, {
        hint: usedWhere ? 'The column is checked where the event passes its selection (pass_gen for gen columns, pass_reco for reco columns); fix the value or the mask.' : undefined,
      });
    }
  }
}

/** The selected rows must exist and carry a positive total weight (a classifier needs both classes). */
function checkTotal(weights: Float32Array, mask: Uint8Array, what: string): void {
  let n = 0;
  let total = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    n++;
    total += weights[i];
  }
  if (n === 0) throw new HepuqError('EmptyDataset', `${what}: nothing is left to unfold`, { hint: 'Check the pass_gen / pass_reco columns (1 = the event passes) and the selection that produced them.' });
  if (!(total > 0)) throw new HepuqError('EmptyDataset', `${what.replace(/removes every .*$/, 'leaves')} events of total weight ${total}: nothing to reweight`, { hint: 'Check the weight column: the selected events need a positive total weight.' });
}
