import { HepuqError, type Events, type MethodRef, type Rng, type MemberHealthOptions } from '@hepuq/core';
import { healNetworks, type RegionHealth } from '../health/heal-networks.js';
import type { NetworkSlot } from '../health/judge-networks.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { FoldEvents, FoldTaskInput } from './fold.task.js';
import type { FoldRunner } from './fold-runner.js';
import { inBins, rowsInBins, type HuntEvents } from './hunt-events.js';
import type { SignalRegion } from './signal-regions.js';

/** Fold of every event: a seeded permutation cut into `k` nearly equal parts. */
export function foldAssignment(n: number, k: number, rng: Rng): Int32Array {
  const perm = rng.permutation(n);
  const fold = new Int32Array(n);
  for (let j = 0; j < n; j++) fold[perm[j]] = Math.floor((j * k) / n);
  return fold;
}

/** How the networks are trained: folds, how many inner networks to keep, the classifier, seeds. */
export interface NestedKFold {
  fold: Int32Array;
  k: number;
  /** Inner networks averaged per test fold (the lowest validation losses). */
  select: number;
  classifier: MethodRef;
  backend: string;
  rng: Rng;
  /** The health check of the networks (`healNetworks`); none without it. */
  health?: MemberHealthOptions;
  /** Where the health check reports what it found and did. */
  events?: Events;
}

/** Out-of-fold scores of one signal region with the validation losses behind them. */
export interface RegionScores {
  /** Score of every hunt event, from networks that never saw it. */
  scores: Float32Array;
  /** Per test fold, the validation loss of each inner network (validation folds in increasing order, the test fold skipped; null without validation events of both classes). */
  validationLoss: (number | null)[][];
  /** Per test fold, the validation folds whose networks were averaged. */
  selected: number[][];
  /** What the health check found and did (with `plan.health.check`). */
  health?: RegionHealth;
}

/**
 * Nested k-fold scoring of signal region against sidebands (Collins, Howe, Nachman,
 * arXiv:1902.02634): label 1 in the signal region, 0 in the sidebands; for each test fold t and
 * each other fold v, a network trains on the window's events outside folds t and v, is validated on
 * fold v and scores every event of fold t (inside the window or not). A test fold's score is the
 * mean of its `select` best networks by validation loss, so no event is scored by a network that
 * saw it. All regions' networks go to `runner` at once (one executor map); a training set without
 * signal-region or sideband events is an error before anything trains. With `plan.health` the
 * networks are checked before selection and the failed ones retrained (`healNetworks`).
 */
export async function scoreRegions(events: HuntEvents, regions: SignalRegion[], plan: NestedKFold, runner: FoldRunner): Promise<RegionScores[]> {
  const { fold, k } = plan;
  const d = events.features.length;
  const byFold = Array.from({ length: k }, (_, f) => rowsWhere(events.n, (i) => fold[i] === f));
  const evaluate = byFold.map((rows) => gatherX(events.x, d, rows));
  const inputs: FoldTaskInput[] = [];
  const slots: NetworkSlot[] = [];
  const check = plan.health?.check ?? false;
  for (const [r, region] of regions.entries()) {
    const label = (i: number) => (inBins(events.bin[i], region.sr) ? 1 : 0);
    const window = rowsInBins(events, region.window);
    const rng = plan.rng.fork(`sr:${region.index}`);
    for (let t = 0; t < k; t++) {
      for (let v = 0; v < k; v++) {
        if (v === t) continue;
        const train = labelled(events, window.filter((i) => fold[i] !== t && fold[i] !== v), label);
        checkClasses(train.y, `signal region ${region.index} (bins ${region.sr[0]}-${region.sr[1]}), test fold ${t}, validation fold ${v}`);
        inputs.push({
          features: events.features, train, validation: labelled(events, window.filter((i) => fold[i] === v), label), evaluate: evaluate[t],
          classifier: plan.classifier, seed: rng.fork(`fold:${t}:${v}`).nextSeed(), backend: plan.backend,
          // with the check a diverged network comes back as such, to be retrained; without it, it fails the hunt
          ...(check ? { reportDivergence: true } : {}),
        });
        slots.push({ region: r, index: region.index, sr: region.sr, test: t, validation: v });
      }
    }
  }
  let results = await runner.run(inputs);
  let health: RegionHealth[] | undefined;
  if (check) {
    ({ results, health } = await healNetworks(inputs, results, slots, { runner, options: plan.health!, rng: plan.rng.fork('health'), events: plan.events, regions: regions.length }));
  }
  const perRegion = k * (k - 1);
  return regions.map((_, r) => {
    const scores = new Float32Array(events.n);
    const validationLoss: (number | null)[][] = [];
    const selected: number[][] = [];
    for (let t = 0; t < k; t++) {
      // results are region-major, then test fold, then validation fold (t skipped)
      const inner = Array.from({ length: k - 1 }, (_, j) => ({ v: j < t ? j : j + 1, r: results[r * perRegion + t * (k - 1) + j] }));
      validationLoss.push(inner.map(({ r: x }) => (Number.isFinite(x.validationLoss) ? x.validationLoss : null)));
      const best = [...inner].sort((a, b) => lossKey(a.r.validationLoss) - lossKey(b.r.validationLoss)).slice(0, plan.select);
      selected.push(best.map(({ v }) => v).sort((a, b) => a - b));
      byFold[t].forEach((row, j) => {
        let s = 0;
        for (const { r: x } of best) s += x.scores[j];
        scores[row] = s / best.length;
      });
    }
    return { scores, validationLoss, selected, ...(health ? { health: health[r] } : {}) };
  });
}

/** A training set needs both classes: signal-region and sideband events. */
export function checkClasses(y: Float32Array, where: string): void {
  if (!(y.includes(1) && y.includes(0))) {
    throw new HepuqError('InvalidConfig', `${where}: the training events hold no ${y.includes(1) ? 'sideband' : 'signal-region'} event`, {
      hint: 'Too few events there for this split: use fewer folds, wider bins or signal regions, or leave the region out.', plugin: PLUGIN_NAME,
    });
  }
}

/** NaN losses (no validation events) rank last. */
function lossKey(loss: number): number {
  return Number.isNaN(loss) ? Infinity : loss;
}

function rowsWhere(n: number, keep: (i: number) => boolean): number[] {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) rows.push(i);
  return rows;
}

function gatherX(x: Float32Array, d: number, rows: number[]): Float32Array {
  const out = new Float32Array(rows.length * d);
  rows.forEach((i, r) => out.set(x.subarray(i * d, i * d + d), r * d));
  return out;
}

function labelled(events: HuntEvents, rows: number[], label: (i: number) => number): FoldEvents {
  return {
    x: gatherX(events.x, events.features.length, rows),
    y: Float32Array.from(rows, label),
    w: Float32Array.from(rows, (i) => events.weights[i]),
  };
}
