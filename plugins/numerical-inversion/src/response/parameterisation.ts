/**
 * What the inner regression learns as its target: `ratio` the response R = x / y (the usual jet
 * response, close to 1 and of nearly constant relative width), `log-ratio` log(x / y) (a log-normal
 * resolution becomes Gaussian), or `value` x itself.
 */
export type ResponseTarget = 'ratio' | 'log-ratio' | 'value';

/** How y enters the inner network: `log` y (spectra spanning decades; needs y > 0) or `linear`. */
export type InputScale = 'log' | 'linear';

/** The inner target t of a measured x at true y (NaN where undefined: y = 0, or x/y <= 0 for `log-ratio`). */
export function responseTargetValue(target: ResponseTarget, x: number, y: number): number {
  if (target === 'value') return x;
  const r = x / y;
  return target === 'ratio' ? r : r > 0 ? Math.log(r) : Number.NaN;
}

/** y as the inner network sees it. */
export function inputValue(scale: InputScale, y: number): number {
  return scale === 'log' ? Math.log(y) : y;
}

/** The inverse of `inputValue`. */
export function fromInput(scale: InputScale, v: number): number {
  return scale === 'log' ? Math.exp(v) : v;
}

/** x from a target value t at y (the inverse of `responseTargetValue`; monotone in t, so it maps medians to medians). */
export function measuredFromTarget(target: ResponseTarget, t: number, y: number): number {
  if (target === 'value') return t;
  return target === 'ratio' ? y * t : y * Math.exp(t);
}

/** dx/dt at (t, y): how an uncertainty on t maps to x (first order). */
export function measuredPerTarget(target: ResponseTarget, t: number, y: number): number {
  if (target === 'value') return 1;
  return target === 'ratio' ? y : y * Math.exp(t);
}
