import { Dataset, assertFiniteColumn, type ColumnSelection, type RaggedColumn } from '@hepuq/core';
import { requiredColumns } from './column-selection.js';
import { ioError, wrapIoError } from './io-error.js';
import { assembleSets, type SelectionPlan } from './set-columns.js';

/** The particle sets of a read: the plan (`planSelection`) and the list columns read for it, by name. */
export interface SetsRead {
  plan: SelectionPlan;
  lists?: ReadonlyMap<string, RaggedColumn>;
}

/**
 * Assemble a Dataset from named columns per the selection, checking every selected column for
 * NaN/Inf (rows are reported 1-based, counted from the start of the file via `rowOffset`), and
 * building the selection's particle sets from indexed flat columns and list columns (`sets`).
 * @example toDataset('train.csv', new Map([['x', x], ['y', y]]), { features: ['x'], target: 'y' })
 */
export function toDataset(source: string, columns: ReadonlyMap<string, Float32Array>, selection: ColumnSelection, rowOffset = 0, sets?: SetsRead): Dataset {
  try {
    return assemble(source, columns, selection, rowOffset, sets);
  } catch (e) {
    // core's NonFiniteValue and ShapeMismatch name no plugin; every error of a reader names @hepuq/io
    throw wrapIoError(e, 'InternalError', source, 'cannot be assembled into a dataset');
  }
}

function assemble(source: string, columns: ReadonlyMap<string, Float32Array>, selection: ColumnSelection, rowOffset: number, sets?: SetsRead): Dataset {
  const get = (name: string): Float32Array => {
    const col = columns.get(name);
    if (!col) throw ioError('MissingColumn', `${source}: column "${name}" was not read`);
    return col;
  };
  const named = (names: readonly string[] | undefined) => Object.fromEntries((names ?? []).map((n) => [n, get(n)]));
  // members of indexed set families are checked per particle (padding slots may hold anything)
  for (const name of requiredColumns(selection)) assertFiniteColumn(get(name), name, source, rowOffset);
  const lists = sets?.lists ?? new Map<string, RaggedColumn>();
  const firstList = [...lists.values()][0];
  const n = columns.size > 0 ? [...columns.values()][0].length : firstList ? firstList.offsets.length - 1 : 0;
  if (n === 0) throw ioError('EmptyDataset', `${source}: no events to read`);
  return new Dataset({
    features: named(selection.features),
    targets: [selection.target ?? []].flat().map((name) => ({ name, values: get(name) })),
    label: selection.label === undefined ? undefined : get(selection.label),
    weights: selection.weight === undefined ? undefined : get(selection.weight),
    nuisances: named(selection.nuisances),
    extras: named(selection.extras),
    sets: sets && sets.plan.sets.length > 0 ? assembleSets(source, sets.plan, columns, lists, n, rowOffset) : undefined,
    source,
    labelName: selection.label,
  });
}
