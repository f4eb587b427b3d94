import { normalCdf, normalPdf } from '@hepuq/stats';
import { z } from '@hepuq/core';
import { densitySample } from './density-sample.js';
import { defineToy } from './define-toy.js';

export const GAUSSIAN_RING = 'gaussian-ring';

/** Options of `gaussian-ring`. */
export const GaussianRingOptions = z
  .object({
    /** Ring radius R (mu in the seed talk). */
    radius: z.number().finite().positive().default(4),
    /** Gaussian width w of the radial profile. */
    width: z.number().finite().positive().default(1),
  })
  .strict();
export type GaussianRingOptions = z.infer<typeof GaussianRingOptions>;

/**
 * Gaussian ring: r ~ N(R, w) truncated to r > 0, phi ~ U(0, 2 pi), so in the plane
 * p(x1, x2) = exp(-(r - R)^2 / 2w^2) / (sqrt(2 pi) w * 2 pi r * Phi(R/w)), r = |x| —
 * the ring [mu = 4, w = 1] of Bellagente et al. 2104.04543 in Plehn 2022 (seed talk; its Delta p has the G(r)/r).
 * @example gaussianRingDensity(4, 0) // ~ 1 / (sqrt(2 pi) * 8 pi)
 */
export function gaussianRingDensity(x1: number, x2: number, radius = 4, width = 1): number {
  const r = Math.hypot(x1, x2);
  if (r === 0) return 0;
  return normalPdf((r - radius) / width) / (width * 2 * Math.PI * r * normalCdf(radius / width));
}

/**
 * `gaussian-ring`: exact sampling (radius by rejection of r <= 0 from N(R, w), uniform angle);
 * `true_density` = p(x1, x2).
 * @example const ds = gaussianRingToy.generate(50_000, { radius: 4, width: 1 }, new Rng(7));
 */
export const gaussianRingToy = defineToy({
  key: GAUSSIAN_RING,
  task: 'generation',
  description: '2-D ring of radius R with Gaussian radial width w (uniform angle)',
  options: GaussianRingOptions,
  sample(n, o, rng) {
    const draw = (): [number, number] => {
      let r = 0;
      // exact truncation: accepted with probability Phi(R/w), e.g. 1 - 3e-5 for the defaults
      while (r <= 0) r = rng.normal(o.radius, o.width);
      const phi = 2 * Math.PI * rng.uniform();
      return [r * Math.cos(phi), r * Math.sin(phi)];
    };
    return densitySample(GAUSSIAN_RING, n, draw, (a, b) => gaussianRingDensity(a, b, o.radius, o.width));
  },
});
