import { median, type MemberHealthOptions } from '@hepuq/core';
import type { EnsembleTask } from '../training/training-set.js';
import type { MemberScores } from './member-scores.js';

/**
 * Disagreements below these never fail a member, however tightly the others agree: 0.5 widths of the
 * learned noise (regression), 0.05 in probability (classification).
 */
export const AGREEMENT_FLOOR: Record<EnsembleTask, number> = { regression: 0.5, classification: 0.05 };

/** A member the check failed, and why. */
export interface FailedMember {
  member: number;
  /** Its loss minus the members' median loss (nats per event). */
  lossExcess: number;
  /** Its disagreement over the median member's. */
  disagreementRatio: number;
  reason: 'loss' | 'agreement';
}

/**
 * The members whose training loss exceeds the median member's by more than `lossTolerance`, or whose
 * disagreement with the median prediction is more than `agreementFactor` times the median member's
 * (and above `AGREEMENT_FLOOR`). Medians keep a failed member from hiding itself: with M >= 3 members,
 * fewer than half of them failing cannot move the reference.
 * @example judgeMembers(memberScores(net, set, 'regression'), options.health, 'regression') // [{ member: 3, reason: 'loss', ... }]
 */
export function judgeMembers(scores: MemberScores, options: Pick<MemberHealthOptions, 'lossTolerance' | 'agreementFactor'>, task: EnsembleTask): FailedMember[] {
  // medians of the finite values: a member whose loss is NaN fails, and does not take the others with it
  const midLoss = median(scores.loss.filter(Number.isFinite));
  const midDis = median(scores.disagreement.filter(Number.isFinite));
  const failed: FailedMember[] = [];
  scores.loss.forEach((loss, member) => {
    const lossExcess = loss - midLoss;
    const d = scores.disagreement[member];
    const disagreementRatio = midDis > 0 ? d / midDis : d > 0 ? Infinity : 1;
    const byLoss = !(lossExcess <= options.lossTolerance);
    const byAgreement = disagreementRatio > options.agreementFactor && d > AGREEMENT_FLOOR[task];
    if (byLoss || byAgreement) failed.push({ member, lossExcess, disagreementRatio, reason: byLoss ? 'loss' : 'agreement' });
  });
  return failed;
}
