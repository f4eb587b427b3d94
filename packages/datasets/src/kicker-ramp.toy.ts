import { z } from '@hepuq/core';
import { densitySample } from './density-sample.js';
import { defineToy } from './define-toy.js';

export const KICKER_RAMP = 'kicker-ramp';

/** Options of `kicker-ramp`. */
export const KickerRampOptions = z
  .object({
    /** Power k of p(x1) = (k + 1) x1^k (k = 2: the quadratic kicker). */
    power: z.number().finite().positive().max(20).default(2),
  })
  .strict();
export type KickerRampOptions = z.infer<typeof KickerRampOptions>;

/**
 * Kicker ramp on the unit square, p(x1, x2) = (k + 1) x1^k (normalised; flat in x2), 0 outside —
 * the "kicker ramp" toy of Bellagente et al. 2104.04543 in Plehn 2022 (seed talk).
 * @example kickerRampDensity(0.5, 0.5) // 0.75
 */
export function kickerRampDensity(x1: number, x2: number, power = 2): number {
  if (x1 < 0 || x1 > 1 || x2 < 0 || x2 > 1) return 0;
  return (power + 1) * x1 ** power;
}

/**
 * `kicker-ramp`: exact inverse-CDF sampling x1 = U^(1/(k+1)), x2 ~ U(0, 1); `true_density` = p(x1, x2).
 * @example const ds = kickerRampToy.generate(50_000, {}, new Rng(6));
 */
export const kickerRampToy = defineToy({
  key: KICKER_RAMP,
  task: 'generation',
  description: '2-D density on the unit square rising like x1^k (default k = 2), flat in x2',
  options: KickerRampOptions,
  sample(n, o, rng) {
    const inv = 1 / (o.power + 1);
    return densitySample(KICKER_RAMP, n, () => [rng.uniform() ** inv, rng.uniform()], (a, b) => kickerRampDensity(a, b, o.power));
  },
});
