import { describe, expect, it } from 'vitest';
import { judgeMembers } from './judge-members.js';

const options = { lossTolerance: 0.1, agreementFactor: 4 };

describe('judgeMembers', () => {
  it('passes members that agree within the usual scatter', () => {
    const scores = { loss: [-1.02, -1.0, -0.99, -1.01, -0.98], disagreement: [0.1, 0.12, 0.09, 0.11, 0.2] };
    expect(judgeMembers(scores, options, 'regression')).toEqual([]);
  });

  it('fails a member whose loss is above the median member by more than the tolerance, and one with a NaN loss', () => {
    const scores = { loss: [-1.0, -0.6, -1.01, NaN, -0.99], disagreement: [0.1, 0.12, 0.1, 0.1, 0.1] };
    const failed = judgeMembers(scores, options, 'regression');
    expect(failed.map((f) => [f.member, f.reason])).toEqual([[1, 'loss'], [3, 'loss']]);
    // the median of the finite losses -1.0, -0.6, -1.01, -0.99 is -0.995: member 1's excess is 0.395
    expect(failed[0].lossExcess).toBeCloseTo(0.395, 6);
  });

  it('fails a member that disagrees with the median prediction, but not below the floor', () => {
    const scores = { loss: [-1, -1, -1, -1], disagreement: [0.2, 0.25, 3, 0.22] };
    expect(judgeMembers(scores, options, 'regression').map((f) => [f.member, f.reason])).toEqual([[2, 'agreement']]);
    // everyone agrees to 0.01 widths: a member at 0.2 is 20x the median but below the 0.5-width floor
    const tight = { loss: [-1, -1, -1, -1], disagreement: [0.01, 0.012, 0.2, 0.011] };
    expect(judgeMembers(tight, options, 'regression')).toEqual([]);
    // classification: the floor is 0.05 in probability
    expect(judgeMembers({ loss: [0.3, 0.3, 0.3], disagreement: [0.01, 0.2, 0.012] }, options, 'classification').map((f) => f.member)).toEqual([1]);
  });
});
