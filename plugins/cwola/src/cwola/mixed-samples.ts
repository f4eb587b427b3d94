import { Dataset, dataRow, HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';

/** The 0/1 sample label of mixed-sample data, checked: both samples present, nothing else. */
export function sampleLabels(data: Dataset): Float32Array {
  const label = data.label;
  if (!label) {
    throw new HepuqError('MissingColumn', `${data.source}: CWoLa needs a 0/1 column naming each event's sample`, {
      hint: 'Set `label: sample` (the column) in the data source, or build the data with mixedSamples(a, b).', plugin: PLUGIN_NAME,
    });
  }
  const seen = [false, false];
  for (let i = 0; i < data.n; i++) {
    if (label[i] !== 0 && label[i] !== 1) {
      throw new HepuqError('InvalidArgument', `${data.source}: sample label "${data.labelName}" ${dataRow(i)} is ${label[i]}, expected 0 or 1`, { plugin: PLUGIN_NAME });
    }
    seen[label[i]] = true;
  }
  if (!seen[0] || !seen[1]) {
    throw new HepuqError('EmptyDataset', `${data.source}: CWoLa needs events of both samples, sample ${seen[0] ? 1 : 0} has none`, { plugin: PLUGIN_NAME });
  }
  return label;
}

/** Weights scaled per sample so both carry half the total weight (each sample's shape unchanged). */
export function balancedWeights(weights: Float32Array, label: Float32Array): Float32Array {
  const total = [0, 0];
  for (let i = 0; i < label.length; i++) total[label[i]] += weights[i];
  if (!(total[0] > 0 && total[1] > 0)) {
    throw new HepuqError('InvalidArgument', `CWoLa needs a positive total weight in both samples, got ${total[0]} and ${total[1]}`, { plugin: PLUGIN_NAME });
  }
  const all = total[0] + total[1];
  const scale = [all / (2 * total[0]), all / (2 * total[1])];
  return weights.map((w, i) => w * scale[label[i]]);
}

/** `a` followed by `b`. */
export function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Two samples as one mixed-sample dataset: `first` labelled 0, `second` labelled 1 (labelName
 * `sample`), with their weights, for CWoLa from two files. Both need the same feature columns;
 * extras and nuisances present in both are kept.
 * @example const data = mixedSamples(sidebands, signalRegion)
 */
export function mixedSamples(first: Dataset, second: Dataset): Dataset {
  const names = first.featureNames;
  if (names.length !== second.nFeatures || names.some((f) => !second.features[f])) {
    throw new HepuqError('ShapeMismatch', `mixed samples need the same features: ${first.source} has ${names.join(', ')}, ${second.source} has ${second.featureNames.join(', ')}`, { plugin: PLUGIN_NAME });
  }
  const common = (a: Readonly<Record<string, Float32Array>>, b: Readonly<Record<string, Float32Array>>) =>
    Object.fromEntries(Object.keys(a).filter((k) => b[k]).map((k) => [k, concat(a[k], b[k])]));
  return new Dataset({
    features: Object.fromEntries(names.map((f) => [f, concat(first.features[f], second.features[f])])),
    label: concat(new Float32Array(first.n), new Float32Array(second.n).fill(1)),
    labelName: 'sample',
    weights: concat(first.weights, second.weights),
    extras: common(first.extras, second.extras),
    nuisances: common(first.nuisances, second.nuisances),
    units: { ...first.units, ...second.units },
    source: `${first.source} + ${second.source}`,
  });
}
