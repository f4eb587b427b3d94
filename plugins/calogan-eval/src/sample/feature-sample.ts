import { HepuqError, type Dataset, dataRow } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';

/**
 * A sample of events as one row-major [n, d] float64 matrix with optional event weights. Every
 * metric of this plugin takes two of these (reference, generated).
 */
export interface FeatureSample {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
  /** Event weights (unit weights when absent). */
  readonly weights?: Float64Array;
  readonly names: readonly string[];
  /** Where the sample came from (file or label), for error messages. */
  readonly source: string;
}

export interface FeatureSampleOptions {
  weights?: ArrayLike<number>;
  names?: readonly string[];
  source?: string;
}

/**
 * Wrap a row-major [n, d] matrix, checking its shape and that every value is finite.
 * @example const ref = featureSample(new Float64Array([0, 1, 2, 3]), 2, { names: ['e', 'eta'] }); // n = 2
 */
export function featureSample(data: Float64Array | Float32Array, d: number, options: FeatureSampleOptions = {}): FeatureSample {
  const source = options.source ?? 'sample';
  if (!Number.isInteger(d) || d < 1) throw new HepuqError('InvalidArgument', `${source}: feature dimension must be a positive integer, got ${d}`, { plugin: PLUGIN_NAME });
  if (data.length % d !== 0) {
    throw new HepuqError('ShapeMismatch', `${source}: ${data.length} values do not form rows of ${d} features`, { plugin: PLUGIN_NAME });
  }
  const n = data.length / d;
  const names = options.names ?? Array.from({ length: d }, (_, j) => `x${j}`);
  if (names.length !== d) throw new HepuqError('ShapeMismatch', `${source}: ${names.length} feature names for ${d} features`, { plugin: PLUGIN_NAME });
  const values = data instanceof Float64Array ? data : Float64Array.from(data);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new HepuqError('NonFiniteValue', `${source}: feature "${names[i % d]}" is ${values[i]} in ${dataRow(Math.floor(i / d))}`, { plugin: PLUGIN_NAME });
    }
  }
  let weights: Float64Array | undefined;
  if (options.weights) {
    if (options.weights.length !== n) {
      throw new HepuqError('ShapeMismatch', `${source}: ${options.weights.length} weights for ${n} events`, { plugin: PLUGIN_NAME });
    }
    weights = Float64Array.from(options.weights);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(weights[i])) throw new HepuqError('NonFiniteValue', `${source}: weight is ${weights[i]} in ${dataRow(i)}`, { plugin: PLUGIN_NAME });
    }
    if (weights.every((w) => w === 1)) weights = undefined;
  }
  return { data: values, n, d, weights, names: [...names], source };
}

/**
 * The chosen feature columns (and weights) of a dataset as a feature sample.
 * @example const gen = sampleFromDataset(dataset, ['e_layer0', 'e_layer1']);
 */
export function sampleFromDataset(dataset: Dataset, features: readonly string[] = dataset.featureNames): FeatureSample {
  for (const name of features) {
    if (!(name in dataset.features)) {
      throw new HepuqError('MissingColumn', `${dataset.source}: feature column "${name}" not found (has ${dataset.featureNames.join(', ')})`, { plugin: PLUGIN_NAME });
    }
  }
  const d = features.length;
  const data = new Float64Array(dataset.n * d);
  features.forEach((name, j) => {
    const col = dataset.features[name];
    for (let i = 0; i < dataset.n; i++) data[i * d + j] = col[i];
  });
  return featureSample(data, d, { weights: dataset.weights, names: features, source: dataset.source });
}

/** Rows `indices` of a sample, in that order (weights follow). */
export function subsetRows(sample: FeatureSample, indices: ArrayLike<number>): FeatureSample {
  const { d } = sample;
  const data = new Float64Array(indices.length * d);
  const weights = sample.weights ? new Float64Array(indices.length) : undefined;
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    data.set(sample.data.subarray(i * d, i * d + d), r * d);
    if (weights) weights[r] = sample.weights![i];
  }
  return { data, n: indices.length, d, weights, names: sample.names, source: sample.source };
}

/** Weight of event i (1 when the sample is unweighted). */
export function weightAt(sample: FeatureSample, i: number): number {
  return sample.weights ? sample.weights[i] : 1;
}

/** Throw a clear error unless both samples have the same features and enough events. */
export function assertComparable(reference: FeatureSample, generated: FeatureSample, minEvents: number, what: string): void {
  if (reference.d !== generated.d) {
    throw new HepuqError('ShapeMismatch', `${what}: reference ${reference.source} has ${reference.d} features, generated ${generated.source} has ${generated.d}`, { plugin: PLUGIN_NAME });
  }
  for (const s of [reference, generated]) {
    if (s.n < minEvents) {
      throw new HepuqError('EmptyDataset', `${what}: ${s.source} has ${s.n} events, at least ${minEvents} are needed`, { plugin: PLUGIN_NAME });
    }
  }
}

/** Feature column j of a sample. */
export function column(sample: FeatureSample, j: number): Float64Array {
  const out = new Float64Array(sample.n);
  for (let i = 0; i < sample.n; i++) out[i] = sample.data[i * sample.d + j];
  return out;
}
