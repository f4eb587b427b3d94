import { HepuqError, dataRow } from '@hepuq/core';

/**
 * Fixed per-feature map from data x to the flow's coordinates u, fitted on the training set:
 * unbounded features are standardised, u = (x - m) / s; features with known support [lo, hi] are
 * first mapped to the real line, t = logit(a + (1 - 2a)(x - lo)/(hi - lo)) with a = 1e-4 (the logit
 * preprocessing of Dinh et al. 1605.08803, sec. 4.1), then standardised. Hard edges (the wedge ramp's
 * p = 2 x1 at x1 = 1) become smooth tails a Gaussian-latent flow can model.
 */
export interface FeatureMap {
  mean: number[];
  std: number[];
  /** [lo, hi] per feature, or null for unbounded features. */
  bounds: ([number, number] | null)[];
}

const ALPHA = 1e-4;

function toLine(x: number, b: [number, number]): number {
  const p = ALPHA + (1 - 2 * ALPHA) * (x - b[0]) / (b[1] - b[0]);
  return Math.log(p / (1 - p));
}

/** Fit the map on row-major [n, d] data; values outside a feature's bounds are an error (they have zero density). */
export function fitFeatureMap(x: Float32Array, n: number, bounds: ([number, number] | null)[], names: readonly string[]): FeatureMap {
  const d = bounds.length;
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const b = bounds[j];
      const v = x[i * d + j];
      if (b && !(v >= b[0] && v <= b[1])) {
        throw new HepuqError('InvalidArgument', `feature "${names[j]}" ${dataRow(i)} is ${v}, outside its bounds [${b[0]}, ${b[1]}]`);
      }
      const t = b ? toLine(v, b) : v;
      mean[j] += t;
      sq[j] += t * t;
    }
  }
  const std = mean.map((s, j) => Math.sqrt(Math.max(sq[j] / n - (s / n) ** 2, 0)) || 1);
  return { mean: mean.map((s) => s / n), std, bounds: bounds.map((b) => (b ? [b[0], b[1]] : null)) };
}

/** u = map(x) for row-major [n, d] data, plus log |du/dx| per event (so log p_x = log p_u + logJac). */
export function applyFeatureMap(map: FeatureMap, x: Float32Array): { u: Float32Array; logJac: Float64Array } {
  const d = map.mean.length;
  const n = x.length / d;
  const u = new Float32Array(x.length);
  const logJac = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lj = 0;
    for (let j = 0; j < d; j++) {
      const b = map.bounds[j];
      const v = x[i * d + j];
      let t = v;
      if (b) {
        const p = ALPHA + (1 - 2 * ALPHA) * (v - b[0]) / (b[1] - b[0]);
        t = Math.log(p / (1 - p));
        lj += Math.log((1 - 2 * ALPHA) / ((b[1] - b[0]) * p * (1 - p)));
      }
      u[i * d + j] = (t - map.mean[j]) / map.std[j];
      lj -= Math.log(map.std[j]);
    }
    logJac[i] = lj;
  }
  return { u, logJac };
}

/** x = map^-1(u) for row-major [n, d] flow coordinates (bounded features land inside their bounds). */
export function invertFeatureMap(map: FeatureMap, u: Float32Array): Float32Array {
  const d = map.mean.length;
  const x = new Float32Array(u.length);
  for (let i = 0; i < u.length; i++) {
    const j = i % d;
    const t = u[i] * map.std[j] + map.mean[j];
    const b = map.bounds[j];
    if (!b) {
      x[i] = t;
      continue;
    }
    const p = 1 / (1 + Math.exp(-t));
    x[i] = b[0] + (b[1] - b[0]) * Math.min(1, Math.max(0, (p - ALPHA) / (1 - 2 * ALPHA)));
  }
  return x;
}
