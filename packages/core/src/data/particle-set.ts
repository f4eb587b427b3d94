import { HepuqError } from '../errors/hepuq-error.js';
import { dataRow } from './data-row.js';

/** What a particle set is built from: a padded block per event and its mask. */
export interface ParticleSetInit {
  /** Per-particle feature names, in input order (e.g. `pt`, `eta`, `phi`). */
  features: readonly string[];
  /** P: the particles kept per event (the padded length). */
  size: number;
  /** Row-major [n, P, F] values; padding slots hold 0. */
  values: Float32Array;
  /** Row-major [n, P]: 1 for a particle, 0 for a padding slot. */
  mask: Uint8Array;
  /** Events that had more than P particles before truncation (0 when nothing was cut). */
  truncatedEvents?: number;
  /** Particles dropped by the truncation, over all events. */
  droppedParticles?: number;
}

/**
 * A set-valued input: per event a padded [P x F] block of particles with a 0/1 mask, e.g. a jet's
 * constituents ordered by pT. Immutable; the truncation counts travel with the set so that runs and
 * methods can report them (a set is never cut silently).
 * @example const jets = particleSetFromJagged({ features: ['pt', 'eta', 'phi'], columns, size: 50, orderBy: 'pt' })
 */
export class ParticleSet {
  readonly n: number;
  readonly size: number;
  readonly features: readonly string[];
  readonly values: Float32Array;
  readonly mask: Uint8Array;
  readonly truncatedEvents: number;
  readonly droppedParticles: number;

  constructor(init: ParticleSetInit, name = 'set', source = 'dataset') {
    const where = `${source}: particle set "${name}"`;
    const { features, size, values, mask } = init;
    if (features.length === 0) throw new HepuqError('ShapeMismatch', `${where} has no per-particle features`);
    if (!Number.isInteger(size) || size < 1) throw new HepuqError('ShapeMismatch', `${where}: the padded size P must be a positive integer, got ${size}`);
    if (mask.length % size !== 0) throw new HepuqError('ShapeMismatch', `${where}: the mask holds ${mask.length} entries, not a multiple of P = ${size}`);
    this.n = mask.length / size;
    if (values.length !== this.n * size * features.length) {
      throw new HepuqError('ShapeMismatch', `${where}: ${values.length} values do not fill ${this.n} events x ${size} particles x ${features.length} features (mask and features disagree)`);
    }
    for (let k = 0; k < mask.length; k++) {
      if (mask[k] > 1) throw new HepuqError('ShapeMismatch', `${where}: mask ${dataRow(Math.floor(k / size))} slot ${k % size} is ${mask[k]}, expected 0 or 1`);
    }
    this.size = size;
    this.features = [...features];
    this.values = values;
    this.mask = mask;
    this.truncatedEvents = init.truncatedEvents ?? 0;
    this.droppedParticles = init.droppedParticles ?? 0;
  }

  /** F, the number of per-particle features. */
  get width(): number {
    return this.features.length;
  }

  /** Particles (unmasked slots) per event. */
  counts(): Int32Array {
    const out = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      let c = 0;
      for (let p = 0; p < this.size; p++) c += this.mask[i * this.size + p];
      out[i] = c;
    }
    return out;
  }

  /** Values of feature `name` for every slot, [n, P] row-major (padding included). */
  feature(name: string): Float32Array {
    const j = this.features.indexOf(name);
    if (j < 0) throw new HepuqError('MissingColumn', `particle set has no feature "${name}"; it has ${this.features.join(', ')}`);
    const F = this.width;
    return Float32Array.from({ length: this.n * this.size }, (_, k) => this.values[k * F + j]);
  }

  /** Events `indices`, in that order (the truncation counts are those of the whole set). */
  subset(indices: ArrayLike<number>): ParticleSet {
    const block = this.size * this.width;
    const values = new Float32Array(indices.length * block);
    const mask = new Uint8Array(indices.length * this.size);
    for (let i = 0; i < indices.length; i++) {
      const e = indices[i];
      values.set(this.values.subarray(e * block, (e + 1) * block), i * block);
      mask.set(this.mask.subarray(e * this.size, (e + 1) * this.size), i * this.size);
    }
    return new ParticleSet({ features: this.features, size: this.size, values, mask, truncatedEvents: this.truncatedEvents, droppedParticles: this.droppedParticles });
  }

  /**
   * Fail with `NonFiniteValue` naming the event, slot and feature of the first NaN/Inf in a real
   * particle (padding is not looked at).
   */
  assertFinite(name: string, source: string): void {
    const F = this.width;
    for (let k = 0; k < this.mask.length; k++) {
      if (!this.mask[k]) continue;
      for (let j = 0; j < F; j++) {
        const v = this.values[k * F + j];
        if (!Number.isFinite(v)) {
          throw new HepuqError('NonFiniteValue', `${source}: particle set "${name}" ${dataRow(Math.floor(k / this.size))}, particle ${(k % this.size) + 1}, feature "${this.features[j]}" is ${v}`);
        }
      }
    }
  }
}

