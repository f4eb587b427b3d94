import { HepuqError, type Events, type Rng, type MemberHealthOptions, median } from '@hepuq/core';
import type { StackedNetwork } from '../network/stacked-network.js';
import { memberInit, type MemberPlan } from '../training/member-plan.js';
import type { EnsembleTask, TrainingSet } from '../training/training-set.js';
import { judgeMembers, type FailedMember } from './judge-members.js';
import { memberScores, type MemberScores } from './member-scores.js';

/** What the health check found and did; saved with the model and reported in metrics.json. */
export interface MemberHealthReport {
  /** Per member after the check: mean training loss and disagreement (`MemberScores`). */
  loss: number[];
  disagreement: number[];
  /**
   * Every retraining: which member, in which round, why, its loss before and the retrained one's
   * (NaN when the retraining diverged), and whether the retrained one was kept.
   */
  retrained: { member: number; round: number; reason: FailedMember['reason']; lossBefore: number; lossAfter: number; kept: boolean }[];
  /** Members that still fail after the last round (kept, and warned about). */
  unhealthy: number[];
}

/** Trains the members of a plan (stacked or one by one, as the method does). */
export type TrainMembers = (plan: MemberPlan) => Promise<StackedNetwork>;

/** Everything `healMembers` needs besides the network. */
export interface HealContext {
  set: TrainingSet;
  /** The plan the members were trained from (event orders and weights are reused). */
  plan: MemberPlan;
  train: TrainMembers;
  options: MemberHealthOptions;
  /** The stream retraining draws from (`rng.fork('member-m').fork('retry-r')`). */
  rng: Rng;
  events: Events;
  method: string;
  task: EnsembleTask;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));

/**
 * Whether retrained member m (scores `after`, swapped in) replaces the failed one (scores `before`):
 * a member failed on loss needs a lower finite loss; one failed on agreement a lower disagreement
 * with a loss within the tolerance of the median member's.
 */
function improves(f: FailedMember, before: MemberScores, after: MemberScores, tolerance: number): boolean {
  const [l0, l1] = [before.loss[f.member], after.loss[f.member]];
  if (!Number.isFinite(l1)) return false;
  if (f.reason === 'loss') return !Number.isFinite(l0) || l1 < l0;
  return after.disagreement[f.member] < before.disagreement[f.member] && l1 <= median(before.loss.filter(Number.isFinite)) + tolerance;
}

/**
 * Check every member after training (`memberScores`, `judgeMembers`) and retrain the failed ones,
 * each from fresh initial weights drawn from `rng.fork('member-m').fork('retry-r')` (its event order
 * and bootstrap weights kept), at most `options.retries` rounds. A retrained member replaces the
 * failed one where it `improves` on it, so every member ends as the best of its attempts; a
 * retraining that diverges is dropped. Every failure and recovery is a `log:warn` / `log:info` event
 * naming the member. `net` is owned from here on: disposed when replaced or on an error. A repulsive
 * ensemble's retrained members repel each other, not the members that were kept.
 * @example const { net: healed, report } = await healMembers(net, { set, plan, train, options: options.health, rng: ctx.rng.fork('health'), events: ctx.events, method, task })
 */
export async function healMembers(net: StackedNetwork, c: HealContext): Promise<{ net: StackedNetwork; report: MemberHealthReport }> {
  const { set, plan, options, events, method, task } = c;
  const retrained: MemberHealthReport['retrained'] = [];
  const warn = (message: string) => events.emit('log:warn', { message: `${method}: ${message}` }, method);
  let scores: MemberScores;
  let failed: FailedMember[];
  try {
    scores = memberScores(net, set, task);
    failed = judgeMembers(scores, options, task);
    for (let round = 1; failed.length > 0 && round <= options.retries; round++) {
      for (const f of failed) {
        warn(`member ${f.member} failed the health check (loss ${fmt(f.lossExcess)} nats/event above the median member, `
          + `disagreement ${fmt(f.disagreementRatio)}x the median member's); retraining it with new initial weights (round ${round}/${options.retries})`);
      }
      const ids = failed.map((f) => f.member);
      let sub: StackedNetwork;
      try {
        sub = await c.train({
          inits: ids.map((m) => memberInit(set.plan.stacks, c.rng.fork(`member-${m}`).fork(`retry-${round}`))),
          orders: ids.map((m) => plan.orders[m]),
          weights: ids.map((m) => plan.weights[m]),
          batchSeed: plan.batchSeed,
        });
      } catch (e) {
        if (!(e instanceof HepuqError && e.code === 'TrainingDiverged')) throw e;
        warn(`retraining round ${round} diverged (${e.message}); the members are kept as they were`);
        for (const f of failed) retrained.push({ member: f.member, round, reason: f.reason, lossBefore: scores.loss[f.member], lossAfter: Number.NaN, kept: false });
        continue;
      }
      let candidate: StackedNetwork | undefined;
      try {
        candidate = net.replaceMembers(ids, sub, ids.map((_, k) => k));
        const after = memberScores(candidate, set, task);
        const keep = failed.filter((f) => improves(f, scores, after, options.lossTolerance));
        for (const f of failed) {
          retrained.push({ member: f.member, round, reason: f.reason, lossBefore: scores.loss[f.member], lossAfter: after.loss[f.member], kept: keep.includes(f) });
        }
        if (keep.length < failed.length) {
          // some retrained members are not kept: the network to go on with is not the candidate
          candidate.dispose();
          candidate = keep.length > 0 ? net.replaceMembers(keep.map((f) => f.member), sub, keep.map((f) => ids.indexOf(f.member))) : undefined;
        }
        if (candidate) {
          net.dispose();
          net = candidate;
          candidate = undefined;
          // every retrained member kept: the candidate's scores are the new network's
          scores = keep.length === failed.length ? after : memberScores(net, set, task);
        }
      } finally {
        sub.dispose();
        // a candidate not adopted (an error on the way)
        candidate?.dispose();
      }
      failed = judgeMembers(scores, options, task);
    }
  } catch (e) {
    net.dispose();
    throw e;
  }
  // each recovered member's last kept retraining
  const last = new Map(retrained.filter((r) => r.kept).map((r) => [r.member, r]));
  for (const r of last.values()) {
    if (failed.some((f) => f.member === r.member)) continue;
    events.emit('log:info', { message: `${method}: member ${r.member} passes the health check after retraining round ${r.round} (loss ${fmt(r.lossBefore)} -> ${fmt(r.lossAfter)} nats/event)` }, method);
  }
  if (failed.length > 0) {
    const which = failed.map((f) => `${f.member} (loss +${fmt(f.lossExcess)} nats/event, disagreement ${fmt(f.disagreementRatio)}x)`).join(', ');
    warn(`member(s) ${which} fail the health check after ${options.retries} retraining round(s); they are kept, and the ensemble's spread includes them (metrics.json: members_unhealthy)`);
  }
  return { net, report: { loss: scores.loss, disagreement: scores.disagreement, retrained, unhealthy: failed.map((f) => f.member) } };
}
