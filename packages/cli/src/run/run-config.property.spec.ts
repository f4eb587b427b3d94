import fc from 'fast-check';
import { createHepuq, isHepuqError, type HepuqApp } from '@hepuq/core';
import { datasets } from '@hepuq/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from './parse-run-config.js';
import { RUN_NAME } from './run-config.js';
import { validateRunConfig } from './validate-run-config.js';

// Property tests over the run-config schema and the pre-run validation: valid configs parse; any
// JSON value, and any valid config with one key broken, gives nothing but a catalog error. Fixed
// seeds, a few hundred runs: well under a second.
let app: HepuqApp;
beforeAll(async () => {
  app = await createHepuq({ plugins: [datasets()] });
});

const name = fc.stringMatching(RUN_NAME);
const toy = fc.record({ toy: fc.constantFrom('heteroscedastic-1d', 'two-class-2d'), n: fc.integer({ min: 1, max: 1e6 }) });
const file = fc.record({
  path: fc.string({ minLength: 1 }),
  features: fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }),
  target: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
});
const method = fc.record({ use: fc.constantFrom('het-mlp', 'mlp-classifier'), options: fc.record({ epochs: fc.integer({ min: 1, max: 100 }), lr: fc.double({ min: 1e-5, max: 1, noNaN: true }) }, { requiredKeys: [] }) });
const valid = fc.record({
  name,
  seed: fc.integer({ min: 0, max: 2 ** 31 }),
  data: fc.record({ train: fc.oneof(toy, file), test: fc.option(fc.oneof(toy, file), { nil: undefined }) }, { requiredKeys: ['train'] }),
  method,
  replicas: fc.integer({ min: 0, max: 50 }),
  report: fc.boolean(),
}, { requiredKeys: ['name', 'data', 'method'] });

/** Parse and validate; only catalog errors may come out (returns the error, or undefined). */
function check(raw: unknown): unknown {
  try {
    validateRunConfig(app, parseRunConfig(raw, 'fuzz'));
    return undefined;
  } catch (e) {
    if (!isHepuqError(e)) throw new Error(`non-catalog error for ${JSON.stringify(raw)}: ${(e as Error).stack}`);
    return e;
  }
}

describe('run config (property-based)', () => {
  it('accepts every valid config', () => {
    fc.assert(fc.property(valid, (c) => {
      expect(() => parseRunConfig(c, 'fuzz')).not.toThrow();
    }), { seed: 1, numRuns: 200 });
  });

  it('answers any JSON value with a config or a catalog error, never anything else', () => {
    fc.assert(fc.property(fc.jsonValue(), (raw) => void check(raw)), { seed: 2, numRuns: 300 });
    fc.assert(fc.property(valid, fc.jsonValue(), fc.constantFrom('name', 'seed', 'data', 'method', 'replicas', 'report', 'steps', 'metrics'), (c, value, key) => {
      void check({ ...c, [key]: value });
    }), { seed: 3, numRuns: 300 });
  });

  it('rejects every config with a broken key by a catalog error', () => {
    const broken = fc.oneof(
      valid.map((c) => ({ ...c, unknownKey: 1 })),
      valid.chain((c) => fc.constantFrom('.', '..', 'a/b', '/abs', '', '.hidden', `${'x'.repeat(101)}`).map((n) => ({ ...c, name: n }))),
      valid.map((c) => ({ ...c, seed: -1 })),
      valid.map((c) => ({ ...c, method: { ...c.method, use: 'no-such-method' } })),
      valid.map((c) => ({ ...c, method: { ...c.method, options: { ...c.method.options, epochs: 0 } } })),
      valid.map((c) => ({ ...c, metrics: ['no-such-metric'] })),
    );
    fc.assert(fc.property(broken, (raw) => {
      expect(check(raw)).toBeDefined();
    }), { seed: 4, numRuns: 300 });
  });
});
