/**
 * A number of equivalent truth-drawn events (or that number over the training size, the
 * amplification factor) with its error. `value` and `high` are null where the measured excess over the
 * noise floor is not positive, resp. not one sigma above zero: the sample is then statistically as good
 * as any number of truth events at this resolution, and only `low` bounds it.
 */
export interface Equivalent {
  value: number | null;
  /** Linear propagation of the MSE error, s sigma / u^2 (null with `value`). */
  error: number | null;
  /** 68% interval from u -+ sigma: s / (u + sigma) .. s / (u - sigma). */
  low: number;
  high: number | null;
}

/**
 * Invert E MSE = s / N: the number of truth-drawn events N whose quantile MSE equals the measured
 * excess u = mse - floor (floor: the part of the MSE that is not the sample's, s / N_T for the truth's
 * own noise), N = s / u, divided by `per` (the training size, for the amplification factor).
 * @example equivalentEvents(0.0009, 0.0004, 0.09, 0, 100) // { value: 1, low: ~0.69, high: ~1.8 } (100 events' worth, per 100)
 */
export function equivalentEvents(mse: number, mseError: number, s: number, floor: number, per = 1): Equivalent {
  const u = mse - floor;
  const scale = s / per;
  const low = scale / Math.max(u + mseError, Number.MIN_VALUE);
  const high = u - mseError > 0 ? scale / (u - mseError) : null;
  if (!(u > 0)) return { value: null, error: null, low, high };
  return { value: scale / u, error: (scale * mseError) / (u * u), low, high };
}
