import { Rng } from '@hepuq/core';
import { dijetShape } from './dijet-function.js';
import { describe, expect, it } from 'vitest';
import { bumpFit } from './bump-fit.js';
import { countingSignificance } from './counting-significance.js';
import { expectBumpFitError, thrownBy } from './fixtures/expect-bump-fit-error.js';
import { exactSpectrum, permuted, poissonSpectrum, scipyReference } from './fixtures/spectra.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const maxRel = (a: number[], b: number[]) => Math.max(...a.map((v, i) => rel(v, b[i])));

describe('bumpFit', () => {
  it('recovers the parameters of a noiseless dijet3 spectrum to 1e-6, and sees no excess', () => {
    const truth = [12, 10, 5];
    const r = bumpFit(exactSpectrum('dijet3', truth), { sr: [13, 15] });
    expect(r.converged).toBe(true);
    expect(maxRel(r.fit_params, truth)).toBeLessThan(1e-6);
    expect(r.chi2).toBeLessThan(1e-12);
    expect(r.ndf).toBe(30 - 3 - 3);
    expect(rel(r.expected, r.observed)).toBeLessThan(1e-9);
    expect(r.z).toBeLessThan(1e-4);
    expect(r.sr_range).toEqual([2000 + (5000 / 30) * 13, 2000 + (5000 / 30) * 16]);
    r.background.forEach((b, i) => expect(rel(b, r.counts[i])).toBeLessThan(1e-8));
  });

  it('recovers a noiseless dijet4 spectrum, by least squares and by the Poisson likelihood', () => {
    const truth = [12, 10, 5, 0.3];
    for (const fit of ['lsq', 'poisson'] as const) {
      const r = bumpFit(exactSpectrum('dijet4', truth), { sr: [12, 14], function: 'dijet4', fit });
      expect(maxRel(r.fit_params, truth), fit).toBeLessThan(1e-6);
      expect(r.z).toBeLessThan(1e-4);
    }
  });

  describe('agrees with scipy (fixtures/scipy-reference.json)', () => {
    const ref = scipyReference();
    for (const c of ref.cases) {
      it(`${c.name}: ${c.about}`, () => {
        const r = bumpFit({ low: c.low, high: c.high, counts: c.counts }, { sr: c.sr, function: c.function, fit: c.fit, sqrtS: ref.sqrt_s });
        // measured agreement: parameters 1e-6 (dijet4 on the bump, a flat direction) to 1e-11, sigma_b 2e-8, z 2e-8
        expect(maxRel(r.fit_params, c.fit_params)).toBeLessThan(1e-5);
        expect(maxRel(r.fit_errors, c.fit_errors)).toBeLessThan(1e-4);
        expect(rel(r.sigma_b, c.sigma_b)).toBeLessThan(1e-4);
        expect(Math.abs(r.z - c.z)).toBeLessThan(1e-4 * Math.max(1, c.z));
        expect(rel(r.p0, c.p0)).toBeLessThan(1e-3);
        expect(rel(r.chi2, c.chi2)).toBeLessThan(1e-8);
        expect(rel(r.expected, c.expected)).toBeLessThan(1e-6);
        expect([r.observed, r.ndf, r.sr]).toEqual([c.observed, c.ndf, c.sr]);
      });
    }
  });

  it('gives identical results whatever the order of the bins (sr counts in mass order)', () => {
    const s = poissonSpectrum(new Rng(7), 'dijet3', [60, 10, 5]);
    const r = bumpFit(s, { sr: [14, 16] });
    const order = new Rng(8).permutation(30);
    expect(bumpFit(permuted(s, order), { sr: [14, 16] })).toEqual(r);
    expect(bumpFit(permuted(s, Array.from({ length: 30 }, (_, i) => 29 - i)), { sr: [14, 16], fit: 'poisson' })).toEqual(bumpFit(s, { sr: [14, 16], fit: 'poisson' }));
  });

  it('reports consistent fields: background = f(centre), expected = its SR sum, errors = sqrt(diag C)', () => {
    const s = poissonSpectrum(new Rng(9), 'dijet4', [60, 10, 5, 0.2]);
    const r = bumpFit(s, { sr: [10, 12], function: 'dijet4' });
    r.background.forEach((b, i) => expect(rel(b, dijetShape('dijet4', r.centres[i], r.fit_params, 13000))).toBeLessThan(1e-12));
    expect(rel(r.expected, r.background.slice(10, 13).reduce((a, b) => a + b, 0))).toBeLessThan(1e-14);
    expect(r.observed).toBe(r.counts.slice(10, 13).reduce((a, b) => a + b, 0));
    expect(r.fit_errors).toEqual(r.covariance.map((row, i) => Math.sqrt(row[i])));
    expect(r.covariance.every((row, i) => row.every((v, j) => v === r.covariance[j][i]))).toBe(true);
    expect(r).toMatchObject({ function: 'dijet4', fit: 'lsq', converged: true, ndf: 30 - 3 - 4, sr: [10, 12], sr_range: [r.low[10], r.high[12]] });
    expect(r.mu_hat).toBe(r.observed - r.expected);
    expect(countingSignificance(r.observed, r.expected, r.sigma_b)).toEqual({ mu_hat: r.mu_hat, z: r.z, p0: r.p0 });
  });

  it('fits sidebands with empty bins (sigma = 1 there)', () => {
    const c = scipyReference().cases[0];
    expect(c.counts.filter((n) => n === 0).length).toBeGreaterThan(3);
    expect(bumpFit(c, { sr: c.sr }).converged).toBe(true);
  });

  it('rejects bad signal regions and options, naming them', async () => {
    const s = exactSpectrum('dijet3', [12, 10, 5]);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [0, 2] })), 'InvalidArgument', ['sr [0, 2]', 'edge', 'no sideband below']);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [27, 29] })), 'InvalidArgument', ['sr [27, 29]', 'edge', 'no sideband above']);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [28, 30] })), 'InvalidArgument', ['outside the 30 bins']);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [-1, 2] })), 'InvalidArgument', ['outside']);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [17, 15] })), 'InvalidArgument', ['reversed']);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [1.5, 3] })), 'InvalidArgument', ['sr']);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [5, 7], function: 'dijet5' as 'dijet3' })), 'InvalidArgument', ['function']);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [5, 7], sqrtS: -1 })), 'InvalidArgument', ['sqrtS']);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [5, 7], window: 3 } as never)), 'InvalidArgument', ['window']);
    const six = exactSpectrum('dijet3', [12, 10, 5], 6);
    expectBumpFitError(await thrownBy(() => bumpFit(six, { sr: [1, 3] })), 'InvalidArgument', ['3 sideband bins for 3 parameters', 'at least 4']);
    expectBumpFitError(await thrownBy(() => bumpFit(six, { sr: [1, 2], function: 'dijet4' })), 'InvalidArgument', ['4 sideband bins for 4 parameters']);
  });

  it('rejects bad spectra: empty, gaps, NaN, all sidebands empty', async () => {
    const s = exactSpectrum('dijet3', [12, 10, 5]);
    expectBumpFitError(await thrownBy(() => bumpFit({ low: [], high: [], counts: [] }, { sr: [1, 2] })), 'EmptyDataset', ['no bins']);
    const gap = { ...s, low: s.low.map((l, i) => (i === 20 ? l + 1 : l)) };
    expectBumpFitError(await thrownBy(() => bumpFit(gap, { sr: [13, 15] })), 'InvalidArgument', ['row 20', 'row 21', 'gap']);
    const nan = { ...s, counts: s.counts.map((c, i) => (i === 4 ? Number.NaN : c)) };
    expectBumpFitError(await thrownBy(() => bumpFit(nan, { sr: [13, 15] })), 'NonFiniteValue', ['count of row 5 is NaN']);
    const onlySr = { ...s, counts: s.counts.map((c, i) => (i >= 13 && i <= 15 ? 10 : 0)) };
    expectBumpFitError(await thrownBy(() => bumpFit(onlySr, { sr: [13, 15] })), 'EmptyDataset', ['all 27 sideband bins are empty']);
  });

  it('fails with FitFailed when the fit does not converge or runs away', async () => {
    const s = poissonSpectrum(new Rng(3), 'dijet3', [60, 10, 5]);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [13, 15], maxIterations: 1 })), 'FitFailed', ['did not converge after 1 iteration']);
    expectBumpFitError(await thrownBy(() => bumpFit(s, { sr: [13, 15], fit: 'poisson', maxIterations: 1 })), 'FitFailed', ['Poisson-likelihood fit did not converge']);
    // every sideband event in the last bin: p1 -> 0 while p2, p3 run off to +-infinity
    const spike = { ...s, counts: s.counts.map((_, i) => (i === 29 ? 1e9 : 0)) };
    expectBumpFitError(await thrownBy(() => bumpFit(spike, { sr: [13, 15] })), 'FitFailed', ['non-finite']);
  });
});
