import { binIndex, HepuqError, type Dataset } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';

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
  const cat = <T extends Float32Array | Int32Array>(x: T, y: T, make: (n: number) => T): T => {
    const out = make(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  const f32 = (n: number) => new Float32Array(n);
  return {
    n: a.n + b.n, features: a.features, x: cat(a.x, b.x, f32), bin: cat(a.bin, b.bin, (n) => new Int32Array(n)),
    weights: cat(a.weights, b.weights, f32), truth: a.truth && b.truth ? cat(a.truth, b.truth, f32) : undefined,
  };
}
