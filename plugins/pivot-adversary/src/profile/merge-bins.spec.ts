import { describe, expect, it } from 'vitest';
import { mergeBins, positiveBinGroups } from './merge-bins.js';

describe('positiveBinGroups', () => {
  it('merges empty bins into their right neighbour, and a trailing remainder into the last group', () => {
    expect(positiveBinGroups([Float64Array.of(0, 1, 0, 2, 0)])).toEqual([[0, 1], [2, 3, 4]]);
  });
  it('requires every histogram to be positive in each group', () => {
    expect(positiveBinGroups([Float64Array.of(1, 1, 1), Float64Array.of(0, 0, 3)])).toEqual([[0, 1, 2]]);
    expect(positiveBinGroups([Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)])).toEqual([[0], [1], [2]]);
  });
  it('is an EmptyDataset error when nothing is positive', () => {
    expect(() => positiveBinGroups([Float64Array.of(0, 0)])).toThrow(expect.objectContaining({ code: 'EmptyDataset' }));
  });
  it('sums contents over each group', () => {
    expect(Array.from(mergeBins(Float64Array.of(1, 2, 3, 4), [[0, 1], [2, 3]]))).toEqual([3, 7]);
  });
});
