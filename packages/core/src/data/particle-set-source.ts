import { HepuqError } from '../errors/hepuq-error.js';
import { dataRow } from './data-row.js';
import { ParticleSet, particleSetFromJagged } from './particle-set.js';
import { preprocessParticles, type RaggedParticles, type SetWhere } from './set-kinematics.js';
import { setFeatureNames, type SetSource } from './set-source.js';

/** One source column of a set as read: per event a list, stored flat (event i: [offsets[i], offsets[i + 1])). */
export interface RaggedColumn {
  offsets: Int32Array;
  values: Float32Array;
}

/** Check that every feature lists as many particles per event as the first, and return their shared offsets. */
function sharedOffsets(spec: SetSource, columns: Readonly<Record<string, RaggedColumn>>, where: SetWhere): Int32Array {
  const features = Object.keys(spec.columns);
  const missing = features.filter((f) => !columns[f]);
  if (missing.length) throw new HepuqError('MissingColumn', `${where.source}: particle set "${where.name}" has no values for ${missing.map((f) => `"${f}" (${spec.columns[f]})`).join(', ')}`);
  const first = columns[features[0]].offsets;
  const label = (f: string) => `"${f}" (${spec.columns[f]})`;
  for (const f of features.slice(1)) {
    const o = columns[f].offsets;
    if (o.length !== first.length) {
      throw new HepuqError('ShapeMismatch', `${where.source}: particle set "${where.name}": ${label(f)} has ${o.length - 1} events, ${label(features[0])} ${first.length - 1}`);
    }
    for (let i = 0; i + 1 < o.length; i++) {
      const a = first[i + 1] - first[i];
      const b = o[i + 1] - o[i];
      if (a !== b) {
        throw new HepuqError('ShapeMismatch', `${where.source}: particle set "${where.name}" ${dataRow(where.rowOffset + i)}: ${label(f)} lists ${b} particles, ${label(features[0])} ${a}`, {
          hint: 'Every column of a set must list one value per particle of the event.',
        });
      }
    }
  }
  return first;
}

/** Fail with `NonFiniteValue` at the first NaN/Inf (every value of a ragged column is a real particle). */
function assertFiniteParticles(spec: SetSource, columns: Readonly<Record<string, RaggedColumn>>, offsets: Int32Array, where: SetWhere): void {
  for (const [f, { values }] of Object.entries(columns)) {
    for (let k = 0; k < values.length; k++) {
      if (Number.isFinite(values[k])) continue;
      let i = 0;
      while (offsets[i + 1] <= k) i++;
      throw new HepuqError('NonFiniteValue', `${where.source}: particle set "${where.name}" ${dataRow(where.rowOffset + i)}, particle ${k - offsets[i] + 1}: "${f}" (column ${spec.columns[f]}) is ${values[k]}`);
    }
  }
}

/** Where a set was read, and what was counted but not read. */
export interface SetOrigin {
  source: string;
  /** File row of entry 0 (rows in messages are 1-based from the start of the file). */
  rowOffset?: number;
  /**
   * Particles per event that exist in the file but were not read (slots of an indexed family at
   * i >= size); they count as dropped by the truncation.
   */
  unread?: Int32Array;
}

/**
 * Build a particle set from its columns as read (`columns[feature]`, feature = a key of
 * `spec.columns`): checked for equal per-event lengths (`ShapeMismatch`, naming the 1-based row counted
 * from `rowOffset`) and NaN/Inf (`NonFiniteValue`), preprocessed (`spec.preprocess`), then ordered by
 * `spec.orderBy`, cut to `spec.size` and padded; the truncation counts (with `unread` particles) stay on the set.
 * @example particleSetFromSource('jets', SetSource.parse({ columns: { px: 'Jet_Px' }, size: 4 }), { px: { offsets, values } }, { source: 'hzz.root:events' })
 */
export function particleSetFromSource(name: string, spec: SetSource, columns: Readonly<Record<string, RaggedColumn>>, at: SetOrigin): ParticleSet {
  const where: SetWhere = { source: at.source, name, rowOffset: at.rowOffset ?? 0 };
  const offsets = sharedOffsets(spec, columns, where);
  assertFiniteParticles(spec, columns, offsets, where);
  const features = setFeatureNames(spec);
  let ragged: RaggedParticles = { offsets, columns: Object.fromEntries(Object.entries(columns).map(([f, c]) => [f, c.values])) };
  if (spec.preprocess) ragged = preprocessParticles(ragged, spec.preprocess, features, where);
  const n = offsets.length - 1;
  const jagged = Object.fromEntries(
    features.map((f) => {
      const v = ragged.columns[f];
      return [f, Array.from({ length: n }, (_, i) => v.subarray(offsets[i], offsets[i + 1]))];
    }),
  );
  const set = particleSetFromJagged({ features, columns: jagged, size: spec.size, orderBy: spec.orderBy, name, source: where.source });
  if (!at.unread) return set;
  let truncatedEvents = set.truncatedEvents;
  let droppedParticles = set.droppedParticles;
  const lists = jagged[features[0]];
  at.unread.forEach((u, i) => {
    // an event already cut by particleSetFromJagged is counted once
    if (u > 0 && lists[i].length <= spec.size) truncatedEvents++;
    droppedParticles += u;
  });
  const { values, mask } = set;
  return new ParticleSet({ features, size: spec.size, values, mask, truncatedEvents, droppedParticles }, name, where.source);
}
