import { assertFiniteColumn, type Dataset, HepuqError } from '@hepuq/core';
import { standardize, type Standardizer } from './standardizer.js';

/**
 * The standardised row-major input matrix [n, d] of `data` for a model trained on `featureNames`
 * with input scale `scale`: a `ShapeMismatch` error unless the features are the model's, in order,
 * and a `NonFiniteValue` error naming the column and row of any NaN or infinity.
 * @example const x = modelInputs(test, spec.featureNames, inputScale, 'bnn model')
 */
export function modelInputs(data: Dataset, featureNames: readonly string[], scale: Standardizer, model = 'model'): Float32Array {
  const expected = featureNames.join(',');
  if (data.featureNames.join(',') !== expected) {
    throw new HepuqError('ShapeMismatch', `${data.source}: features [${data.featureNames.join(', ')}] do not match the ${model}'s [${expected}]`);
  }
  for (const name of data.featureNames) assertFiniteColumn(data.features[name], name, data.source);
  return standardize(data.featureMatrix(), scale);
}
