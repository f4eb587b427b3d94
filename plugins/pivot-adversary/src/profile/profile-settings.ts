import { Dataset, HepuqError, type FittedModel } from '@hepuq/core';
import { isNuisanceAwareModel, type NuisanceAwareModel } from '../aware/nuisance-aware-model.js';
import { AWARE_PROFILE, type AwareProfileOptions } from './aware-profile.options.js';

/** The Z grid, constraint and window the profile uses, with every default filled in. */
export interface ProfileSettings {
  zGrid: number[];
  zNominal: number;
  zStd: number;
  zWindow: number;
}

/** Grid offsets in units of zStd: -2, -1.5, ..., 2. */
const DEFAULT_OFFSETS = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2];

/**
 * Fill in the defaults: zNominal/zStd from the model's prior, the grid zNominal + zStd * [-2, -1.5, ..., 2]
 * (so that zNominal -/+ zStd, the histosys templates, are grid values), the window half the smallest
 * grid spacing (a sample whose Z takes exactly the grid values is split into exactly those values).
 * @example resolveProfileSettings(options, { mean: 0.785, std: 0.5 }).zGrid // [-0.215, ..., 1.785]
 */
export function resolveProfileSettings(options: Pick<AwareProfileOptions, 'zGrid' | 'zNominal' | 'zStd' | 'zWindow'>, prior: { mean: number; std: number }): ProfileSettings {
  const zNominal = options.zNominal ?? prior.mean;
  const zStd = options.zStd ?? prior.std;
  if (!(zStd > 0 && Number.isFinite(zStd) && Number.isFinite(zNominal))) {
    throw new HepuqError('InvalidConfig', `${AWARE_PROFILE}: the Z constraint needs a finite zNominal and a positive zStd, got ${zNominal} and ${zStd}`, {
      hint: 'Set `zNominal` and `zStd` in the step options (the model prior gave unusable values).',
    });
  }
  const zGrid = options.zGrid ?? DEFAULT_OFFSETS.map((o) => zNominal + zStd * o);
  let spacing = Infinity;
  for (let i = 1; i < zGrid.length; i++) spacing = Math.min(spacing, zGrid[i] - zGrid[i - 1]);
  return { zGrid, zNominal, zStd, zWindow: options.zWindow ?? spacing / 2 };
}

/** The run's model as a nuisance-aware classifier, or a catalog error saying which method makes one. */
export function requireAwareModel(model: FittedModel): NuisanceAwareModel {
  if (isNuisanceAwareModel(model)) return model;
  throw new HepuqError('InvalidConfig', `${AWARE_PROFILE}: the run's model (method "${model.method}") is not parameterised on a nuisance (it has no probAt(data, z)); the Z profile needs P(signal | x, z)`, {
    hint: 'Train the run with an uncertainty-aware classifier (method: { use: aware-classifier }), or drop the aware-profile step.',
  });
}

/**
 * `data` with its feature columns in `names` order (the order the model was trained on), or
 * MissingColumn naming every absent column and the source.
 * @example alignFeatures(observed, train.featureNames, 'observed')
 */
export function alignFeatures(data: Dataset, names: readonly string[], role: string): Dataset {
  if (data.n === 0) throw new HepuqError('EmptyDataset', `${AWARE_PROFILE}: the ${role} data (${data.source}) holds no events`);
  const missing = names.filter((name) => !data.features[name]);
  if (missing.length > 0) {
    throw new HepuqError('MissingColumn', `${AWARE_PROFILE}: the ${role} data (${data.source}) lacks feature column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; the model takes ${names.join(', ')}`, {
      hint: `List every model feature under \`features:\` of the ${role} data source.`,
    });
  }
  if (names.length === data.featureNames.length && names.every((n, i) => data.featureNames[i] === n)) return data;
  const { targets, label, weights, nuisances, extras, units, source, labelName } = data;
  const features = Object.fromEntries(names.map((n) => [n, data.features[n]]));
  return new Dataset({ features, targets, label, weights, nuisances, extras, units, source, labelName });
}
