import { normalCdf, normalPdf } from '../../special/normal.js';

const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

/** Gaussian CRPS sigma [z (2 Phi(z) - 1) + 2 phi(z) - 1/sqrt(pi)], z = (y - mu)/sigma — Gneiting et al., Mon. Weather Rev. 133 (2005) 1098, eq. 5. */
export function gaussianCrps(y: number, mu: number, sigma: number): number {
  const z = (y - mu) / sigma;
  return gaussianCrpsAt(z, sigma, normalCdf(z));
}

/** `gaussianCrps` from the pull z and its CDF Phi(z) (the PIT), for passes that already hold Phi(z). */
export function gaussianCrpsAt(z: number, sigma: number, cdf: number): number {
  return sigma * (z * (2 * cdf - 1) + 2 * normalPdf(z) - INV_SQRT_PI);
}
