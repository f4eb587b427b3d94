import { HepuqError } from '@hepuq/core';
import { AWARE_PROFILE } from './aware-profile.options.js';

/**
 * Groups of adjacent score bins in which every histogram of `required` (the background templates)
 * is positive, so no bin expects zero events where data may have some (a Poisson likelihood would
 * be -infinity there). Scans left to right closing a group once it is positive everywhere; a
 * remainder joins the last group.
 * @example positiveBinGroups([Float64Array.of(0, 1, 0, 2)]) // [[0, 1], [2, 3]]
 */
export function positiveBinGroups(required: readonly Float64Array[]): number[][] {
  const bins = required[0]?.length ?? 0;
  const groups: number[][] = [];
  let open: number[] = [];
  const sums = new Float64Array(required.length);
  for (let b = 0; b < bins; b++) {
    open.push(b);
    required.forEach((h, k) => (sums[k] += h[b]));
    if (sums.every((s) => s > 0)) {
      groups.push(open);
      open = [];
      sums.fill(0);
    }
  }
  if (groups.length === 0) {
    throw new HepuqError('EmptyDataset', `${AWARE_PROFILE}: a background template is empty in every score bin`, {
      hint: 'Give a larger template sample (or widen `zWindow`) so that each Z value has background events.',
    });
  }
  if (open.length > 0) groups[groups.length - 1].push(...open);
  return groups;
}

/** `h` summed over each group of bins. */
export function mergeBins(h: Float64Array, groups: readonly number[][]): Float64Array {
  return Float64Array.from(groups, (g) => g.reduce((s, b) => s + h[b], 0));
}
