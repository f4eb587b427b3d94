/**
 * The bin of `x` among `edges`, numpy.histogram's convention: [e_k, e_k+1), the last bin closed
 * [e_B-1, e_B]; -1 outside (and for NaN).
 * @example binIndex(2, [0, 1, 2]) // 1; binIndex(2.5, [0, 1, 2]) // -1
 */
export function binIndex(x: number, edges: ArrayLike<number>): number {
  const last = edges.length - 1;
  if (!(x >= edges[0] && x <= edges[last])) return -1;
  if (x === edges[last]) return last - 1;
  let lo = 0;
  let hi = last;
  // invariant: edges[lo] <= x < edges[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}
