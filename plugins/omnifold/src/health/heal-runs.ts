import { HepuqError, type ErrorCode, type Events, type MetricValue, type Rng, type MemberHealthOptions } from '@hepuq/core';
import type { ChainResult } from '../omnifold/omnifold-chain.js';
import { OMNIFOLD } from '../omnifold/omnifold.options.js';
import type { PlannedRun } from '../omnifold/run-plan.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { disagreementRatio, judgeRuns, lossExcess, referenceMedians, type FailedRun } from './judge-runs.js';
import { runScores, type RunScores } from './run-scores.js';

/** What the health check found and did: `unfolded.json` holds it as `health`; metrics.json its summary (`healthMetrics`). */
export interface RunHealthReport {
  /** Every run after the check: its seed, last step-1/step-2 losses, loss excess, distance and distance over the median's. */
  runs: { kind: PlannedRun['kind']; index: number; seed: number; loss_step1: number; loss_step2: number; loss_excess: number; distance: number; disagreement: number }[];
  /**
   * Every rerun: which run, in which round, why, with which seed, its loss excess and distance before
   * and after (NaN when the rerun diverged; the excess against the medians before the rerun), and
   * whether the rerun replaced it.
   */
  retrained: {
    kind: PlannedRun['kind']; index: number; round: number; reason: FailedRun['reason']; seed: number;
    loss_excess_before: number; loss_excess_after: number; distance_before: number; distance_after: number; kept: boolean;
  }[];
  /** Runs that still fail after the last round (kept, and warned about). */
  unhealthy: { kind: PlannedRun['kind']; index: number; reason: FailedRun['reason'] }[];
}

/** Runs chains as the unfolding does (through the run's executor when there is one), reporting divergence instead of failing. */
export type RunChains = (runs: PlannedRun[]) => Promise<ChainResult[]>;

/** Everything `healRuns` needs besides the runs. */
export interface HealRunsContext {
  execute: RunChains;
  /** The simulation's event weights and its gen mask: the unfolded weights are compared over the events passing gen. */
  simWeights: Float32Array;
  passGen: Uint8Array;
  options: MemberHealthOptions;
  /** The stream rerun seeds come from (`rng.fork('replica-r').fork('retry-k')`). */
  rng: Rng;
  events: Events;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));
const name = (run: PlannedRun) => `${run.kind} ${run.index}`;

/**
 * Whether the rerun of failed run `f` (scores `after`, swapped in) replaces it (scores `before`): a
 * diverged run needs a rerun that did not diverge; one failed on loss a lower loss excess (both against
 * the medians before the rerun); one failed on agreement a smaller distance with a loss excess within
 * the tolerance.
 */
function improves(f: FailedRun, before: RunScores, after: RunScores, tolerance: number): boolean {
  const j = f.run;
  if (after.diverged[j]) return false;
  if (f.reason === 'diverged') return true;
  const mid = referenceMedians(before, j);
  const [e0, e1] = [lossExcess(before.loss[j], mid), lossExcess(after.loss[j], mid)];
  if (!Number.isFinite(e1)) return false;
  if (f.reason === 'loss') return !Number.isFinite(e0) || e1 < e0;
  return after.distance[j] < before.distance[j] && e1 <= tolerance;
}

/**
 * Check every run after unfolding (`runScores`, `judgeRuns`) and rerun the failed ones with a new
 * classifier seed from `rng.fork('<kind>-<index>').fork('retry-<round>')`, their weights (a replica's
 * Poisson draws) kept, so a replica stays the same bootstrap sample and the spread keeps its meaning;
 * at most `options.retries` rounds, through `execute` (the run's executor when there is one). A rerun
 * replaces the failed run where it `improves` on it, so every run ends as the best of its attempts.
 * Every failure and recovery is a `log:warn` / `log:info` event naming the run. A run still diverged
 * after the last round fails the unfolding (`TrainingDiverged`); other failed runs are kept and warned about.
 * @example const { runs: healed, results, report } = await healRuns(runs, results, { execute, simWeights, passGen, options: options.health, rng: ctx.rng.fork('health'), events: ctx.events })
 */
