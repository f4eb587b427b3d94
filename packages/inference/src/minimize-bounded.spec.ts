import { describe, expect, it } from 'vitest';
import { HepuqError } from '@hepuq/core';
import { brentRoot } from './brent-root.js';
import type { Objective } from './histfactory-model.js';
import { minimizeBounded } from './minimize-bounded.js';

/** Rosenbrock (1 - x)^2 + 100 (y - x^2)^2 with its gradient: a curved valley with its minimum at (1, 1). */
const rosenbrock: Objective = {
  value: (p) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2,
  gradient(p, g) {
    g[0] = -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2);
    g[1] = 200 * (p[1] - p[0] ** 2);
    return this.value(p);
  },
};
const box = (lo: number[], hi: number[]): [Float64Array, Float64Array] => [Float64Array.from(lo), Float64Array.from(hi)];

describe('minimizeBounded', () => {
  it('finds the unconstrained Rosenbrock minimum', () => {
    const [lo, hi] = box([-5, -5], [5, 5]);
    const r = minimizeBounded(rosenbrock, [-1.2, 1], lo, hi, new Uint8Array(2));
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 7);
    expect(r.x[1]).toBeCloseTo(1, 7);
  });

  it('stops on an active bound with the KKT sign (gradient pointing out of the box)', () => {
    const [lo, hi] = box([-5, -5], [0.5, 5]);
    const r = minimizeBounded(rosenbrock, [-1.2, 1], lo, hi, new Uint8Array(2));
    expect(r.x[0]).toBe(0.5);
    // with x held at 0.5, y minimises at x^2 = 0.25
    expect(r.x[1]).toBeCloseTo(0.25, 8);
    const g = new Float64Array(2);
    rosenbrock.gradient(r.x, g);
    expect(g[0]).toBeLessThan(0);
  });

  it('keeps fixed parameters where they start', () => {
    const [lo, hi] = box([-5, -5], [5, 5]);
    const r = minimizeBounded(rosenbrock, [2, 0], lo, hi, Uint8Array.from([0, 1]));
    expect(r.x[1]).toBe(0);
    // d/dx [(1-x)^2 + 100 x^4] = 0 -> 400 x^3 + 2x - 2 = 0
    expect(400 * r.x[0] ** 3 + 2 * r.x[0] - 2).toBeCloseTo(0, 7);
  });

  it('reports a non-finite start instead of looping', () => {
    const bad: Objective = { value: () => NaN, gradient: () => NaN };
    const [lo, hi] = box([0], [1]);
    expect(minimizeBounded(bad, [0.5], lo, hi, new Uint8Array(1)).converged).toBe(false);
  });
});

describe('brentRoot', () => {
  it('solves to the requested tolerance and refuses a non-bracket', () => {
    expect(brentRoot((x) => x * x - 2, 0, 2, { rtol: 1e-14 })).toBeCloseTo(Math.SQRT2, 13);
    expect(brentRoot((x) => Math.cos(x) - x, 0, 1, { rtol: 1e-14 })).toBeCloseTo(0.7390851332151607, 13);
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrowError(HepuqError);
  });
});
