import { formatNumber, formatWithError } from '@hepuq/core';
import type { Equivalent } from './equivalent-events.js';

/**
 * `value ± error [low, high]` of an equivalent number or factor; `> low` where the excess over the noise
 * floor is not positive (no upper bound), `∞` for an open upper end of the interval.
 * @example formatEquivalent({ value: 2, error: 0.5, low: 1.6, high: 2.7 }) // '2.00 ± 0.50 [1.6, 2.7]'
 */
export function formatEquivalent(e: Equivalent): string {
  if (e.value === null) return `> ${formatNumber(e.low)} (no upper bound)`;
  return `${formatWithError(e.value, e.error)} [${formatNumber(e.low)}, ${e.high === null ? '∞' : formatNumber(e.high)}]`;
}
