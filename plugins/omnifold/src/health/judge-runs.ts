import { median, type MemberHealthOptions } from '@hepuq/core';
import type { RunScores } from './run-scores.js';

/**
 * Distances below this never fail a run, however tightly the others agree: 2% of the unfolded yield
 * moved event by event (runs of one seed on one machine can agree to far less than that).
 */
export const AGREEMENT_FLOOR = 0.02;

/** A run the check failed, and why. */
export interface FailedRun {
  /** Its position in the run list (members, then replicas). */
  run: number;
  /** Its worst step's loss minus the reference runs' median loss of that step (nats per event; NaN when diverged). */
  lossExcess: number;
  /** Its distance over the reference runs' median distance. */
  disagreementRatio: number;
  reason: 'diverged' | 'loss' | 'agreement';
}

/** The medians a run is judged against: its reference runs' step losses and distances, diverged runs left out. */
export interface ReferenceMedians {
  step1: number;
  step2: number;
  distance: number;
}

/** The medians of run `j`'s reference runs (`RunScores.reference`). */
export function referenceMedians(scores: RunScores, j: number): ReferenceMedians {
  const ref = scores.reference[j].filter((k) => !scores.diverged[k]);
  const finite = (values: number[]) => median(values.filter(Number.isFinite));
  return {
    step1: finite(ref.map((k) => scores.loss[k].step1)),
    step2: finite(ref.map((k) => scores.loss[k].step2)),
    distance: finite(ref.map((k) => scores.distance[k])),
  };
}

/** max over steps of loss - median loss (NaN when a loss is). */
export function lossExcess(loss: RunScores['loss'][number], mid: ReferenceMedians): number {
  const a = loss.step1 - mid.step1;
  const b = loss.step2 - mid.step2;
  return Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b);
}

/** A distance over the median distance (1 when both vanish). */
export function disagreementRatio(distance: number, mid: ReferenceMedians): number {
  return mid.distance > 0 ? distance / mid.distance : distance > 0 ? Infinity : 1;
}

/**
 * The runs that diverged, whose last step-1 or step-2 classifier loss exceeds their reference runs'
 * median by more than `lossTolerance`, or whose unfolded weights lie more than `agreementFactor`
 * times the reference runs' median distance from the median weights (and above `AGREEMENT_FLOOR`).
 * Bootstrap replicas legitimately differ (that spread is the statistical error), so a replica is
 * measured against the replicas' typical distance, not against zero; medians keep fewer than half
 * of the runs failing from moving the reference.
 * @example judgeRuns(runScores(runs, results, sim.weights, sim.passGen), options.health) // [{ run: 4, reason: 'loss', ... }]
 */
export function judgeRuns(scores: RunScores, options: Pick<MemberHealthOptions, 'lossTolerance' | 'agreementFactor'>): FailedRun[] {
  const failed: FailedRun[] = [];
  scores.loss.forEach((loss, run) => {
    const mid = referenceMedians(scores, run);
    const excess = lossExcess(loss, mid);
    const d = scores.distance[run];
    const ratio = disagreementRatio(d, mid);
    const byLoss = !(excess <= options.lossTolerance);
    const byAgreement = ratio > options.agreementFactor && d > AGREEMENT_FLOOR;
    if (scores.diverged[run]) failed.push({ run, lossExcess: Number.NaN, disagreementRatio: Number.NaN, reason: 'diverged' });
    else if (byLoss || byAgreement) failed.push({ run, lossExcess: excess, disagreementRatio: ratio, reason: byLoss ? 'loss' : 'agreement' });
  });
  return failed;
}
