import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { leastSquares, levenbergMarquardt } from './levenberg-marquardt.js';

/** Rosenbrock's valley as least squares: r = (10 (y - x^2), 1 - x), minimum 0 at (1, 1). */
const rosenbrock = leastSquares((t) => ({
  residuals: Float64Array.of(10 * (t[1] - t[0] * t[0]), 1 - t[0]),
  jacobian: new Matrix([[-20 * t[0], 10], [-1, 0]]),
}));

describe('levenbergMarquardt', () => {
  it('follows the Rosenbrock valley from (-1.2, 1) to (1, 1)', () => {
    const r = levenbergMarquardt(rosenbrock, Float64Array.of(-1.2, 1));
    expect(r.converged).toBe(true);
    expect(Math.abs(r.theta[0] - 1)).toBeLessThan(1e-8);
    expect(Math.abs(r.theta[1] - 1)).toBeLessThan(1e-8);
    expect(r.decrement).toBeLessThan(1e-8);
    expect(r.iterations).toBeLessThan(50);
  });

  it('solves a linear least-squares problem as the normal equations do', () => {
    const x = [0, 1, 2, 3, 4];
    const y = [1.1, 2.9, 5.2, 7.1, 8.8];
    const fit = leastSquares((t) => ({ residuals: Float64Array.from(x, (xi, i) => y[i] - t[0] - t[1] * xi), jacobian: new Matrix(x.map((xi) => [-1, -xi])) }));
    const r = levenbergMarquardt(fit, Float64Array.of(0, 0));
    // closed form: slope = cov(x, y)/var(x), intercept = mean(y) - slope mean(x)
    const slope = (x.reduce((a, xi, i) => a + (xi - 2) * (y[i] - 5.02), 0)) / 10;
    // converged to a Newton decrement of 1e-8: parameters within ~1e-8 of their (unit-weight) errors
    expect(r.theta[1]).toBeCloseTo(slope, 9);
    expect(r.theta[0]).toBeCloseTo(5.02 - 2 * slope, 9);
  });

  it('reports failure instead of throwing: too few iterations, or a start outside the domain', () => {
    const short = levenbergMarquardt(rosenbrock, Float64Array.of(-1.2, 1), { maxIterations: 3 });
    expect(short.converged).toBe(false);
    expect(short.iterations).toBe(3);
    const nan = levenbergMarquardt(() => ({ cost: Number.NaN, gradient: Float64Array.of(0), curvature: new Matrix([[1]]) }), Float64Array.of(0));
    expect(nan.converged).toBe(false);
  });
});
