import { describe, expect, it } from 'vitest';
import { Dataset, HepuqError, type UQMethod } from '@hepuq/core';
import { checkMultiTargetRun } from './check-targets.js';
import type { RunConfig } from './run-config.js';

const x = Float32Array.of(0, 1, 2);
const data = (...names: string[]) => new Dataset({ features: { x }, targets: names.map((name) => ({ name, values: x })) });
const method = (multiTarget?: boolean) => ({ key: 'acme/one', task: 'regression', multiTarget }) as unknown as UQMethod;
const config = { name: 'c', data: { train: { toy: 't', n: 3 } }, method: { use: 'acme/one' } } as unknown as RunConfig;

function thrown(fn: () => void): HepuqError {
  try {
    fn();
  } catch (e) {
    return e as HepuqError;
  }
  throw new Error('expected an error');
}

describe('checkMultiTargetRun', () => {
  it('refuses a method that predicts one target, naming the multi-target methods', () => {
    const e = thrown(() => checkMultiTargetRun(method(), config, data('a', 'b'), data('a', 'b')));
    expect(e.code).toBe('InvalidConfig');
    expect(e.message).toContain('data.train has 2 targets (a, b), but method "acme/one" predicts one');
    expect(e.hint).toMatch(/het-mlp, bnn, mc-dropout or an ensemble/);
  });

  it('accepts a multi-target method, and a test set without targets (predictions only)', () => {
    expect(() => checkMultiTargetRun(method(true), config, data('a', 'b'), data('a', 'b'))).not.toThrow();
    expect(() => checkMultiTargetRun(method(true), config, data('a', 'b'), new Dataset({ features: { x } }))).not.toThrow();
  });

  it('refuses a recalibration and test targets that differ from the training targets', () => {
    expect(thrown(() => checkMultiTargetRun(method(true), { ...config, recalibration: { use: 'variance-scaling' } } as RunConfig, data('a', 'b'), data('a', 'b'))).message)
      .toMatch(/recalibrates one target/);
    expect(thrown(() => checkMultiTargetRun(method(true), config, data('a', 'b'), data('a'))).message).toMatch(/data.test has targets \(a\), but data.train has \(a, b\)/);
  });
});
