/**
 * t - ln(1 + t) for t > -1, with a series below |t| = 1e-3 where the difference would cancel
 * (truncation error below t^9/9, i.e. < 1e-20 relative). The kernel of every Poisson deviance
 * term: N (t - ln(1 + t)) with t = (f - N)/N is f - N - N ln(f/N), computed without cancellation.
 * @example xMinusLog1p(1e-8) // 4.999999966666667e-17 (the naive form gives 0 or noise)
 */
export function xMinusLog1p(t: number): number {
  if (Math.abs(t) >= 1e-3) return t - Math.log1p(t);
  let sum = 0;
  let power = t * t;
  for (let j = 2; j <= 8; j++, power *= -t) sum += power / j;
  return sum;
}
