import { describeZodError, ERROR_CATALOG, isHepuqError, type ErrorCode, type HepuqError, type z } from '@hepuq/core';
import { expect } from 'vitest';

/** What `fn` threw or rejected with (undefined when it returned normally). */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** What a catalog error must satisfy: its code (one of), and the words its message must contain. */
export interface CatalogErrorExpectation {
  code?: ErrorCode | readonly ErrorCode[];
  mentions?: readonly string[];
  /** Words of which the message must name at least one (a column some call `truth`, others `label`). */
  mentionsOneOf?: readonly string[];
}

/**
 * Assert that `err` is a HepuqError (from any copy of core) with a catalog code, one of the expected
 * codes, and a message naming every item in `mentions`.
 * @example expectCatalogError(await caught(() => metric.compute(bad)), 'NaN truth', { code: 'NonFiniteValue', mentions: ['truth'] })
 */
export function expectCatalogError(err: unknown, what: string, expected: CatalogErrorExpectation = {}): asserts err is HepuqError {
  expect(isHepuqError(err), `${what}: expected a HepuqError, got ${describeThrown(err)}`).toBe(true);
  const e = err as HepuqError;
  expect(Object.keys(ERROR_CATALOG), `${what}: "${e.code}" is not a catalog code`).toContain(e.code);
  if (expected.code !== undefined) {
    const codes: readonly ErrorCode[] = typeof expected.code === 'string' ? [expected.code] : expected.code;
    expect(codes, `${what}: code ${e.code} (${e.message})`).toContain(e.code);
  }
  for (const word of expected.mentions ?? []) expect(e.message, `${what}: the message must name "${word}"`).toContain(word);
  const oneOf = expected.mentionsOneOf ?? [];
  if (oneOf.length > 0) expect(oneOf.some((w) => e.message.includes(w)), `${what}: "${e.message}" must name one of ${oneOf.join(', ')}`).toBe(true);
}

function describeThrown(err: unknown): string {
  if (err === undefined) return 'no error';
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Assert that `value` survives `JSON.stringify` unchanged: no NaN or Infinity (they become null),
 * no typed arrays, Maps, functions or class instances (they lose their contents or type).
 */
export function expectJsonRoundTrip(value: unknown, what: string): void {
  const bad = nonJsonPath(value, '$');
  expect(bad, `${what} must be plain JSON data`).toBeUndefined();
  expect(JSON.parse(JSON.stringify(value)) as unknown, what).toEqual(value);
}

/** The first path in `value` holding something JSON does not keep as it is, with what it holds. */
export function nonJsonPath(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} is ${value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = nonJsonPath(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return `${path} is a ${(value as object).constructor?.name ?? 'class instance'}`;
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      const bad = nonJsonPath(v, `${path}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  }
  return `${path} is a ${typeof value}`;
}

/**
 * A fingerprint of plain data and typed arrays (their bytes, base64), to check cheaply that nothing
 * was mutated: `expect(snapshot(input)).toBe(before)`. Deep `toEqual` on 10^4-element arrays is slow.
 */
export function snapshot(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v)) return `${v.constructor.name}:${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}`;
    if (typeof v === 'number' && !Number.isFinite(v)) return `number:${v}`;
    return v;
  });
}

/** Whether a name matches one of the given names or patterns. */
export function matchesAny(name: string, patterns: readonly (string | RegExp)[]): boolean {
  return patterns.some((p) => (typeof p === 'string' ? p === name : p.test(name)));
}

/** A key no schema declares, for strictness checks. */
export const UNKNOWN_KEY = 'hepuqConformanceUnknownKey';

/** `options` with the unknown key added (an object), or an object holding only it. */
export function withUnknownKey(options: unknown): Record<string, unknown> {
  const base = typeof options === 'object' && options !== null && !Array.isArray(options) ? options : {};
  return { ...base, [UNKNOWN_KEY]: 1 };
}

/** The issues of a failed `safeParse` as one line (`path: message (keys)`), '' when it succeeded. */
export function zodErrorText(result: { success: boolean; error?: z.ZodError }): string {
  return result.success || !result.error ? '' : describeZodError(result.error);
}
