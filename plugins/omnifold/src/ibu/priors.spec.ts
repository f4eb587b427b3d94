import { describe, expect, it } from 'vitest';
import { expectIbuError, thrownBy } from './fixtures/expect-ibu-error.js';
import { checkPrior, initialPrior, jeffreysPrior, uniformPrior } from './priors.js';

describe('priors', () => {
  it('uniform: 1/n_C (pyunfold uniform_prior docstring)', () => {
    expect(Array.from(uniformPrior(4))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('Jeffreys: the pyunfold jeffreys_prior docstring example', () => {
    Array.from(jeffreysPrior([1, 2, 3, 4])).forEach((p, i) => expect(p).toBeCloseTo([0.48, 0.24, 0.16, 0.12][i], 15));
  });

  it('Jeffreys needs positive, not all equal cause values; errors name the entry', async () => {
    expectIbuError(await thrownBy(() => jeffreysPrior([1, 0, 3])), 'InvalidArgument', ['cause_lim[1]']);
    expectIbuError(await thrownBy(() => jeffreysPrior([2, 2])), 'InvalidArgument', ['cause_lim', 'ln(Cmax/Cmin) = 0']);
  });

  it('a user prior is checked as pyunfold does: length, no negative entry, sum 1 within numpy.allclose', async () => {
    expect(Array.from(checkPrior([0.34, 0.66], 2))).toEqual([0.34, 0.66]);
    expect(() => checkPrior([0.5, 0.5 + 9e-6], 2)).not.toThrow();
    expectIbuError(await thrownBy(() => checkPrior([0.5, 0.6], 2)), 'InvalidArgument', ['sums to 1.1']);
    expectIbuError(await thrownBy(() => checkPrior([1.2, -0.2], 2)), 'InvalidArgument', ['prior[1]']);
    expectIbuError(await thrownBy(() => checkPrior([1], 2)), 'ShapeMismatch', ['1 entries', '2 cause bins']);
  });

  it('initialPrior: uniform by default, Jeffreys on cause_lim, or the given array', async () => {
    expect(Array.from(initialPrior({}, 2))).toEqual([0.5, 0.5]);
    expect(Array.from(initialPrior({ prior: null }, 2))).toEqual([0.5, 0.5]);
    Array.from(initialPrior({ prior: 'jeffreys', cause_lim: [0.5, 1.5] }, 2)).forEach((q, i) => expect(q).toBeCloseTo([0.75, 0.25][i], 15));
    expectIbuError(await thrownBy(() => initialPrior({ prior: 'jeffreys', cause_lim: [1, 2, 3] }, 2)), 'ShapeMismatch', ['cause_lim has 3']);
  });
});
