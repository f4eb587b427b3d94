import { readSync } from 'node:fs';
import { h5Lookup3 } from './h5-lookup3.js';

/**
 * Thrown when the pure-TypeScript reader meets anything it does not fully understand; the read then
 * goes through h5wasm, which either reads it or raises the catalog error.
 */
export class H5Fallback extends Error {}

/** Give up on the fast path (never a user-facing error). */
export function fallback(why: string): never {
  throw new H5Fallback(why);
}

/** A little-endian unsigned integer of 1-8 bytes; null for HDF5's "undefined address" (all bits set). */
export function uintLE(b: Uint8Array, at: number, size: number): number | null {
  if (at < 0 || at + size > b.length) fallback(`field at ${at} past the end of a ${b.length}-byte block`);
  let undef = true;
  let v = 0;
  for (let i = size - 1; i >= 0; i--) {
    undef &&= b[at + i] === 0xff;
    v = v * 256 + b[at + i];
  }
  if (undef) return null;
  if (!Number.isSafeInteger(v)) fallback(`value ${v} beyond 2^53`);
  return v;
}

/** A defined little-endian unsigned integer (an undefined address here means a damaged file). */
export function uint(b: Uint8Array, at: number, size: number): number {
  return uintLE(b, at, size) ?? fallback(`undefined value at ${at}`);
}

/** Check a 4-byte ASCII signature such as `OHDR` at `at`. */
export function expectSignature(b: Uint8Array, at: number, sig: string): void {
  for (let i = 0; i < 4; i++) if (b[at + i] !== sig.charCodeAt(i)) fallback(`no ${sig} signature`);
}

/** Check the lookup3 checksum stored (little-endian) right after `b[from, end)`. */
export function expectChecksum(b: Uint8Array, from: number, end: number, what: string): void {
  if (end + 4 > b.length || h5Lookup3(b.subarray(from, end)) !== uint(b, end, 4)) fallback(`${what}: checksum mismatch`);
}

/** Bounded synchronous reads of an open HDF5 file, with its address and length field sizes. */
export class H5Bytes {
  constructor(
    readonly fd: number,
    /** Bytes the file holds (and the superblock's end-of-file address, whichever is smaller). */
    public end: number,
    public offsetSize = 8,
    public lengthSize = 8,
  ) {}

  /** Exactly `length` bytes at `address`, or a fallback when they lie outside the file. */
  read(address: number, length: number): Buffer {
    if (!Number.isSafeInteger(address) || address < 0 || !Number.isSafeInteger(length) || length < 0 || address + length > this.end) {
      fallback(`${length} bytes at ${address} lie outside the file`);
    }
    const buf = Buffer.allocUnsafe(length);
    this.readInto(buf, address);
    return buf;
  }

  /** Fill `into` from `address` (the caller checked the range); false on a short read. */
  readInto(into: Uint8Array, address: number): boolean {
    let got = 0;
    while (got < into.length) {
      const n = readSync(this.fd, into, got, into.length - got, address + got);
      if (n === 0) return false;
      got += n;
    }
    return true;
  }

  /** An address field (null when undefined). */
  address(b: Uint8Array, at: number): number | null {
    return uintLE(b, at, this.offsetSize);
  }

  /** A length field. */
  length(b: Uint8Array, at: number): number {
    return uint(b, at, this.lengthSize);
  }
}