export async function healRuns(runs: PlannedRun[], results: ChainResult[], c: HealRunsContext): Promise<{ runs: PlannedRun[]; results: ChainResult[]; report: RunHealthReport }> {
  const { options, events } = c;
  const warn = (message: string) => events.emit('log:warn', { message: `${OMNIFOLD}: ${message}` }, OMNIFOLD);
  const score = (r: ChainResult[]) => runScores(runs, r, c.simWeights, c.passGen);
  const retrained: RunHealthReport['retrained'] = [];
  let scores = score(results);
  let failed = judgeRuns(scores, options);
  for (let round = 1; failed.length > 0 && round <= options.retries; round++) {
    for (const f of failed) {
      const why = f.reason === 'diverged' ? `diverged (${results[f.run].diverged?.message ?? 'non-finite weights'})`
        : `failed the health check (classifier loss ${fmt(f.lossExcess)} nats/event above the median run, unfolded weights ${fmt(f.disagreementRatio)}x the median run's distance)`;
      warn(`${name(runs[f.run])} ${why}; rerunning it with a new classifier seed and the same event weights (round ${round}/${options.retries})`);
    }
    const reruns = failed.map((f) => ({ ...runs[f.run], seed: c.rng.fork(`${runs[f.run].kind}-${runs[f.run].index}`).fork(`retry-${round}`).nextSeed() }));
    const fresh = await c.execute(reruns);
    const candidate = results.slice();
    failed.forEach((f, k) => { candidate[f.run] = fresh[k]; });
    const after = score(candidate);
    const keep = failed.filter((f) => improves(f, scores, after, options.lossTolerance));
    failed.forEach((f, k) => {
      const mid = referenceMedians(scores, f.run);
      retrained.push({
        kind: runs[f.run].kind, index: runs[f.run].index, round, reason: f.reason, seed: reruns[k].seed,
        loss_excess_before: lossExcess(scores.loss[f.run], mid), loss_excess_after: lossExcess(after.loss[f.run], mid),
        distance_before: scores.distance[f.run], distance_after: after.distance[f.run], kept: keep.includes(f),
      });
    });
    runs = runs.slice();
    results = results.slice();
    for (const f of keep) {
      const k = failed.indexOf(f);
      runs[f.run] = reruns[k];
      results[f.run] = fresh[k];
    }
    // every rerun kept: the candidate's scores are the new ones
    scores = keep.length === failed.length ? after : score(results);
    failed = judgeRuns(scores, options);
  }
  const stillDiverged = failed.filter((f) => f.reason === 'diverged');
  if (stillDiverged.length > 0) {
    const f = stillDiverged[0];
    const error = results[f.run].diverged;
    throw new HepuqError((error?.code as ErrorCode | undefined) ?? 'TrainingDiverged',
      `${OMNIFOLD}: ${name(runs[f.run])} diverged in all ${1 + options.retries} attempts (new classifier seeds): ${error?.message ?? 'non-finite unfolded weights'}`, {
        hint: 'Lower the classifier\'s learning rate, check the inputs for extreme values, or allow more reruns (health.retries).', plugin: PLUGIN_NAME,
      });
  }
  const last = new Map(retrained.filter((r) => r.kept).map((r) => [`${r.kind} ${r.index}`, r]));
  for (const [run, r] of last) {
    if (failed.some((f) => name(runs[f.run]) === run)) continue;
    events.emit('log:info', { message: `${OMNIFOLD}: ${run} passes the health check after rerun round ${r.round} (loss excess ${fmt(r.loss_excess_before)} -> ${fmt(r.loss_excess_after)} nats/event, distance ${fmt(r.distance_before)} -> ${fmt(r.distance_after)})` }, OMNIFOLD);
  }
  if (failed.length > 0) {
    const which = failed.map((f) => `${name(runs[f.run])} (loss +${fmt(f.lossExcess)} nats/event, distance ${fmt(f.disagreementRatio)}x)`).join(', ');
    warn(`${which} fail(s) the health check after ${options.retries} rerun round(s); kept, so the spread includes them (metrics.json: replicas_unhealthy, members_unhealthy)`);
  }
  return { runs, results, report: healthReport(runs, scores, retrained, failed) };
}

function healthReport(runs: PlannedRun[], scores: RunScores, retrained: RunHealthReport['retrained'], failed: FailedRun[]): RunHealthReport {
  return {
    runs: runs.map((r, j) => {
      const mid = referenceMedians(scores, j);
      return {
        kind: r.kind, index: r.index, seed: r.seed, loss_step1: scores.loss[j].step1, loss_step2: scores.loss[j].step2,
        loss_excess: lossExcess(scores.loss[j], mid), distance: scores.distance[j], disagreement: disagreementRatio(scores.distance[j], mid),
      };
    }),
    retrained,
    unhealthy: failed.map((f) => ({ kind: runs[f.run].kind, index: runs[f.run].index, reason: f.reason })),
  };
}

/**
 * The health check's summary for metrics.json, per kind of run (`members_*`, and `replicas_*` when
 * there are replicas): runs rerun after failing it, runs that still fail it, the largest loss excess
 * over the median run's (nats per event) and the largest distance over the median run's.
 * @example healthMetrics(report) // { members_retrained: { value: 0 }, ..., replicas_retrained: { value: 1 }, ... }
 */
export function healthMetrics(report: RunHealthReport): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = {};
  for (const [kind, plural] of [['member', 'members'], ['replica', 'replicas']] as const) {
    const runs = report.runs.filter((r) => r.kind === kind);
    if (runs.length === 0) continue;
    out[`${plural}_retrained`] = { value: new Set(report.retrained.filter((r) => r.kind === kind).map((r) => r.index)).size };
    out[`${plural}_unhealthy`] = { value: report.unhealthy.filter((r) => r.kind === kind).length };
    out[`${kind}_loss_excess_max`] = { value: Math.max(...runs.map((r) => r.loss_excess)) };
    out[`${kind}_disagreement_max`] = { value: Math.max(...runs.map((r) => r.disagreement)) };
  }
  return out;
}
