// Test-only (excluded from the build): deterministic damaged copies of a file for the fuzz spec.
import type { Rng } from '@hepuq/core';

/** A half-open byte range [lo, hi). */
export type ByteRange = readonly [number, number];

/** One damaged copy of a file and a name that says how to rebuild it (`cut@123`, `flip3@77(meta)`). */
export interface Mutant {
  name: string;
  kind: 'truncate' | 'flip';
  /** Whether the damage sits in the format's metadata (header, footer, index) or in its payload. */
  region: 'meta' | 'data';
  bytes: Uint8Array;
}

/** How many damaged copies to derive from one file. */
export interface MutantCounts {
  truncate: number;
  flip: number;
}

function inside(ranges: readonly ByteRange[], at: number): boolean {
  return ranges.some(([lo, hi]) => at >= lo && at < hi);
}

/** A position in the metadata ranges (`meta`) or outside them (`data`); null if that region is empty. */
function pick(rng: Rng, size: number, meta: readonly ByteRange[], region: 'meta' | 'data'): number | null {
  if (region === 'meta') {
    const total = meta.reduce((s, [lo, hi]) => s + Math.max(0, Math.min(hi, size) - lo), 0);
    if (total === 0) return null;
    let k = rng.int(total);
    for (const [lo, hi] of meta) {
      const len = Math.max(0, Math.min(hi, size) - lo);
      if (k < len) return lo + k;
      k -= len;
    }
  }
  // rejection sampling: metadata is a small part of every corpus file
  for (let tries = 0; tries < 64; tries++) {
    const at = rng.int(size);
    if (!inside(meta, at)) return at;
  }
  return null;
}

/**
 * Damaged copies of `original`, all determined by `rng`: truncations (at both ends of every metadata
 * range, then at random offsets, half of them inside metadata) and flips (half in metadata, half
 * in payload) of one bit, of 2-8 random bytes, or of 4 bytes set to 0xff or 0x00 (an absurd or
 * zero length or offset field).
 * @example mutants(bytes, [[0, 128]], new Rng(42).fork('f4_1d'), { truncate: 4, flip: 6 })
 */
export function mutants(original: Uint8Array, meta: readonly ByteRange[], rng: Rng, counts: MutantCounts): Mutant[] {
  const size = original.length;
  const out: Mutant[] = [];
  const cuts = new Set<number>();
  for (const [lo, hi] of meta) for (const at of [lo + 1, Math.min(hi, size) - 1]) if (at > 0 && at < size) cuts.add(at);
  for (let tries = 0; cuts.size < counts.truncate && tries < 8 * counts.truncate; tries++) {
    const at = pick(rng, size, meta, tries % 2 === 0 ? 'meta' : 'data');
    if (at !== null && at > 0) cuts.add(at);
  }
  for (const at of [...cuts].slice(0, counts.truncate)) {
    out.push({ name: `cut@${at}`, kind: 'truncate', region: inside(meta, at) ? 'meta' : 'data', bytes: new Uint8Array(original.subarray(0, at)) });
  }
  for (let k = 0; k < counts.flip; k++) {
    const region = k % 2 === 0 ? 'meta' : 'data';
    const at = pick(rng, size, meta, region) ?? rng.int(size);
    // a copy (Buffer#slice would share memory and let the flips pile up)
    const bytes = new Uint8Array(original);
    const style = rng.int(4);
    let name: string;
    if (style === 0) {
      const bit = rng.int(8);
      bytes[at] ^= 1 << bit;
      name = `bit${bit}@${at}`;
    } else if (style === 1) {
      const n = 2 + rng.int(7);
      for (let i = at; i < Math.min(size, at + n); i++) bytes[i] ^= 1 + rng.int(255);
      name = `xor${n}@${at}`;
    } else {
      const fill = style === 2 ? 0xff : 0x00;
      bytes.fill(fill, at, Math.min(size, at + 4));
      name = `${fill === 0xff ? 'ff' : '00'}x4@${at}`;
    }
    out.push({ name: `${name}(${inside(meta, at) ? 'meta' : 'data'})`, kind: 'flip', region: inside(meta, at) ? 'meta' : 'data', bytes });
  }
  return out;
}

/**
 * Rebuild a mutant from its name (`cut@N`, `bitK@N`, `ffx4@N`, `00x4@N`; an `xor` mutant needs its
 * seed): how the corpus keeps damage that once broke a reader as a fixed regression case.
 * @example mutantNamed(bytes, 'ffx4@38', [[0, 100]])
 */
export function mutantNamed(original: Uint8Array, name: string, meta: readonly ByteRange[]): Mutant {
  const m = /^(cut|bit([0-7])|ffx4|00x4)@(\d+)$/.exec(name);
  if (!m) throw new Error(`cannot rebuild mutant "${name}"`);
  const at = Number(m[3]);
  const region = inside(meta, at) ? 'meta' : 'data';
  if (m[1] === 'cut') return { name, kind: 'truncate', region, bytes: new Uint8Array(original.subarray(0, at)) };
  const bytes = new Uint8Array(original);
  if (m[2] !== undefined) bytes[at] ^= 1 << Number(m[2]);
  else bytes.fill(m[1] === 'ffx4' ? 0xff : 0x00, at, Math.min(bytes.length, at + 4));
  return { name: `${name}(${region})`, kind: 'flip', region, bytes };
}
