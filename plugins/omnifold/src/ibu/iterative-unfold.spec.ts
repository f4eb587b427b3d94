import { describe, expect, it } from 'vitest';
import { iterativeUnfold, type IbuIteration } from './iterative-unfold.js';
import { jeffreysPrior } from './priors.js';
import { numpyReferenceFixtures, publishedFixtures } from './fixtures/load-fixtures.js';

/** Element-wise |a - b| <= rel |b| (so an expected 0 must be exactly 0). */
function expectRelClose(actual: number[] | number[][], expected: number[] | number[][], rel: number, what: string): void {
  const x = (actual as number[]).flat();
  const y = (expected as number[]).flat();
  expect(x.length, what).toBe(y.length);
  y.forEach((v, i) => expect(Math.abs(x[i] - v), `${what}[${i}]`).toBeLessThanOrEqual(rel * Math.abs(v)));
}

/** max_i |a_i - b_i| / |b_i| over vectors or matrices. */
function maxRelDiff(a: number[] | number[][], b: number[] | number[][]): number {
  const x = (a as number[]).flat();
  const y = (b as number[]).flat();
  expect(x.length).toBe(y.length);
  return Math.max(...x.map((v, i) => Math.abs(v - y[i]) / Math.abs(y[i])));
}

// Fixtures stored at full float64 precision are reproduced to ~1e-14 (summation order only); 1e-9
// keeps a wide margin for that and is still far inside the contract's 1e-6.
const FULL_PRECISION = 1e-9;

describe('iterativeUnfold against pyunfold v0.5.0 published numbers', () => {
  const pub = publishedFixtures();

  for (const c of pub.tests) {
    it(`${c.name}: every iteration of pyunfold's test data (${c.name === 'example3' ? 'non-square 2x3, ' : ''}efficiencies < 1)`, () => {
      const result = iterativeUnfold(c.problem);
      expect(result.iterations).toHaveLength(c.expected_iterations.length);
      result.iterations!.forEach((row, k) => {
        for (const key of ['unfolded', 'stat_err', 'sys_err'] as const) {
          expect(maxRelDiff(row[key], c.expected_iterations[k][key]), `${key} at iteration ${k + 1}`).toBeLessThan(FULL_PRECISION);
        }
      });
    });
  }

  it('the iterative_unfold docstring example, to its printed digits', () => {
    const { problem, expected } = pub.docstring;
    const result = iterativeUnfold(problem);
    expect(result.num_iterations).toBe(expected.num_iterations);
    expect(result.ts_stopping).toBe(0.01);
    // ts_iter is printed in full (17 digits)
    expect(Math.abs(result.ts_iter - expected.ts_iter) / expected.ts_iter).toBeLessThan(1e-12);
    // printed to 8 decimals: 7 significant digits at worst (0.1528527), half a unit = 3.3e-7 relative
    for (const key of ['unfolded', 'stat_err', 'sys_err', 'unfolding_matrix'] as const) {
      expect(maxRelDiff(result[key], expected[key]), key).toBeLessThan(5e-7);
    }
    expect(result.iterations).toBeUndefined();
  });

  it('the tutorial notebook: unfolded, sys_err and the logged ts of each iteration', () => {
    const { problem, expected } = pub.tutorial;
    const result = iterativeUnfold({ ...problem, return_iterations: true });
    expect(result.num_iterations).toBe(expected.num_iterations);
    expect(result.iterations!.map((r) => Number(r.ts_iter.toFixed(4)))).toEqual(expected.ts_iter_by_iteration);
    // printed to 8 decimals on values >= 46: below 1.1e-10 relative
    expect(maxRelDiff(result.unfolded, expected.unfolded)).toBeLessThan(1e-9);
    expect(maxRelDiff(result.sys_err, expected.sys_err)).toBeLessThan(1e-9);
  });

  it('the user-prior notebook: Jeffreys prior on cause_lim = logspace(0, 3, 20) and its iterations', () => {
    const { problem, cause_lim, expected } = pub.user_prior;
    // printed as 9 significant digits (x.xxxxxxxxe-n): half a unit of the last is at most 5e-9 relative
    expect(maxRelDiff(Array.from(jeffreysPrior(cause_lim)), expected.jeffreys_prior)).toBeLessThan(5e-9);
    const ts = (r: { iterations?: IbuIteration[] }) => r.iterations!.map((row) => Number(row.ts_iter.toFixed(4)));
    expect(ts(iterativeUnfold({ ...problem, ts: 'ks', ts_stopping: 0.01, return_iterations: true }))).toEqual(expected.uniform_ts_by_iteration);
    expect(ts(iterativeUnfold({ ...problem, prior: 'jeffreys', cause_lim, return_iterations: true }))).toEqual(expected.jeffreys_ts_by_iteration);
  });
});

