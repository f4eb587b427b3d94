import { Dataset, z, type Rng } from '@hepuq/core';
import { defineToy } from './define-toy.js';

export const HETEROSCEDASTIC_1D = 'heteroscedastic-1d';

/** Options of `heteroscedastic-1d`. */
export const Heteroscedastic1dOptions = z
  .object({
    /** Lower edge of the uniform x range. */
    xmin: z.number().finite().default(-3),
    /** Upper edge of the uniform x range. */
    xmax: z.number().finite().default(3),
    /** Multiplies the noise width s(x); 0 and `noise: false` both give noise-free labels. */
    noiseScale: z.number().finite().nonnegative().default(1),
    /** `false`: y = f(x) exactly (only the statistical uncertainty remains to be learned). */
    noise: z.boolean().default(true),
  })
  .strict()
  .refine((o) => o.xmin < o.xmax, { message: 'xmin must be smaller than xmax', path: ['xmax'] });
export type Heteroscedastic1dOptions = z.infer<typeof Heteroscedastic1dOptions>;

/**
 * Truth of the heteroscedastic toy: mean f(x) = sin(2x) + x/4 and width s(x) = noiseScale * (0.2 + 0.1 sin x)
 * (so 0.1 <= s/noiseScale <= 0.3); a smooth stand-in for the noisy jet regression of Plehn 2022 (seed talk).
 * @example heteroscedasticTruth(0) // { mean: 0, sigma: 0.2 }
 */
export function heteroscedasticTruth(x: number, noiseScale = 1): { mean: number; sigma: number } {
  return { mean: Math.sin(2 * x) + 0.25 * x, sigma: noiseScale * (0.2 + 0.1 * Math.sin(x)) };
}

/**
 * Regression labels at fixed x: y = f(x) + s(x) * N(0, 1), with the truth columns `true_mean`, `true_sigma`.
 * Shared by `heteroscedastic-1d` and `gap-1d`; `true_sigma` is 0 for noise-free labels.
 */
export function heteroscedasticDataset(
  x: Float32Array, noise: boolean, noiseScale: number, rng: Rng, source: string,
  extras: Record<string, Float32Array> = {},
): Dataset {
  const n = x.length;
  const y = new Float32Array(n);
  const trueMean = new Float32Array(n);
  const trueSigma = new Float32Array(n);
  const scale = noise ? noiseScale : 0;
  for (let i = 0; i < n; i++) {
    const { mean, sigma } = heteroscedasticTruth(x[i], scale);
    trueMean[i] = mean;
    trueSigma[i] = sigma;
    y[i] = sigma > 0 ? mean + sigma * rng.normal() : mean;
  }
  return new Dataset({
    features: { x }, target: y, targetName: 'y', source,
    extras: { true_mean: trueMean, true_sigma: trueSigma, ...extras },
  });
}

/**
 * `heteroscedastic-1d`: x ~ U(xmin, xmax), y = f(x) + s(x) N(0, 1) (see `heteroscedasticTruth`).
 * @example const ds = heteroscedastic1dToy.generate(20_000, { noiseScale: 1 }, new Rng(1));
 */
export const heteroscedastic1dToy = defineToy({
  key: HETEROSCEDASTIC_1D,
  task: 'regression',
  description: '1-D regression y = sin(2x) + x/4 + (0.2 + 0.1 sin x) N(0,1) with known mean and width',
  options: Heteroscedastic1dOptions,
  sample(n, o, rng) {
    // all x are drawn before any noise, so one seed gives the same x with and without noise
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = o.xmin + (o.xmax - o.xmin) * rng.uniform();
    return heteroscedasticDataset(x, o.noise, o.noiseScale, rng, `toy:${HETEROSCEDASTIC_1D}`);
  },
});
