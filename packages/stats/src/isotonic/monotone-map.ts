import type { PavResult } from './pav.js';

/**
 * A continuous non-decreasing piecewise-linear map through nodes (x_k, y_k), clamped outside, with an
 * inverse (smallest x with map(x) >= y). Built from a PAV fit through its block centres.
 * @example MonotoneMap.fromPav(pav(x, y, w), { anchors: [[0, 0], [1, 1]] }).at(0.3)
 */
export class MonotoneMap {
  private constructor(readonly x: Float64Array, readonly y: Float64Array) {}

  /** Nodes at PAV block centres, plus optional anchor nodes (e.g. (0,0) and (1,1) for a map of [0,1]). */
  static fromPav(fit: PavResult, options: { anchors?: [number, number][] } = {}): MonotoneMap {
    const nodes: [number, number][] = [];
    for (let k = 0; k < fit.y.length; k++) nodes.push([0.5 * (fit.xLow[k] + fit.xHigh[k]), fit.y[k]]);
    for (const a of options.anchors ?? []) {
      if (!nodes.some(([x]) => x === a[0])) nodes.push(a);
    }
    nodes.sort((a, b) => a[0] - b[0]);
    // anchors may break monotonicity at the ends: clamp so y never decreases
    for (let k = 1; k < nodes.length; k++) if (nodes[k][1] < nodes[k - 1][1]) nodes[k][1] = nodes[k - 1][1];
    return new MonotoneMap(Float64Array.from(nodes, (n) => n[0]), Float64Array.from(nodes, (n) => n[1]));
  }

  /** Index a with x[a] <= v < x[a+1] (binary search); -1 below the first node. */
  private static bracket(nodes: Float64Array, v: number): number {
    let a = -1;
    let b = nodes.length;
    while (b - a > 1) {
      const m = (a + b) >> 1;
      if (nodes[m] <= v) a = m;
      else b = m;
    }
    return a;
  }

  at(v: number): number {
    const n = this.x.length;
    if (v <= this.x[0]) return this.y[0];
    if (v >= this.x[n - 1]) return this.y[n - 1];
    const a = MonotoneMap.bracket(this.x, v);
    const t = (v - this.x[a]) / (this.x[a + 1] - this.x[a]);
    return this.y[a] + t * (this.y[a + 1] - this.y[a]);
  }

  /** Slope of the map at v (0 outside the nodes). */
  slope(v: number): number {
    const n = this.x.length;
    if (v < this.x[0] || v >= this.x[n - 1] || n < 2) return 0;
    const a = MonotoneMap.bracket(this.x, v);
    return (this.y[a + 1] - this.y[a]) / (this.x[a + 1] - this.x[a]);
  }

  /** Smallest v with at(v) >= target (the first or last node outside the range of the map). */
  inverse(target: number): number {
    const n = this.x.length;
    if (target <= this.y[0]) return this.x[0];
    if (target > this.y[n - 1]) return this.x[n - 1];
    let a = 0;
    while (this.y[a + 1] < target) a++;
    const dy = this.y[a + 1] - this.y[a];
    return dy > 0 ? this.x[a] + ((target - this.y[a]) / dy) * (this.x[a + 1] - this.x[a]) : this.x[a + 1];
  }
}
