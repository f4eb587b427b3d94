import { HepuqError, type ErrorCode, type Events, type Rng, type MemberHealthOptions } from '@hepuq/core';
import type { FoldRunner } from '../hunt/fold-runner.js';
import type { FoldTaskInput, FoldTaskResult } from '../hunt/fold.task.js';
import { CWOLA_HUNT } from '../hunt/hunt.options.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { disagreementRatio, judgeNetworks, lossExcess, networkScores, type FailedNetwork, type NetworkScores, type NetworkSlot } from './judge-networks.js';

/** What the health check found and did in one signal region (hunt artifact: `regions[i].training.health`). */
export interface RegionHealth {
  /**
   * Every retraining: which network (test and validation fold), in which round, why, with which seed,
   * its validation loss and disagreement before and after (NaN, null in JSON, when the retraining
   * diverged), and whether the retrained network replaced it.
   */
  retrained: {
    test_fold: number; validation_fold: number; round: number; reason: FailedNetwork['reason']; seed: number;
    loss_before: number; loss_after: number; disagreement_before: number; disagreement_after: number; kept: boolean;
  }[];
  /** Networks that still fail after the last round (kept, and warned about). */
  unhealthy: { test_fold: number; validation_fold: number; reason: FailedNetwork['reason'] }[];
  /** The largest validation loss over the region's median network's (nats per event; null without validation losses). */
  loss_excess_max: number | null;
  /** The largest score disagreement over its test fold's median network's (null for no network). */
  disagreement_max: number | null;
}

/** Everything `healNetworks` needs besides the networks. */
export interface HealNetworksContext {
  /** Trains retrained networks as the hunt trains all of them (through the run's executor when there is one). */
  runner: FoldRunner;
  options: MemberHealthOptions;
  /** The stream retraining seeds come from (`rng.fork('sr:<index>:fold:<t>:<v>').fork('retry-<round>')`). */
  rng: Rng;
  events?: Events;
  /** Number of signal regions (positions 0..regions-1 of the slots). */
  regions: number;
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : String(x));
const name = (s: NetworkSlot) => `network of signal region ${s.index} (bins ${s.sr[0]}-${s.sr[1]}), test fold ${s.test}, validation fold ${s.validation}`;

/**
 * Whether the retrained network `f` (scores `after`, swapped in) replaces the failed one (`before`): a
 * diverged one needs a retraining that did not diverge; one failed on loss a lower validation loss;
 * one failed on agreement a lower disagreement with a loss excess within the tolerance (against the
 * medians before the retraining).
 */
function improves(f: FailedNetwork, before: NetworkScores, after: NetworkScores, tolerance: number): boolean {
  const j = f.network;
  if (after.diverged[j]) return false;
  if (f.reason === 'diverged') return true;
  const [l0, l1] = [before.validationLoss[j], after.validationLoss[j]];
  if (f.reason === 'loss') return l1 < l0;
  return after.disagreement[j] < before.disagreement[j] && !(lossExcess(before, j, l1) > tolerance);
}

/**
 * Check the nested k-fold networks after training (`networkScores`, `judgeNetworks`) and retrain the
 * failed ones on the same events with a new seed, at most `options.retries` rounds, through `runner`
 * (the run's executor when there is one). A retrained network replaces the failed one where it
 * `improves` on it, so every network ends as the best of its attempts. Every failure and recovery
 * is a `log:warn` / `log:info` event naming the network. A network still diverged after the last
 * round fails the hunt with its error; other failed networks are kept and warned about.
 * @example const { results, health } = await healNetworks(inputs, results, slots, { runner, options: plan.health, rng: plan.rng.fork('health'), events, regions: regions.length })
 */
