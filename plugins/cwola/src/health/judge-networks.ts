import type { FoldTaskResult } from '../hunt/fold.task.js';
import { median, type MemberHealthOptions } from '@hepuq/core';

/** Score disagreements below this (RMS, in probability) never fail a network: the ensembles' classification floor. */
export const AGREEMENT_FLOOR = 0.05;

/** Events of a test fold the agreement test evaluates at most (evenly strided). */
export const HEALTH_EVENTS = 20_000;

/** Where a network sits in the nested k-fold: its signal region (position and index), test fold and validation fold. */
export interface NetworkSlot {
  region: number;
  index: number;
  sr: [number, number];
  test: number;
  validation: number;
}

/** What the health check measures per network. */
export interface NetworkScores {
  /** Validation loss (NaN without validation events of both classes, or when diverged). */
  validationLoss: number[];
  /** RMS distance of its scores from the median score of its test fold's networks, over that fold's events (NaN when diverged). */
  disagreement: number[];
  diverged: boolean[];
  /** The networks of its signal region (validation losses compared). */
  lossReference: number[][];
  /** The networks of its test fold (they score the same events). */
  agreementReference: number[][];
}

/** A network the check failed, and why. */
export interface FailedNetwork {
  network: number;
  /** Its validation loss minus its signal region's median (nats per event; NaN when diverged). */
  lossExcess: number;
  /** Its disagreement over its test fold's median network's. */
  disagreementRatio: number;
  reason: 'diverged' | 'loss' | 'agreement';
}

/**
 * Per network: its validation loss, and the RMS distance of its test-fold scores from the event-wise
 * median of its test fold's networks (diverged ones left out of the median).
 * @example const scores = networkScores(slots, await runner.run(inputs))
 */
export function networkScores(slots: readonly NetworkSlot[], results: readonly FoldTaskResult[]): NetworkScores {
  const diverged = results.map((r) => Boolean(r.diverged) || !r.scores.every(Number.isFinite));
  const lossReference = groupBy(slots, (s) => `${s.region}`);
  const agreementReference = groupBy(slots, (s) => `${s.region}:${s.test}`);
  const medians = new Map<string, { rows: Int32Array; mid: Float64Array }>();
  const disagreement = results.map((r, j) => {
    if (diverged[j]) return Number.NaN;
    const ref = agreementReference[j].filter((k) => !diverged[k]);
    const key = ref.join(',');
    if (!medians.has(key)) medians.set(key, foldMedian(ref.map((k) => results[k].scores)));
    const { rows, mid } = medians.get(key)!;
    let sum = 0;
    rows.forEach((row, i) => { sum += (r.scores[row] - mid[i]) ** 2; });
    return rows.length ? Math.sqrt(sum / rows.length) : 0;
  });
  return { validationLoss: results.map((r) => (r.diverged ? Number.NaN : r.validationLoss)), disagreement, diverged, lossReference, agreementReference };
}

/** Per slot, the slots with the same key (itself included). */
function groupBy(slots: readonly NetworkSlot[], key: (s: NetworkSlot) => string): number[][] {
  const groups = new Map<string, number[]>();
  slots.forEach((s, j) => {
    const k = key(s);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(j);
  });
  return slots.map((s) => groups.get(key(s))!);
}

/** The event-wise median of the networks' scores over at most HEALTH_EVENTS evenly strided events. */
function foldMedian(scores: Float32Array[]): { rows: Int32Array; mid: Float64Array } {
  const n = scores[0]?.length ?? 0;
  const count = Math.min(n, HEALTH_EVENTS);
  const rows = Int32Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
  const column = new Float64Array(scores.length);
  const mid = Float64Array.from(rows, (row) => {
    scores.forEach((s, k) => { column[k] = s[row]; });
    return median(column);
  });
  return { rows, mid };
}

/** Network j's validation loss over its signal region's median (NaN when it has none). */
export function lossExcess(scores: NetworkScores, j: number, loss = scores.validationLoss[j]): number {
  return loss - median(scores.lossReference[j].map((k) => scores.validationLoss[k]).filter(Number.isFinite));
}

/** Network j's disagreement over its test fold's median network's (1 when both vanish). */
export function disagreementRatio(scores: NetworkScores, j: number, d = scores.disagreement[j]): number {
  const mid = median(scores.agreementReference[j].map((k) => scores.disagreement[k]).filter(Number.isFinite));
  return mid > 0 ? d / mid : d > 0 ? Infinity : 1;
}

/**
 * The networks that diverged, whose validation loss exceeds the median of their signal region's
 * networks by more than `lossTolerance` (a network without validation events is not judged on
 * loss), or whose scores lie more than `agreementFactor` times the median network's distance from
 * their test fold's median score (and above `AGREEMENT_FLOOR`; a test fold of two networks cannot
 * tell which one is off). Medians keep fewer than half of the networks failing from moving the reference.
 * @example judgeNetworks(networkScores(slots, results), options.health) // [{ network: 4, reason: 'loss', ... }]
 */
export function judgeNetworks(scores: NetworkScores, options: Pick<MemberHealthOptions, 'lossTolerance' | 'agreementFactor'>): FailedNetwork[] {
  const failed: FailedNetwork[] = [];
  scores.diverged.forEach((diverged, network) => {
    if (diverged) {
      failed.push({ network, lossExcess: Number.NaN, disagreementRatio: Number.NaN, reason: 'diverged' });
      return;
    }
    const excess = lossExcess(scores, network);
    const ratio = disagreementRatio(scores, network);
    const byLoss = excess > options.lossTolerance;
    const byAgreement = ratio > options.agreementFactor && scores.disagreement[network] > AGREEMENT_FLOOR;
    if (byLoss || byAgreement) failed.push({ network, lossExcess: excess, disagreementRatio: ratio, reason: byLoss ? 'loss' : 'agreement' });
  });
  return failed;
}
