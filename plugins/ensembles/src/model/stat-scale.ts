import { HepuqError } from '@hepuq/core';
import { predictiveStatScale } from '@hepuq/nn';
import { PLUGIN_NAME } from '../plugin-meta.js';

/** How a regression ensemble reads sigma_stat off its members (option `sigmaStat`). */
export type SigmaStatEstimate = 'predictive' | 'spread';

/**
 * The factor on the members' spread that a regression ensemble reports as sigma_stat: with `predictive`
 * (the default from 4 members) `predictiveStatScale(M)` = sqrt((M + 1) / (M - 3)), the standard
 * deviation of the truth's Student-t predictive given M member means, so a calibrated ensemble's
 * stat-only pulls have std 1 whatever M; with `spread` (the default for 2 or 3 members, where that
 * standard deviation is infinite) 1.
 */
export function ensembleStatScale(members: number, estimate: SigmaStatEstimate | undefined, method: string): number {
  const mode = estimate ?? (members >= 4 ? 'predictive' : 'spread');
  if (mode === 'spread') return 1;
  if (members < 4) {
    throw new HepuqError('InvalidConfig', `${method}: method.options.sigmaStat "predictive" needs at least 4 members, got ${members}`, {
      hint: 'The Student-t predictive of 3 or fewer draws has no finite standard deviation: train 4 or more members, or set sigmaStat: spread.', plugin: PLUGIN_NAME,
    });
  }
  return predictiveStatScale(members);
}

/** A saved ensemble's factor: 1 for ensembles saved before it was recorded (they reported the plain spread). */
export function savedStatScale(value: unknown, dir: string): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
    throw new HepuqError('ModelLoadFailed', `${dir}: statScale ${JSON.stringify(value)} is not a number >= 1`, { plugin: PLUGIN_NAME });
  }
  return value;
}