describe('iterativeUnfold against the independent numpy re-implementation (fixtures/ibu_reference.py)', () => {
  for (const c of numpyReferenceFixtures().cases) {
    it(`${c.name}: ${c.about}`, () => {
      const result = iterativeUnfold(c.problem, { statPropagation: c.variant ?? 'pyunfold' });
      expect(result.iterations).toHaveLength(c.expected_iterations.length);
      result.iterations!.forEach((row, k) => {
        const exp = c.expected_iterations[k];
        expect(row.num_iterations).toBe(exp.num_iterations);
        expect(Math.abs(row.ts_iter - exp.ts_iter) / exp.ts_iter, `ts at ${k + 1}`).toBeLessThan(FULL_PRECISION);
        // a cause with a zero prior stays exactly 0 (with zero errors) in both implementations
        for (const key of ['unfolded', 'stat_err', 'sys_err'] as const) expectRelClose(row[key], exp[key], FULL_PRECISION, `${key} at ${k + 1}`);
      });
      const last = c.expected_iterations[c.expected_iterations.length - 1];
      expectRelClose(result.unfolding_matrix, last.unfolding_matrix, FULL_PRECISION, 'unfolding_matrix');
    });
  }
});

describe('iterativeUnfold behaviour', () => {
  const { problem } = publishedFixtures().docstring;

  it('returns the last iteration, and with return_iterations every one (same keys as pyunfold\'s DataFrame rows)', () => {
    const plain = iterativeUnfold(problem);
    const all = iterativeUnfold({ ...problem, return_iterations: true });
    const keys = ['unfolded', 'stat_err', 'sys_err', 'num_iterations', 'ts_iter', 'ts_stopping', 'unfolding_matrix'];
    expect(Object.keys(plain).sort()).toEqual([...keys].sort());
    expect(all.iterations!.map((r) => r.num_iterations)).toEqual([1, 2, 3, 4]);
    for (const row of all.iterations!) expect(Object.keys(row).sort()).toEqual([...keys].sort());
    const { iterations, ...final } = all;
    expect(final).toEqual(iterations![3]);
    // without return_iterations d phi/d P is accumulated backwards: the same to rounding
    expect(plain.num_iterations).toBe(final.num_iterations);
    expect(plain.unfolded).toEqual(final.unfolded);
    expect(plain.stat_err).toEqual(final.stat_err);
    expect(maxRelDiff(plain.sys_err, final.sys_err)).toBeLessThan(1e-13);
  });

  it('unfolded = data . unfolding_matrix at every iteration (pyunfold test_unfolding_matrix)', () => {
    const data = problem.data;
    for (const row of iterativeUnfold({ ...problem, return_iterations: true }).iterations!) {
      const folded = row.unfolded.map((_, j) => data.reduce((acc, n, i) => acc + n * row.unfolding_matrix[i][j], 0));
      expect(maxRelDiff(folded, row.unfolded)).toBeLessThan(1e-14);
    }
  });

  it('a diagonal response unfolds to the data (pyunfold test_iterative_unfold, diagonal case)', () => {
    const data = [120, 300, 410, 90, 35];
    const id = data.map((_, i) => data.map((__, j) => (i === j ? 1 : 0)));
    const r = iterativeUnfold({ data, data_err: data.map(Math.sqrt), response: id, response_err: id.map((row) => row.map(() => 0.01)), efficiencies: data.map(() => 1), efficiencies_err: data.map(() => 0.001) });
    expect(maxRelDiff(r.unfolded, data)).toBeLessThan(1e-12);
  });

  it('stops at max_iter when ts_stopping is never reached, and reads cov_type case-insensitively', () => {
    const r = iterativeUnfold({ ...problem, ts_stopping: 0, max_iter: 5 });
    expect(r.num_iterations).toBe(5);
    expect(iterativeUnfold({ ...problem, cov_type: 'Poisson' })).toEqual(iterativeUnfold({ ...problem, cov_type: 'poisson' }));
    expect(iterativeUnfold({ ...problem, cov_type: 'MULTINOMIAL' })).toEqual(iterativeUnfold(problem));
  });
});
