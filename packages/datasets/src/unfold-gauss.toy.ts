import { parseOrThrow, z } from '@hepuq/core';
import { normalPdf } from '@hepuq/stats';
import { defineToy } from './define-toy.js';
import { normalBinProbabilities } from './normal-bins.js';
import { unfoldingDataset } from './unfolding-columns.js';

export const UNFOLD_GAUSS = 'unfold-gauss';

/** Particle-level Gaussians of the two samples of the OmniFold paper's 1-D example (1911.09107, fig. 2). */
export const UNFOLD_GAUSS_SAMPLES = {
  sim: { mu: 0, sigma: 1 },
  nature: { mu: 0.2, sigma: 0.8 },
} as const;

/** Options of `unfold-gauss`. */
export const UnfoldGaussOptions = z
  .object({
    /** Which sample: the simulation (`sim`, the prior) or the pseudo-data (`nature`, the truth to unfold to). */
    sample: z.enum(['sim', 'nature']).default('sim'),
    /** Particle-level mean; default from `sample` (sim 0, nature 0.2). */
    mu: z.number().finite().optional(),
    /** Particle-level standard deviation; default from `sample` (sim 1, nature 0.8). */
    sigma: z.number().finite().positive().optional(),
    /** Detector resolution: reco = gen + N(0, smearing^2); 0 gives a perfect detector. */
    smearing: z.number().finite().nonnegative().default(0.5),
  })
  .strict();
export type UnfoldGaussOptions = z.infer<typeof UnfoldGaussOptions>;
export type UnfoldGaussInput = z.input<typeof UnfoldGaussOptions>;

const parse = (options: UnfoldGaussInput, where: string): UnfoldGaussOptions =>
  parseOrThrow(UnfoldGaussOptions, options, { code: 'InvalidArgument', where, path: 'options' });

/**
 * The exact particle-level Gaussian N(mu, sigma^2) of `unfold-gauss`: the given mu / sigma, else the sample's.
 * @example unfoldGaussParticleLevel({ sample: 'nature' }) // { mu: 0.2, sigma: 0.8 }
 */
export function unfoldGaussParticleLevel(options: UnfoldGaussInput = {}): { mu: number; sigma: number } {
  const o = parse(options, UNFOLD_GAUSS);
  const base = UNFOLD_GAUSS_SAMPLES[o.sample];
  return { mu: o.mu ?? base.mu, sigma: o.sigma ?? base.sigma };
}

/**
 * Exact bin probabilities P(lo < x <= hi) = Phi((hi - mu)/s) - Phi((lo - mu)/s) of gen_x (s = sigma) or,
 * with `level: 'reco'`, of reco_x (s = sqrt(sigma^2 + smearing^2), every event is reconstructed).
 * @example unfoldGaussBinProbabilities([-Infinity, 0, Infinity], { sample: 'sim' }) // [0.5, 0.5]
 */
export function unfoldGaussBinProbabilities(edges: ArrayLike<number>, options: UnfoldGaussInput = {}, level: 'gen' | 'reco' = 'gen'): Float64Array {
  const { mu, sigma } = unfoldGaussParticleLevel(options);
  const smearing = level === 'reco' ? parse(options, UNFOLD_GAUSS).smearing : 0;
  const s = Math.hypot(sigma, smearing);
  return normalBinProbabilities(edges, (x) => (x - mu) / s, `${UNFOLD_GAUSS} bin probabilities`);
}

/**
 * `unfold-gauss`: the 1-D Gaussian example of OmniFold (Andreassen et al. 1911.09107): gen_x ~ N(mu, sigma^2),
 * reco_x = gen_x + N(0, smearing^2); efficiency 1 and no fakes (`pass_gen` = `pass_reco` = 1), unit weights.
 * `true_density` is the particle-level density N(gen_x; mu, sigma^2), the distribution unfolding recovers.
 * @example const nature = unfoldGaussToy.generate(100_000, { sample: 'nature' }, new Rng(2));
 */
export const unfoldGaussToy = defineToy({
  key: UNFOLD_GAUSS,
  task: 'generation',
  description: 'OmniFold 1-D Gaussian unfolding example: gen ~ N(mu, sigma) (sim 0/1, nature 0.2/0.8), reco = gen + N(0, 0.5)',
  options: UnfoldGaussOptions,
  sample(n, o, rng) {
    const { mu, sigma } = unfoldGaussParticleLevel(o);
    const gen = new Float32Array(n);
    const reco = new Float32Array(n);
    const trueDensity = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      gen[i] = rng.normal(mu, sigma);
      reco[i] = gen[i] + o.smearing * rng.normal();
      // the density at the stored float32 value: exact for the event as a method sees it
      trueDensity[i] = normalPdf((gen[i] - mu) / sigma) / sigma;
    }
    const ones = new Float32Array(n).fill(1);
    return unfoldingDataset(UNFOLD_GAUSS, {
      observables: ['x'], gen: [gen], reco: [reco], passGen: ones, passReco: ones.slice(), trueDensity,
    });
  },
});