export async function healNetworks(inputs: FoldTaskInput[], results: FoldTaskResult[], slots: NetworkSlot[], c: HealNetworksContext): Promise<{ inputs: FoldTaskInput[]; results: FoldTaskResult[]; health: RegionHealth[] }> {
  const { options } = c;
  const emit = (type: 'log:warn' | 'log:info', message: string) => c.events?.emit(type, { message: `${CWOLA_HUNT}: ${message}` }, PLUGIN_NAME);
  const retrained: (RegionHealth['retrained'][number] & { region: number })[] = [];
  let scores = networkScores(slots, results);
  let failed = judgeNetworks(scores, options);
  for (let round = 1; failed.length > 0 && round <= options.retries; round++) {
    for (const f of failed) {
      const why = f.reason === 'diverged' ? `diverged (${results[f.network].diverged?.message ?? 'non-finite scores'})`
        : `failed the health check (validation loss ${fmt(f.lossExcess)} nats/event above its signal region's median network, scores ${fmt(f.disagreementRatio)}x its test fold's median disagreement)`;
      emit('log:warn', `${name(slots[f.network])} ${why}; retraining it with a new seed (round ${round}/${options.retries})`);
    }
    const reruns = failed.map((f) => {
      const s = slots[f.network];
      return { ...inputs[f.network], seed: c.rng.fork(`sr:${s.index}:fold:${s.test}:${s.validation}`).fork(`retry-${round}`).nextSeed() };
    });
    const fresh = await c.runner.run(reruns);
    const candidate = results.slice();
    failed.forEach((f, k) => { candidate[f.network] = fresh[k]; });
    const after = networkScores(slots, candidate);
    const keep = failed.filter((f) => improves(f, scores, after, options.lossTolerance));
    failed.forEach((f, k) => {
      const j = f.network;
      retrained.push({
        region: slots[j].region, test_fold: slots[j].test, validation_fold: slots[j].validation, round, reason: f.reason, seed: reruns[k].seed,
        loss_before: scores.validationLoss[j], loss_after: after.validationLoss[j], disagreement_before: scores.disagreement[j], disagreement_after: after.disagreement[j],
        kept: keep.includes(f),
      });
    });
    inputs = inputs.slice();
    results = results.slice();
    for (const f of keep) {
      const k = failed.indexOf(f);
      inputs[f.network] = reruns[k];
      results[f.network] = fresh[k];
    }
    scores = keep.length === failed.length ? after : networkScores(slots, results);
    failed = judgeNetworks(scores, options);
  }
  const diverged = failed.find((f) => f.reason === 'diverged');
  if (diverged) {
    const error = results[diverged.network].diverged;
    throw new HepuqError((error?.code as ErrorCode | undefined) ?? 'NonFiniteValue',
      `${CWOLA_HUNT}: the ${name(slots[diverged.network])} diverged in all ${1 + options.retries} attempts (new seeds): ${error?.message ?? 'non-finite scores'}`, {
        hint: 'Lower the learning rate, check the inputs for extreme values, or allow more retrainings (health.retries).', plugin: PLUGIN_NAME,
      });
  }
  const recovered = new Map(retrained.filter((r) => r.kept).map((r) => [`${r.region}:${r.test_fold}:${r.validation_fold}`, r]));
  for (const r of recovered.values()) {
    const j = slots.findIndex((s) => s.region === r.region && s.test === r.test_fold && s.validation === r.validation_fold);
    if (failed.some((f) => f.network === j)) continue;
    emit('log:info', `${name(slots[j])} passes the health check after retraining round ${r.round} (validation loss ${fmt(r.loss_before)} -> ${fmt(r.loss_after)} nats/event)`);
  }
  if (failed.length > 0) {
    const which = failed.map((f) => `${name(slots[f.network])} (validation loss +${fmt(f.lossExcess)} nats/event, disagreement ${fmt(f.disagreementRatio)}x)`).join('; ');
    emit('log:warn', `${which}: still failing the health check after ${options.retries} retraining round(s); kept (hunt artifact: training.health.unhealthy)`);
  }
  return { inputs, results, health: regionHealth(slots, scores, retrained, failed, c.regions) };
}

function regionHealth(slots: NetworkSlot[], scores: NetworkScores, retrained: (RegionHealth['retrained'][number] & { region: number })[], failed: FailedNetwork[], regions: number): RegionHealth[] {
  return Array.from({ length: regions }, (_, r) => {
    const mine = slots.flatMap((s, j) => (s.region === r ? [j] : []));
    const max = (values: number[]) => {
      const finite = values.filter(Number.isFinite);
      return finite.length ? Math.max(...finite) : null;
    };
    return {
      retrained: retrained.filter((x) => x.region === r).map(({ region: _, ...x }) => x),
      unhealthy: failed.filter((f) => slots[f.network].region === r).map((f) => ({ test_fold: slots[f.network].test, validation_fold: slots[f.network].validation, reason: f.reason })),
      loss_excess_max: max(mine.map((j) => lossExcess(scores, j))),
      disagreement_max: max(mine.map((j) => disagreementRatio(scores, j))),
    };
  });
}

/** The health check over all signal regions of a hunt, as the hunt artifact reports it. */
export interface NetworkHealthSummary {
  /** Networks retrained after failing the check. */
  networks_retrained: number;
  /** Networks that still fail it (kept). */
  networks_unhealthy: number;
  /** The largest validation loss over its signal region's median network's (nats per event). */
  network_loss_excess_max: number | null;
  /** The largest score disagreement over its test fold's median network's. */
  network_disagreement_max: number | null;
}

/**
 * The regions' health checks summed up: networks retrained, networks still failing, the largest loss
 * excess and disagreement ratio.
 * @example networkHealthSummary(found.map((r) => r.training.health!)) // { networks_retrained: 1, networks_unhealthy: 0, ... }
 */
export function networkHealthSummary(regions: RegionHealth[]): NetworkHealthSummary {
  const max = (values: (number | null)[]) => {
    const finite = values.filter((v): v is number => v !== null);
    return finite.length ? Math.max(...finite) : null;
  };
  return {
    networks_retrained: regions.reduce((n, r) => n + new Set(r.retrained.map((x) => `${x.test_fold}:${x.validation_fold}`)).size, 0),
    networks_unhealthy: regions.reduce((n, r) => n + r.unhealthy.length, 0),
    network_loss_excess_max: max(regions.map((r) => r.loss_excess_max)),
    network_disagreement_max: max(regions.map((r) => r.disagreement_max)),
  };
}
