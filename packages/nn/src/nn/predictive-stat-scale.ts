/**
 * The factor that turns the population spread s of R draws (1/R variance, as `posteriorMoments`
 * takes it) into the standard deviation of the truth's predictive distribution given those R draws:
 * sqrt((R + 1) / (R - 3)).
 *
 * If the truth f and the draws mu_r scatter about the same centre with the same unknown width sigma (a
 * calibrated posterior), f - mean_r mu_r has variance sigma^2 (1 + 1/R), and with sigma estimated from
 * the R draws (R - 1 degrees of freedom) the pull (f - mean) / s follows sqrt((R + 1) / (R - 1)) times
 * Student's t with R - 1 degrees of freedom, whose variance is (R - 1) / (R - 3). So even a perfectly
 * calibrated 5-member ensemble gives pulls against the truth of standard deviation sqrt(6 / 2) = 1.73
 * when sigma_stat is the members' spread; scaled by this factor their standard deviation is 1 (and the
 * +-1.96 sigma interval holds 95% of them; the +-1 sigma one holds more than 68%, t's tails being
 * heavier). 1.25 for R = 10, 1.11 for 20, 1.04 for 50.
 *
 * The variance of t is infinite for R <= 3: there is no such factor, and this throws (callers fall
 * back to the plain spread).
 */
export function predictiveStatScale(draws: number): number {
  if (!Number.isInteger(draws) || draws < 4) throw new RangeError(`predictiveStatScale: needs at least 4 draws, got ${draws}`);
  return Math.sqrt((draws + 1) / (draws - 3));
}
