import { z } from '@hepuq/core';
import { densitySample } from './density-sample.js';
import { defineToy } from './define-toy.js';

export const WEDGE_RAMP = 'wedge-ramp';

/** Options of `wedge-ramp`. */
export const WedgeRampOptions = z
  .object({
    /** Slope a of p(x1) = a x1 + 1 - a/2; |a| <= 2 keeps the density non-negative (a = 2: p = 2 x1). */
    slope: z.number().finite().min(-2).max(2).default(2),
  })
  .strict();
export type WedgeRampOptions = z.infer<typeof WedgeRampOptions>;

/**
 * Wedge ramp on the unit square, p(x1, x2) = a x1 + b with b = 1 - a/2 (normalised; flat in x2), 0 outside —
 * the "2D wedge ramp" p(x) = ax + b of Bellagente et al. 2104.04543 in Plehn 2022 (seed talk).
 * @example wedgeRampDensity(0.75, 0.3) // 1.5
 */
export function wedgeRampDensity(x1: number, x2: number, slope = 2): number {
  if (x1 < 0 || x1 > 1 || x2 < 0 || x2 > 1) return 0;
  return slope * x1 + 1 - slope / 2;
}

/** Inverse CDF of p(u) = a u + b on [0, 1]: F(u) = a u^2/2 + b u = U  =>  u = 2U / (b + sqrt(b^2 + 2aU)) (stable for a -> 0). */
export function wedgeInverseCdf(uniform: number, slope: number): number {
  const b = 1 - slope / 2;
  const den = b + Math.sqrt(b * b + 2 * slope * uniform);
  return den > 0 ? (2 * uniform) / den : 0;
}

/**
 * `wedge-ramp`: exact inverse-CDF sampling of x1, x2 ~ U(0, 1); `true_density` = p(x1, x2).
 * @example const ds = wedgeRampToy.generate(50_000, { slope: 2 }, new Rng(5));
 */
export const wedgeRampToy = defineToy({
  key: WEDGE_RAMP,
  task: 'generation',
  description: '2-D density on the unit square, linear in x1 (p = a x1 + 1 - a/2), flat in x2',
  options: WedgeRampOptions,
  sample(n, o, rng) {
    return densitySample(WEDGE_RAMP, n, () => [wedgeInverseCdf(rng.uniform(), o.slope), rng.uniform()], (a, b) => wedgeRampDensity(a, b, o.slope));
  },
});
