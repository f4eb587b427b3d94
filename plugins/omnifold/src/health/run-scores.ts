import type { ChainResult } from '../omnifold/omnifold-chain.js';
import type { PlannedRun } from '../omnifold/run-plan.js';
import { median } from '@hepuq/core';

/** Particle-level events the agreement test evaluates at most (evenly strided over those passing gen). */
export const HEALTH_EVENTS = 20_000;

/** What the health check measures per run (in run order: members, then replicas). */
export interface RunScores {
  /** The last iteration's step-1 and step-2 classifier losses (`ChainResult.loss`; NaN for a diverged run). */
  loss: { step1: number; step2: number }[];
  /**
   * The distance of its unfolded weights nu from the event-wise median of its reference runs',
   * relative to the median's yield (NaN for a diverged run; see `relativeL1`).
   */
  distance: number[];
  /** The runs each run is judged against (`referenceRuns`). */
  reference: number[][];
  /** Whether the run diverged: no weights (`ChainResult.diverged`), or non-finite ones. */
  diverged: boolean[];
}

/**
 * The runs each run is compared with: replicas with the replicas; members with the members when there
 * are at least 3 of them, else with the replicas when there are 3 (a lone nominal run is judged
 * against the bootstrap replicas, whose spread bounds its own), else with the members. Replicas are
 * never judged against members: the replicas' spread holds the data's statistics, the members' only
 * the classifiers' noise.
 * @example referenceRuns([{ kind: 'member' }, { kind: 'replica' }, { kind: 'replica' }, { kind: 'replica' }]) // [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]
 */
export function referenceRuns(runs: readonly Pick<PlannedRun, 'kind'>[]): number[][] {
  const of = (kind: PlannedRun['kind']) => runs.flatMap((r, i) => (r.kind === kind ? [i] : []));
  const members = of('member');
  const replicas = of('replica');
  const forMembers = members.length < 3 && replicas.length >= 3 ? replicas : members;
  return runs.map((r) => (r.kind === 'replica' ? replicas : forMembers));
}

/**
 * Per run: the classifier losses it reports and the distance of its final unfolded weights from the
 * event-wise median of its reference runs' (diverged runs left out of the median), over at most
 * HEALTH_EVENTS simulated events passing gen (`passGen`), with the simulation's weights `simWeights`.
 * @example const scores = runScores(runs, results, problem.sim.weights, problem.sim.passGen)
 */
export function runScores(runs: readonly Pick<PlannedRun, 'kind'>[], results: readonly ChainResult[], simWeights: Float32Array, passGen: Uint8Array): RunScores {
  const final = results.map((r) => r.iterations[r.iterations.length - 1] as Float32Array | undefined);
  const diverged = results.map((r, j) => Boolean(r.diverged) || !final[j] || !final[j]!.every(Number.isFinite));
  const reference = referenceRuns(runs);
  const rows = healthRows(passGen);
  const w = Float64Array.from(rows, (row) => Math.abs(simWeights[row]));
  // one event-wise median per reference set
  const medians = new Map<string, Float64Array>();
  const distance = results.map((_, j) => {
    if (diverged[j]) return Number.NaN;
    const ref = reference[j].filter((k) => !diverged[k]);
    const key = ref.join(',');
    if (!medians.has(key)) medians.set(key, eventMedian(ref.map((k) => final[k]!), rows));
    return relativeL1(final[j]!, medians.get(key)!, rows, w);
  });
  return { loss: results.map((r) => ({ ...r.loss })), distance, reference, diverged };
}

/** The events passing gen, or HEALTH_EVENTS of them evenly strided. */
function healthRows(passGen: Uint8Array): Int32Array {
  const gen = Int32Array.from(passGen.keys()).filter((i) => passGen[i] === 1);
  const count = Math.min(gen.length, HEALTH_EVENTS);
  return Int32Array.from({ length: count }, (_, i) => gen[Math.floor((i * gen.length) / count)]);
}

/** Per row, the median of the runs' weights there (NaN everywhere without runs). */
function eventMedian(weights: Float32Array[], rows: Int32Array): Float64Array {
  const column = new Float64Array(weights.length);
  return Float64Array.from(rows, (row) => {
    weights.forEach((nu, k) => { column[k] = nu[row]; });
    return median(column);
  });
}

/** sum_i w_i |nu_i - m_i| / sum_i w_i m_i over the rows: the L1 distance of two unfolded distributions relative to the reference's yield. */
function relativeL1(nu: Float32Array, mid: Float64Array, rows: Int32Array, w: Float64Array): number {
  let diff = 0;
  let total = 0;
  rows.forEach((row, k) => {
    diff += w[k] * Math.abs(nu[row] - mid[k]);
    total += w[k] * Math.abs(mid[k]);
  });
  return total > 0 ? diff / total : diff > 0 ? Infinity : 0;
}
