import { normalCdf } from '@hepuq/stats';
import { bumpFitError } from './bump-fit-error.js';
import { xMinusLog1p } from './x-minus-log1p.js';

/** The result of one counting bin: best-fit signal, one-sided significance and p-value of mu = 0. */
export interface CountingSignificance {
  mu_hat: number;
  z: number;
  p0: number;
}

/**
 * Discovery significance of one counting bin with an uncertain background: Poisson(n | mu + b + nu)
 * x Normal(nu | 0, sigma_b), z = sqrt(2 (NLL(mu = 0, nu profiled) - NLL(mu_hat = n - b, nu = 0))),
 * one-sided (z = 0, p0 = 1/2 when mu_hat <= 0), p0 = Phi(-z). The profiled nu is the root of
 * nu^2 + nu (b + s^2) + s^2 (b - n) = 0 with b + nu > 0, taken in the cancellation-free form
 * nu = -2 s^2 (b - n) / (b + s^2 + sqrt((b - s^2)^2 + 4 s^2 n)). With sigma_b = 0 this is
 * z = sqrt(2 (n ln(n/b) - (n - b))) (Cowan et al. 1007.1727, eq. 97).
 * @example countingSignificance(130, 100, 0) // { mu_hat: 30, z: 2.866, p0: 2.08e-3 }
 */
export function countingSignificance(observed: number, expected: number, sigmaB: number): CountingSignificance {
  if (!(Number.isFinite(observed) && observed >= 0)) throw bumpFitError('InvalidArgument', `countingSignificance: observed = ${observed} must be a finite count >= 0`);
  if (!(Number.isFinite(expected) && expected > 0)) throw bumpFitError('InvalidArgument', `countingSignificance: expected = ${expected} must be finite and > 0`, 'The background prediction in the signal region must be positive.');
  if (!(Number.isFinite(sigmaB) && sigmaB >= 0)) throw bumpFitError('InvalidArgument', `countingSignificance: sigma_b = ${sigmaB} must be finite and >= 0`);
  const n = observed;
  const b = expected;
  const muHat = n - b;
  if (muHat <= 0) return { mu_hat: muHat, z: 0, p0: 0.5 };
  const s2 = sigmaB * sigmaB;
  const root = Math.sqrt((b - s2) * (b - s2) + 4 * s2 * n);
  const nuOverS2 = (2 * (n - b)) / (b + s2 + root); // nu / s^2, finite at s = 0
  const nu = s2 * nuOverS2;
  // NLL(0, nu) - NLL(n - b, 0) = (b + nu - n) - n ln((b + nu)/n) + nu^2/(2 s^2) = n (t - ln(1 + t)) + nu^2/(2 s^2)
  const t = (nu - muHat) / n; // (b + nu - n)/n without the cancellation of b + nu against n
  const dnll = n * xMinusLog1p(t) + 0.5 * nu * nuOverS2;
  const z = Math.sqrt(2 * Math.max(0, dnll));
  return { mu_hat: muHat, z, p0: normalCdf(-z) };
}
