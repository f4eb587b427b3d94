import type { RaggedColumn } from '@hepuq/core';

/** A float32 list column that grows while a reader walks its entries (lengths unknown in advance). */
export class RaggedBuilder {
  private values = new Float32Array(1024);
  private size = 0;
  private readonly ends: number[] = [];

  /** Append one entry's list. */
  push(list: ArrayLike<number>): void {
    if (this.size + list.length > this.values.length) {
      const next = new Float32Array(Math.max(this.values.length * 2, this.size + list.length));
      next.set(this.values.subarray(0, this.size));
      this.values = next;
    }
    for (let k = 0; k < list.length; k++) this.values[this.size + k] = list[k];
    this.size += list.length;
    this.ends.push(this.size);
  }

  get entries(): number {
    return this.ends.length;
  }

  finish(): RaggedColumn {
    return { offsets: Int32Array.from([0, ...this.ends]), values: this.values.slice(0, this.size) };
  }
}

/** Entries [from, to) of a list column, offsets rebased to 0 (a copy: the source block can be released). */
export function sliceRagged(c: RaggedColumn, from: number, to: number): RaggedColumn {
  const base = c.offsets[from];
  return { offsets: c.offsets.slice(from, to + 1).map((o) => o - base), values: c.values.slice(base, c.offsets[to]) };
}

/** One list column from consecutive pieces. */
export function concatRagged(pieces: readonly RaggedColumn[]): RaggedColumn {
  const entries = pieces.reduce((s, p) => s + p.offsets.length - 1, 0);
  const total = pieces.reduce((s, p) => s + p.values.length, 0);
  const offsets = new Int32Array(entries + 1);
  const values = new Float32Array(total);
  let e = 0;
  let v = 0;
  for (const p of pieces) {
    for (let i = 1; i < p.offsets.length; i++) offsets[e + i] = v + p.offsets[i];
    values.set(p.values, v);
    e += p.offsets.length - 1;
    v += p.values.length;
  }
  return { offsets, values };
}
