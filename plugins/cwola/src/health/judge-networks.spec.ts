import { describe, expect, it } from 'vitest';
import { Rng } from '@hepuq/core';
import type { FoldTaskResult } from '../hunt/fold.task.js';
import { judgeNetworks, networkScores, type NetworkSlot } from './judge-networks.js';

const options = { lossTolerance: 0.1, agreementFactor: 4 };

/** The 4 x 3 networks of one signal region with 4 folds. */
const slots: NetworkSlot[] = [0, 1, 2, 3].flatMap((test) => [0, 1, 2, 3].filter((v) => v !== test).map((validation) => ({ region: 0, index: 0, sr: [4, 5] as [number, number], test, validation })));

/** Scores of 200 test-fold events: a per-event value shared by the fold's networks plus each network's noise of width `noise[j]` (seeded). */
function results(loss: number[], noise: number[], diverged: number[] = []): FoldTaskResult[] {
  const rng = new Rng(5);
  const base = Array.from({ length: 4 }, () => Float32Array.from({ length: 200 }, () => 0.3 + 0.2 * rng.uniform()));
  return slots.map((s, j) => ({
    scores: diverged.includes(j) ? new Float32Array(200).fill(Number.NaN) : base[s.test].map((p) => p + noise[j] * rng.normal()),
    validationLoss: diverged.includes(j) ? Number.NaN : loss[j],
    ...(diverged.includes(j) ? { diverged: { code: 'NonFiniteValue', message: 'scored an event NaN' } } : {}),
  }));
}
const LOSS = [0.68, 0.69, 0.67, 0.68, 0.68, 0.7, 0.69, 0.67, 0.68, 0.68, 0.69, 0.67];
const NOISE = Array(12).fill(0.03);

describe('judgeNetworks', () => {
  it('passes networks that scatter as usual', () => {
    expect(judgeNetworks(networkScores(slots, results(LOSS, NOISE)), options)).toEqual([]);
  });

  it('fails a network whose validation loss is above its signal region median by more than the tolerance, and a diverged one', () => {
    const loss = LOSS.slice();
    loss[4] = 0.85;
    const failed = judgeNetworks(networkScores(slots, results(loss, NOISE, [9])), options);
    expect(failed.map((f) => [f.network, f.reason])).toEqual([[4, 'loss'], [9, 'diverged']]);
    // the median of the 11 finite losses is 0.68
    expect(failed[0].lossExcess).toBeCloseTo(0.17, 6);
  });

  it('does not judge a network without a validation loss on loss', () => {
    const loss = LOSS.slice();
    loss[2] = Number.NaN;
    expect(judgeNetworks(networkScores(slots, results(loss, NOISE)), options)).toEqual([]);
  });

  it('fails a network whose scores stray from the others of its test fold far beyond the usual scatter, but not below the floor', () => {
    const noise = NOISE.slice();
    noise[7] = 0.3;
    expect(judgeNetworks(networkScores(slots, results(LOSS, noise)), options).map((f) => [f.network, f.reason])).toEqual([[7, 'agreement']]);
    // networks agreeing to 0.001: one at 0.02 is 20x the median but below the 0.05 floor
    const tight = Array(12).fill(0.001);
    tight[7] = 0.02;
    expect(judgeNetworks(networkScores(slots, results(LOSS, tight)), options)).toEqual([]);
  });
});
