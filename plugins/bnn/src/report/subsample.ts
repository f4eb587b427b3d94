/** Up to `max` evenly spaced indices of n events (plots carry their data inline, so keep them small). */
export function subsample(n: number, max: number): number[] {
  const step = Math.max(1, n / max);
  const out: number[] = [];
  for (let i = 0; i < n && out.length < max; i += step) out.push(Math.floor(i));
  return out;
}
