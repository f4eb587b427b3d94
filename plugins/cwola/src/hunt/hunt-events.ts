import { binIndex, HepuqError, type Dataset } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { concat } from '../cwola/mixed-samples.js';

/** The events of a hunt inside the bins: resonance bin, classifier inputs (row-major), weights, truth. */
export interface HuntEvents {
  n: number;
  features: string[];
  /** Row-major [n, features.length]. */
  x: Float32Array;
  bin: Int32Array;
  weights: Float32Array;
  truth?: Float32Array;
}

/** A column of `data` by name: feature, extra or nuisance. */
export function column(data: Dataset, name: string): Float32Array | undefined {
  return data.features[name] ?? data.extras[name] ?? data.nuisances[name];
}

/**
 * The events of `data` whose resonance value lies inside `edges`, with the classifier inputs (the
 * named `features`, default every feature except the resonance and truth columns), checked finite.
 */
export function huntEvents(data: Dataset, edges: number[], options: { resonance: string; features?: string[]; truth?: string }): HuntEvents {
  const m = column(data, options.resonance);
  if (!m) throw missing(data, options.resonance, 'resonance');
  const features = options.features ?? data.featureNames.filter((f) => f !== options.resonance && f !== options.truth);
  if (features.length === 0) {
    throw new HepuqError('InvalidConfig', `${data.source}: no classifier inputs besides the resonance variable "${options.resonance}"`, { hint: 'Name them in `features:`.', plugin: PLUGIN_NAME });
  }
  for (const f of [options.resonance, options.truth]) {
    if (f && features.includes(f)) {
      throw new HepuqError('InvalidConfig', `features: "${f}" cannot be a classifier input of a hunt in it`, { hint: 'The classifier must not see the resonance variable or the true labels.', plugin: PLUGIN_NAME });
    }
  }
  const cols = features.map((f) => column(data, f) ?? (() => { throw missing(data, f, 'features'); })());
  const truthCol = options.truth ? column(data, options.truth) : undefined;
  if (options.truth && !truthCol) throw missing(data, options.truth, 'truth');
  checkUnitWeights(data);
  const keep: number[] = [];
  const bins: number[] = [];
  for (let i = 0; i < data.n; i++) {
    const b = binIndex(m[i], edges);
    if (b < 0) continue;
    keep.push(i);
    bins.push(b);
  }
  const d = features.length;
  const x = new Float32Array(keep.length * d);
  keep.forEach((i, r) => {
    if (truthCol && truthCol[i] !== 0 && truthCol[i] !== 1) {
      throw new HepuqError('InvalidArgument', `${data.source}: truth "${options.truth}" of event ${i} is ${truthCol[i]}, expected 0 or 1`, { plugin: PLUGIN_NAME });
    }
    for (let j = 0; j < d; j++) {
      const v = cols[j][i];
      if (!Number.isFinite(v)) throw new HepuqError('NonFiniteValue', `${data.source}: feature "${features[j]}" of event ${i} is ${v}`, { plugin: PLUGIN_NAME });
      x[r * d + j] = v;
    }
  });
  return {
    n: keep.length, features, x, bin: Int32Array.from(bins),
    weights: Float32Array.from(keep, (i) => data.weights[i]),
    truth: truthCol && Float32Array.from(keep, (i) => truthCol[i]),
  };
}

/**
 * The bump fit treats selected counts as Poisson: weighted events would need Σw² errors, so a hunt
 * takes unit weights only (the usual case for data).
 */
function checkUnitWeights(data: Dataset): void {
  const i = data.weights.findIndex((w) => w !== 1);
  if (i >= 0) {
    throw new HepuqError('InvalidArgument', `${data.source}: event ${i} has weight ${data.weights[i]}; a hunt counts events, and its fits treat the counts as Poisson`, {
      hint: 'Hunt in unweighted events (unweight a weighted simulation first), or drop the `weight:` column.', plugin: PLUGIN_NAME,
    });
  }
}

/** Whether bin `b` lies in the inclusive range `range`. */
export function inBins(b: number, range: readonly [number, number]): boolean {
  return b >= range[0] && b <= range[1];
}

/** The rows of `events` whose bin lies in `range` (inclusive). */
export function rowsInBins(events: HuntEvents, range: readonly [number, number]): number[] {
  const rows: number[] = [];
  for (let i = 0; i < events.n; i++) if (inBins(events.bin[i], range)) rows.push(i);
  return rows;
}

/** Rows `rows` of `events`. */
export function subsetEvents(events: HuntEvents, rows: ArrayLike<number>): HuntEvents {
  const d = events.features.length;
  const x = new Float32Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) x.set(events.x.subarray(rows[r] * d, rows[r] * d + d), r * d);
  return {
    n: rows.length, features: events.features, x, bin: Int32Array.from(rows, (i) => events.bin[i]),
    weights: Float32Array.from(rows, (i) => events.weights[i]), truth: events.truth && Float32Array.from(rows, (i) => events.truth![i]),
  };
}

function missing(data: Dataset, name: string, option: string): HepuqError {
  const have = [...data.featureNames, ...Object.keys(data.extras), ...Object.keys(data.nuisances)];
  return new HepuqError('MissingColumn', `${option}: ${data.source} has no column "${name}"`, { hint: `Columns there: ${have.join(', ')}.`, plugin: PLUGIN_NAME });
}

/** The events of `a` followed by those of `b` (same features). */
export function concatEvents(a: HuntEvents, b: HuntEvents): HuntEvents {
  return {
    n: a.n + b.n, features: a.features, x: concat(a.x, b.x), bin: Int32Array.from([...a.bin, ...b.bin]),
    weights: concat(a.weights, b.weights), truth: a.truth && b.truth ? concat(a.truth, b.truth) : undefined,
  };
}
