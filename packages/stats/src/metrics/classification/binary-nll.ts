/** Probabilities are clipped to [EPS, 1 - EPS] before the log (float32 resolution near 1 is ~6e-8). */
export const BCE_EPS = 1e-7;

/** Binary cross-entropy -[y log p + (1-y) log(1-p)] of one event, p clipped to [EPS, 1-EPS]. */
export function binaryNll(p: number, y: number): number {
  const q = Math.min(Math.max(p, BCE_EPS), 1 - BCE_EPS);
  return y === 1 ? -Math.log(q) : -Math.log1p(-q);
}