/** Jagged per-event particle lists: for every feature, one array of that feature's values per event. */
export interface JaggedParticles {
  features: readonly string[];
  /** `columns[feature][event]` holds the event's particles; every feature has the same lengths per event. */
  columns: Readonly<Record<string, readonly ArrayLike<number>[]>>;
  /** P, the particles kept per event. */
  size: number;
  /** Keep the P particles with the largest value of this feature (e.g. `pt`), in decreasing order; absent: the input order. */
  orderBy?: string;
  name?: string;
  source?: string;
}

/**
 * Pad (or truncate) jagged particle lists to a [n, P, F] block with a mask. Events with more than P
 * particles keep the P first by `orderBy`; the number of such events and of dropped particles is
 * stored on the set (`truncatedEvents`, `droppedParticles`) for the caller to report.
 * @example particleSetFromJagged({ features: ['pt', 'eta'], columns: { pt: [[3, 1]], eta: [[0, 1]] }, size: 4, orderBy: 'pt' })
 */
export function particleSetFromJagged(j: JaggedParticles): ParticleSet {
  const name = j.name ?? 'set';
  const source = j.source ?? 'dataset';
  const F = j.features.length;
  const cols = j.features.map((f) => {
    const c = j.columns[f];
    if (!c) throw new HepuqError('MissingColumn', `${source}: particle set "${name}" has no column "${f}"`);
    return c;
  });
  const n = cols[0]?.length ?? 0;
  const orderCol = j.orderBy === undefined ? undefined : j.columns[j.orderBy];
  if (j.orderBy !== undefined && !orderCol) throw new HepuqError('MissingColumn', `${source}: particle set "${name}" cannot be ordered by "${j.orderBy}": no such column`);
  const P = j.size;
  const values = new Float32Array(n * P * F);
  const mask = new Uint8Array(n * P);
  let truncatedEvents = 0;
  let droppedParticles = 0;
  for (let i = 0; i < n; i++) {
    const len = cols[0][i].length;
    cols.forEach((c, f) => {
      if (c.length !== n) throw new HepuqError('ShapeMismatch', `${source}: particle set "${name}": column "${j.features[f]}" has ${c.length} events, expected ${n}`);
      if (c[i].length !== len) {
        throw new HepuqError('ShapeMismatch', `${source}: particle set "${name}" ${dataRow(i)}: "${j.features[f]}" lists ${c[i].length} particles, "${j.features[0]}" ${len}`);
      }
    });
    let order = Array.from({ length: len }, (_, p) => p);
    if (orderCol) {
      const key = orderCol[i];
      if (key.length !== len) throw new HepuqError('ShapeMismatch', `${source}: particle set "${name}" ${dataRow(i)}: the ordering column "${j.orderBy}" lists ${key.length} particles, expected ${len}`);
      order = order.sort((a, b) => key[b] - key[a] || a - b);
    }
    if (len > P) {
      truncatedEvents++;
      droppedParticles += len - P;
    }
    const kept = Math.min(len, P);
    for (let p = 0; p < kept; p++) {
      mask[i * P + p] = 1;
      for (let f = 0; f < F; f++) values[(i * P + p) * F + f] = cols[f][i][order[p]];
    }
  }
  return new ParticleSet({ features: j.features, size: P, values, mask, truncatedEvents, droppedParticles }, name, source);
}
