// Shared by the format specs only (excluded from the build).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HepuqError } from '@hepuq/core';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** What make_fixtures.py recorded for one fixture, read by numpy/h5py/pandas. */
export interface Expected {
  rows: number;
  order: string[];
  columns: Record<string, { sum: number; first: number; last: number }>;
}

export async function loadExpected(): Promise<Record<string, Expected>> {
  return JSON.parse(await readFile(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected>;
}

/** The HepuqError `p` rejects with (anything else fails the test). */
export async function caught(p: Promise<unknown>): Promise<HepuqError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HepuqError) return e;
    throw e;
  }
  throw new Error('expected a HepuqError');
}

export const sum = (a: Float32Array): number => a.reduce((s, v) => s + v, 0);
