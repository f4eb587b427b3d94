import { Dataset, z } from '@hepuq/core';
import { defineToy } from './define-toy.js';

export const AMPLITUDE = 'amplitude';

/** Options of `amplitude`. */
export const AmplitudeOptions = z
  .object({
    /** Phase-space dimension D (features x1..xD on the unit hypercube). */
    dim: z.number().int().min(2).max(16).default(4),
    /** Width Gamma of the resonant propagator in s12 = x1 + x2 (mass^2 = 1). */
    width: z.number().finite().positive().default(0.1),
    /** Regulator delta of the soft propagators 1/(x_i + delta). */
    cutoff: z.number().finite().positive().default(0.1),
    /** Relative label noise r: y = A (1 + r N(0, 1)); 0 = exact amplitudes as in the seed talk. */
    relativeNoise: z.number().finite().nonnegative().default(0),
  })
  .strict();
export type AmplitudeOptions = z.infer<typeof AmplitudeOptions>;

/**
 * Toy amplitude A(x) = 1/((x1 + x2 - 1)^2 + Gamma^2) * prod_i 1/(x_i + delta): one Breit-Wigner-like
 * propagator in s12 = x1 + x2 times soft propagators, a stand-in for the gg -> gamma gamma g amplitudes
 * of Badger et al. in Plehn 2022 (seed talk). With the defaults (D = 4) A spans about 0.7 .. 1e5.
 * @example amplitudeTruth([0.5, 0.5, 0.5, 0.5]) // 100 / 0.6^4
 */
export function amplitudeTruth(x: ArrayLike<number>, width = 0.1, cutoff = 0.1): number {
  const s = x[0] + x[1] - 1;
  let a = 1 / (s * s + width * width);
  for (let i = 0; i < x.length; i++) a /= x[i] + cutoff;
  return a;
}

/**
 * `amplitude`: x ~ U([0, 1]^D), target y = A(x) (1 + r N(0, 1)); `true_mean` = A(x), `true_sigma` = r A(x).
 * @example const ds = amplitudeToy.generate(10_000, { dim: 4, relativeNoise: 0.01 }, new Rng(3));
 */
export const amplitudeToy = defineToy({
  key: AMPLITUDE,
  task: 'regression',
  description: 'D-dim amplitude regression: resonant times soft propagators over the unit hypercube, large dynamic range',
  options: AmplitudeOptions,
  sample(n, o, rng) {
    const cols = Array.from({ length: o.dim }, () => new Float32Array(n));
    const y = new Float32Array(n);
    const trueMean = new Float32Array(n);
    const trueSigma = new Float32Array(n);
    const point = new Float64Array(o.dim);
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < o.dim; d++) {
        cols[d][i] = rng.uniform();
        point[d] = cols[d][i];
      }
      const a = amplitudeTruth(point, o.width, o.cutoff);
      trueMean[i] = a;
      trueSigma[i] = o.relativeNoise * a;
      y[i] = o.relativeNoise > 0 ? a * (1 + o.relativeNoise * rng.normal()) : a;
    }
    const features = Object.fromEntries(cols.map((c, d) => [`x${d + 1}`, c]));
    return new Dataset({
      features, target: y, targetName: 'amplitude', source: `toy:${AMPLITUDE}`,
      extras: { true_mean: trueMean, true_sigma: trueSigma },
    });
  },
});
