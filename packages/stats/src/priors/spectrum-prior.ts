import { HepuqError, z } from '@hepuq/core';
import { normalCdf, normalQuantile } from '../special/normal.js';

/** Default index n of a falling power law p(y) ∝ y^-n. */
export const DEFAULT_POWER_LAW_INDEX = 2;

const PowerLawPrior = z
  .object({
    shape: z.literal('power-law'),
    /** n in p(y) ∝ y^-n (n > 0 falls; needs y > 0). */
    index: z.number().finite().default(DEFAULT_POWER_LAW_INDEX),
  })
  .strict();

const FlatPrior = z.object({ shape: z.literal('flat') }).strict();

const GaussianPrior = z
  .object({
    shape: z.literal('gaussian'),
    mean: z.number().finite(),
    sigma: z.number().finite().positive(),
  })
  .strict();

/**
 * A prior over a positive quantity y (a spectrum, e.g. a jet's true energy): a falling power law
 * y^-index, flat, or a Gaussian; truncated to a range where it is sampled. What a toy draws its
 * truth from and what a closure test reweights to.
 * @example SpectrumPrior.parse({ shape: 'power-law', index: 3 })
 */
export const SpectrumPrior = z.discriminatedUnion('shape', [PowerLawPrior, FlatPrior, GaussianPrior]);
export type SpectrumPrior = z.output<typeof SpectrumPrior>;

/**
 * The unnormalised density p(y) of `prior`: y^-n, 1, or exp(-(y - mean)^2 / (2 sigma^2)). A power
 * law is only defined for y > 0 (`InvalidArgument` otherwise).
 * @example priorDensity({ shape: 'power-law', index: 2 }, 10) // 0.01
 */
export function priorDensity(prior: SpectrumPrior, y: number): number {
  switch (prior.shape) {
    case 'flat':
      return 1;
    case 'gaussian':
      return Math.exp(-0.5 * ((y - prior.mean) / prior.sigma) ** 2);
    case 'power-law':
      if (!(y > 0)) {
        throw new HepuqError('InvalidArgument', `a power-law prior y^-${prior.index} is defined for y > 0 only, got y = ${y}`, {
          hint: 'Reweight to a flat or Gaussian prior, or select the events with y > 0.',
        });
      }
      return y ** -prior.index;
  }
}

/**
 * The u-quantile (0 <= u <= 1) of `prior` truncated to [lo, hi], by its inverse CDF: power law
 * y = (lo^(1-n) + u (hi^(1-n) - lo^(1-n)))^(1/(1-n)) (log-uniform for n = 1), flat lo + u (hi - lo),
 * Gaussian mean + sigma Phi^-1(Phi(a) + u (Phi(b) - Phi(a))). Feed it uniform draws to sample.
 * @example priorQuantile({ shape: 'flat' }, 20, 200, 0.5) // 110
 */
export function priorQuantile(prior: SpectrumPrior, lo: number, hi: number, u: number): number {
  if (!(lo < hi)) throw new HepuqError('InvalidArgument', `a prior's range needs lo < hi, got [${lo}, ${hi}]`);
  switch (prior.shape) {
    case 'flat':
      return lo + u * (hi - lo);
    case 'gaussian': {
      const a = normalCdf((lo - prior.mean) / prior.sigma);
      const b = normalCdf((hi - prior.mean) / prior.sigma);
      const y = prior.mean + prior.sigma * normalQuantile(a + u * (b - a));
      return Math.min(hi, Math.max(lo, y));
    }
    case 'power-law': {
      if (!(lo > 0)) throw new HepuqError('InvalidArgument', `a power-law prior needs a range above 0, got [${lo}, ${hi}]`);
      const k = 1 - prior.index;
      if (Math.abs(k) < 1e-12) return lo * (hi / lo) ** u;
      const y = (lo ** k + u * (hi ** k - lo ** k)) ** (1 / k);
      return Math.min(hi, Math.max(lo, y));
    }
  }
}
