import type { ErrorCode } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { expectIbuError, thrownBy } from './fixtures/expect-ibu-error.js';
import type { IbuProblemInput } from './ibu-problem.js';
import { resolveIbuProblem } from './resolve-ibu-problem.js';

const good: IbuProblemInput = {
  data: [100, 150],
  data_err: [10, 12.2],
  response: [[0.8, 0.1, 0.6], [0.2, 0.9, 0.4]],
  response_err: [[0.01, 0.01, 0.01], [0.01, 0.01, 0.01]],
  efficiencies: [0.4, 0.67, 0.8],
  efficiencies_err: [0.01, 0.01, 0.01],
};

async function rejects(problem: unknown, code: ErrorCode, mentions: string[]) {
  expectIbuError(await thrownBy(() => resolveIbuProblem(problem, 'problem.json')), code, ['problem.json', ...mentions]);
}

describe('resolveIbuProblem', () => {
  it('lays out a valid problem with pyunfold\'s defaults', () => {
    const p = resolveIbuProblem(good);
    expect([p.nEffects, p.nCauses]).toEqual([2, 3]);
    expect(Array.from(p.response)).toEqual([0.8, 0.1, 0.6, 0.2, 0.9, 0.4]);
    expect(p.prior.reduce((a, b) => a + b)).toBeCloseTo(1, 15);
    expect([p.tsStopping, p.maxIter, p.covType, p.returnIterations]).toEqual([0.01, 100, 'multinomial', false]);
  });

  it('a zero efficiency names the cause bin', async () => {
    await rejects({ ...good, efficiencies: [0.4, 0, 0.8] }, 'InvalidArgument', ['efficiencies[1] is 0', 'cause bin 1']);
  });

  it('negative counts, probabilities or errors name the entry', async () => {
    await rejects({ ...good, data: [100, -3] }, 'InvalidArgument', ['data[1] is -3']);
    await rejects({ ...good, response: [[0.8, 0.1, 0.6], [0.2, -0.9, 0.4]] }, 'InvalidArgument', ['response[1][1] is -0.9']);
    await rejects({ ...good, efficiencies_err: [0.01, 0.01, -1] }, 'InvalidArgument', ['efficiencies_err[2]']);
  });

  it('mismatched lengths name both sides', async () => {
    await rejects({ ...good, data: [1, 2, 3], data_err: [1, 1, 1] }, 'ShapeMismatch', ['data has 3 effect bins', 'response has 2 rows']);
    await rejects({ ...good, data_err: [1] }, 'ShapeMismatch', ['data_err has 1', 'data has 2']);
    await rejects({ ...good, response: [[0.8, 0.1, 0.6], [0.2, 0.9]] }, 'ShapeMismatch', ['response[1] has 2 columns', 'response[0] has 3']);
    await rejects({ ...good, response_err: [[0.01, 0.01, 0.01]] }, 'ShapeMismatch', ['response_err has 1 rows', 'response has 2']);
    await rejects({ ...good, efficiencies: [0.4, 0.67] }, 'ShapeMismatch', ['efficiencies has 2 entries', 'response has 3 columns']);
    await rejects({ ...good, prior: [0.5, 0.5] }, 'ShapeMismatch', ['prior has 2 entries', '3 cause bins']);
  });

  it('NaN and Inf are NonFiniteValue naming the item (JSON 1e999 parses to Infinity)', async () => {
    await rejects({ ...good, data: [100, Number.NaN] }, 'NonFiniteValue', ['data[1] is NaN']);
    await rejects(JSON.parse(JSON.stringify(good).replace('"response":[[0.8', '"response":[[1e999')), 'NonFiniteValue', ['response[0][0] is Infinity']);
  });

  it('unknown or mistyped keys and settings are InvalidConfig naming the key', async () => {
    await rejects({ ...good, iterations: 3 }, 'InvalidConfig', ['iterations']);
    await rejects({ ...good, ts: 'chi2' }, 'InvalidConfig', ['ts']);
    await rejects({ ...good, max_iter: 0 }, 'InvalidConfig', ['max_iter']);
    await rejects({ ...good, cov_type: 'gaussian' }, 'InvalidConfig', ['cov_type']);
    await rejects({ ...good, prior: 'jeffreys' }, 'InvalidConfig', ['cause_lim']);
    await rejects({ ...good, cause_lim: [1, 2, 3] }, 'InvalidConfig', ['cause_lim']);
    const { data: _data, ...missing } = good;
    await rejects(missing, 'InvalidConfig', ['data']);
  });

  it('a prior that is not a distribution, and data that sum to 0, are rejected', async () => {
    await rejects({ ...good, prior: [0.5, 0.5, 0.5] }, 'InvalidArgument', ['prior sums to 1.5']);
    await rejects({ ...good, data: [0, 0] }, 'InvalidArgument', ['data sums to 0']);
  });
});
