import { Dataset, z } from '@hepuq/core';
import { defineToy } from './define-toy.js';

export const TWO_TARGET_2D = 'two-target-2d';

/** Options of `two-target-2d`. */
export const TwoTarget2dOptions = z
  .object({
    /** Lower edge of the uniform range of x1 and x2. */
    xmin: z.number().finite().default(-2),
    /** Upper edge of the uniform range of x1 and x2. */
    xmax: z.number().finite().default(2),
    /** Multiplies both noise widths; 0 gives noise-free targets. */
    noiseScale: z.number().finite().nonnegative().default(1),
    /**
     * Correlation of the two targets' noise. 0 (default) is what a diagonal Gaussian head models
     * exactly; a non-zero value shows what it leaves out (each target stays calibrated on its own).
     */
    correlation: z.number().finite().gt(-1).lt(1).default(0),
  })
  .strict()
  .refine((o) => o.xmin < o.xmax, { message: 'xmin must be smaller than xmax', path: ['xmax'] });
export type TwoTarget2dOptions = z.infer<typeof TwoTarget2dOptions>;

/**
 * Truth of the two-target toy at (x1, x2): y1 has mean sin(2 x1) + x2/4 and width 0.2 + 0.1 sin x1,
 * y2 has mean x1 x2 / 2 + cos x2 and width 0.1 + 0.1 |x2| (both times `noiseScale`).
 * @example twoTargetTruth(0, 0) // { mean: [0, 1], sigma: [0.2, 0.1] }
 */
export function twoTargetTruth(x1: number, x2: number, noiseScale = 1): { mean: [number, number]; sigma: [number, number] } {
  return {
    mean: [Math.sin(2 * x1) + 0.25 * x2, 0.5 * x1 * x2 + Math.cos(x2)],
    sigma: [noiseScale * (0.2 + 0.1 * Math.sin(x1)), noiseScale * (0.1 + 0.1 * Math.abs(x2))],
  };
}

/**
 * `two-target-2d`: (x1, x2) ~ U(xmin, xmax)^2 and two regression targets `y1`, `y2` with different
 * heteroscedastic noise (see `twoTargetTruth`), correlated by `correlation`; truth columns
 * `true_mean_y1`, `true_sigma_y1`, `true_mean_y2`, `true_sigma_y2`. For multi-target regression (a
 * diagonal Gaussian per target) with known per-target means and widths.
 * @example const ds = twoTarget2dToy.generate(10_000, {}, new Rng(1)); ds.targets.map((t) => t.name) // ['y1', 'y2']
 */
export const twoTarget2dToy = defineToy({
  key: TWO_TARGET_2D,
  task: 'regression',
  description: '2-D regression with two targets y1, y2 of different heteroscedastic noise, known means and widths',
  options: TwoTarget2dOptions,
  sample(n, o, rng) {
    const x1 = new Float32Array(n);
    const x2 = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      x1[i] = o.xmin + (o.xmax - o.xmin) * rng.uniform();
      x2[i] = o.xmin + (o.xmax - o.xmin) * rng.uniform();
    }
    const cols = ['y1', 'y2'].map(() => ({ y: new Float32Array(n), mean: new Float32Array(n), sigma: new Float32Array(n) }));
    const c = o.correlation;
    for (let i = 0; i < n; i++) {
      const truth = twoTargetTruth(x1[i], x2[i], o.noiseScale);
      const z1 = rng.normal();
      const z2 = c * z1 + Math.sqrt(1 - c * c) * rng.normal();
      [z1, z2].forEach((z, t) => {
        cols[t].mean[i] = truth.mean[t];
        cols[t].sigma[i] = truth.sigma[t];
        cols[t].y[i] = truth.mean[t] + truth.sigma[t] * z;
      });
    }
    return new Dataset({
      features: { x1, x2 },
      targets: [{ name: 'y1', values: cols[0].y }, { name: 'y2', values: cols[1].y }],
      extras: { true_mean_y1: cols[0].mean, true_sigma_y1: cols[0].sigma, true_mean_y2: cols[1].mean, true_sigma_y2: cols[1].sigma },
      source: `toy:${TWO_TARGET_2D}`,
    });
  },
});
