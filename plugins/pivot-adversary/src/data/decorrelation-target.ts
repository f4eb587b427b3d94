import { HepuqError, type Dataset } from '@hepuq/core';

/** A named per-event column a method decorrelates from, or parameterises on. */
export interface TargetColumn {
  name: string;
  values: Float32Array;
}

/**
 * The column `name` among the data's nuisances and extras (default: the first nuisance), checked to
 * vary: a missing column is `MissingColumn`, a constant one `InvalidArgument` (nothing to decorrelate
 * from, no prior to profile).
 * @example const z = decorrelationTarget(train, options.nuisance, 'pivot')
 */
export function decorrelationTarget(data: Dataset, name: string | undefined, method: string): TargetColumn {
  const column = name ?? Object.keys(data.nuisances)[0];
  if (column === undefined) {
    throw new HepuqError('MissingColumn', `${data.source}: ${method} needs a nuisance column and the data has none`, {
      hint: 'List it in the data source (`nuisances: [z]`), or name a column with `method.options.nuisance`.',
    });
  }
  const values = data.nuisances[column] ?? data.extras[column];
  if (!values) {
    const have = [...Object.keys(data.nuisances), ...Object.keys(data.extras)];
    throw new HepuqError('MissingColumn', `${data.source}: ${method} decorrelates from "${column}", which is not a nuisance or extra column (have: ${have.join(', ') || 'none'})`, {
      hint: 'Add the column to `nuisances:` (or `extras:`) of the data source, or fix `method.options.nuisance`.',
    });
  }
  const first = values[0];
  if (!values.some((v) => v !== first)) {
    throw new HepuqError('InvalidArgument', `${data.source}: nuisance "${column}" is ${first} for every event; ${method} needs it to vary`, {
      hint: 'Train on samples at several nuisance values (or drawn from its prior); a constant nuisance has no spread to learn from.',
    });
  }
  return { name: column, values };
}

/** The column `name` of `data` (nuisance or extra), or undefined. */
export function optionalColumn(data: Dataset, name: string): Float32Array | undefined {
  return data.nuisances[name] ?? data.extras[name];
}
