import { Dataset, assertFiniteColumn, type ColumnSelection } from '@hepuq/core';
import { ioError, wrapIoError } from './io-error.js';

/**
 * Assemble a Dataset from named columns per the selection, checking every selected column for
 * NaN/Inf (rows are reported 1-based, counted from the start of the file via `rowOffset`).
 * @example toDataset('train.csv', new Map([['x', x], ['y', y]]), { features: ['x'], target: 'y' })
 */
export function toDataset(source: string, columns: ReadonlyMap<string, Float32Array>, selection: ColumnSelection, rowOffset = 0): Dataset {
  try {
    return assemble(source, columns, selection, rowOffset);
  } catch (e) {
    // core's NonFiniteValue and ShapeMismatch name no plugin; every error of a reader names @hepuq/io
    throw wrapIoError(e, 'InternalError', source, 'cannot be assembled into a dataset');
  }
}

function assemble(source: string, columns: ReadonlyMap<string, Float32Array>, selection: ColumnSelection, rowOffset: number): Dataset {
  const get = (name: string): Float32Array => {
    const col = columns.get(name);
    if (!col) throw ioError('MissingColumn', `${source}: column "${name}" was not read`);
    return col;
  };
  const named = (names: readonly string[] | undefined) => Object.fromEntries((names ?? []).map((n) => [n, get(n)]));
  for (const [name, col] of columns) assertFiniteColumn(col, name, source, rowOffset);
  const n = columns.size > 0 ? [...columns.values()][0].length : 0;
  if (n === 0) throw ioError('EmptyDataset', `${source}: no events to read`);
  return new Dataset({
    features: named(selection.features),
    target: selection.target === undefined ? undefined : get(selection.target),
    label: selection.label === undefined ? undefined : get(selection.label),
    weights: selection.weight === undefined ? undefined : get(selection.weight),
    nuisances: named(selection.nuisances),
    extras: named(selection.extras),
    source,
    targetName: selection.target,
    labelName: selection.label,
  });
}
