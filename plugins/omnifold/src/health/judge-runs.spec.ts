import { describe, expect, it } from 'vitest';
import { judgeRuns } from './judge-runs.js';
import { referenceRuns, type RunScores } from './run-scores.js';

const options = { lossTolerance: 0.1, agreementFactor: 4 };
const kinds = (members: number, replicas: number) => [...Array.from({ length: members }, () => ({ kind: 'member' as const })), ...Array.from({ length: replicas }, () => ({ kind: 'replica' as const }))];

/** Scores of runs of `members` members then replicas, with step losses (step 2 at 0.68) and distances. */
function scores(members: number, step1: number[], distance: number[], diverged: number[] = []): RunScores {
  const runs = kinds(members, step1.length - members);
  return { loss: step1.map((l) => ({ step1: l, step2: 0.68 })), distance, reference: referenceRuns(runs), diverged: step1.map((_, j) => diverged.includes(j)) };
}

describe('judgeRuns', () => {
  it('judges replicas among replicas, members among members, and fewer than 3 members against the replicas', () => {
    expect(referenceRuns(kinds(1, 4))).toEqual([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]]);
    expect(referenceRuns(kinds(3, 2))).toEqual([[0, 1, 2], [0, 1, 2], [0, 1, 2], [3, 4], [3, 4]]);
    // replicas are never judged against the members, whose spread lacks the data's statistics
    expect(referenceRuns(kinds(2, 3))).toEqual([[2, 3, 4], [2, 3, 4], [2, 3, 4], [2, 3, 4], [2, 3, 4]]);
    // nobody to compare with: a lone run is its own reference
    expect(referenceRuns(kinds(1, 0))).toEqual([[0]]);
  });

  it('passes replicas that differ by the usual bootstrap spread, and fails one far beyond it', () => {
    // replicas' distances from the median replica around 0.05 (the statistical error): 3x passes, 8x fails
    const spread = scores(1, [0.68, 0.68, 0.69, 0.68, 0.67, 0.68], [0.03, 0.05, 0.04, 0.15, 0.06, 0.05]);
    expect(judgeRuns(spread, options)).toEqual([]);
    const far = scores(1, [0.68, 0.68, 0.69, 0.68, 0.67, 0.68], [0.03, 0.05, 0.04, 0.4, 0.06, 0.05]);
    expect(judgeRuns(far, options).map((f) => [f.run, f.reason])).toEqual([[3, 'agreement']]);
    expect(judgeRuns(far, options)[0].disagreementRatio).toBeCloseTo(8, 6);
  });

  it('fails a run whose loss exceeds the median run by more than the tolerance, and a diverged run', () => {
    const s = scores(1, [0.68, 0.68, 0.9, 0.68, NaN, 0.69], [0.03, 0.05, 0.05, 0.04, NaN, 0.06], [4]);
    const failed = judgeRuns(s, options);
    expect(failed.map((f) => [f.run, f.reason])).toEqual([[2, 'loss'], [4, 'diverged']]);
    // the median of the finite step-1 losses of replicas 1..5 (0.68, 0.9, 0.68, 0.69) is 0.685
    expect(failed[0].lossExcess).toBeCloseTo(0.215, 6);
  });

  it('never fails on agreement below the floor, however tightly the others agree', () => {
    // members of one seed-stable configuration agreeing to 0.002: one at 0.015 is 7.5x but below the 0.02 floor
    const tight = scores(4, [0.68, 0.68, 0.68, 0.68], [0.002, 0.002, 0.015, 0.003]);
    expect(judgeRuns(tight, options)).toEqual([]);
  });
});
