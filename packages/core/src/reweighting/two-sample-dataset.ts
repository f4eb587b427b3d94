import { Dataset } from '../data/dataset.js';
import { HepuqError } from '../errors/hepuq-error.js';

/**
 * One classification dataset from two samples: `from` labelled 0, `to` labelled 1, each keeping its
 * event weights, rescaled so that both classes carry the same total weight (and the mean weight is 1):
 * a classifier trained on it estimates c = p_to / (p_to + p_from) of the normalised densities, so
 * c/(1-c) is their density ratio. Both samples need the same feature columns.
 * @example const train = twoSampleDataset(simulation, data)
 */
export function twoSampleDataset(from: Dataset, to: Dataset): Dataset {
  for (const name of from.featureNames) {
    if (!Object.hasOwn(to.features, name)) throw new HepuqError('MissingColumn', `${to.source} has no feature column "${name}", which ${from.source} has`, { hint: 'Give both samples the same feature columns.' });
  }
  if (to.featureNames.length !== from.featureNames.length) {
    const extra = to.featureNames.filter((f) => !Object.hasOwn(from.features, f));
    throw new HepuqError('MissingColumn', `${from.source} has no feature column "${extra[0]}", which ${to.source} has`, { hint: 'Give both samples the same feature columns.' });
  }
  const n = from.n + to.n;
  const scaleFrom = classScale(from, n);
  const scaleTo = classScale(to, n);
  const features: Record<string, Float32Array> = {};
  for (const name of from.featureNames) {
    const col = new Float32Array(n);
    col.set(from.features[name]);
    col.set(to.features[name], from.n);
    features[name] = col;
  }
  const label = new Float32Array(n);
  label.fill(1, from.n);
  const weights = new Float32Array(n);
  for (let i = 0; i < from.n; i++) weights[i] = from.weights[i] * scaleFrom;
  for (let i = 0; i < to.n; i++) weights[from.n + i] = to.weights[i] * scaleTo;
  return new Dataset({ features, label, weights, units: { ...from.units }, source: `${from.source} vs ${to.source}` });
}

function classScale(sample: Dataset, n: number): number {
  let sum = 0;
  for (let i = 0; i < sample.n; i++) sum += sample.weights[i];
  if (!(sum > 0)) {
    throw new HepuqError('InvalidArgument', `${sample.source}: the event weights sum to ${sum}, so the sample cannot be one class of a reweighting classifier`, {
      hint: 'Check the weight column (a sample needs a positive total weight), or the masks that select its events.',
    });
  }
  return n / 2 / sum;
}
