import { HepuqError } from '../errors/hepuq-error.js';
import { dataRow } from './data-row.js';
import type { Dataset } from './dataset.js';

/**
 * Fail with `NonFiniteValue` naming the source, column and (1-based) row of the first NaN/Inf.
 * @example assertFiniteColumn(x, 'x1', 'train.csv')
 */
export function assertFiniteColumn(values: ArrayLike<number>, column: string, source: string, rowOffset = 0): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new HepuqError('NonFiniteValue', `${source}: column "${column}" ${dataRow(i + rowOffset)} is ${values[i]}`);
    }
  }
}

/** Check every column and every particle of every set of a dataset for NaN/Inf. */
export function assertFiniteDataset(data: Dataset): void {
  for (const [name, col] of data.allColumns()) assertFiniteColumn(col, name, data.source);
  for (const [name, set] of Object.entries(data.sets)) set.assertFinite(name, data.source);
}
