/**
 * The shortest decimal text that reads back to the same float32 (so CSV round trips are exact,
 * down to the sign of zero).
 * @example formatFloat32(Math.fround(0.1)) // '0.1'
 */
export function formatFloat32(x: number): string {
  if (Object.is(x, -0)) return '-0';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  for (let p = 6; p < 9; p++) {
    const s = String(Number(x.toPrecision(p)));
    if (Math.fround(Number(s)) === x) return s;
  }
  return String(Number(x.toPrecision(9)));
}
