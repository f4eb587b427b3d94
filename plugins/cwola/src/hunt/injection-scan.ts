import { HepuqError, type Rng } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import type { FoldRunner } from './fold-runner.js';
import { inBins, subsetEvents, type HuntEvents } from './hunt-events.js';
import { huntRegions, type HuntSelection, type HuntSettings } from './hunt.js';
import { foldAssignment } from './nested-kfold.js';
import type { SignalRegion } from './signal-regions.js';

/** One point of a signal-injection scan. */
export interface InjectionPoint {
  /** Signal events kept. */
  signals: number;
  /** True signal and background weight in the signal region before any selection, and S/√B there (null without background). */
  signal_sr: number;
  background_sr: number;
  s_over_sqrt_b: number | null;
  selections: Pick<HuntSelection, 'efficiency' | 'kept' | 'observed' | 'expected' | 'z' | 'p0' | 'signal' | 'error'>[];
}

/** The scan in one signal region. */
export interface InjectionScan {
  index: number;
  sr: [number, number];
  points: InjectionPoint[];
}

/**
 * Plan a signal-injection scan in `regions[index]` (default: the region with the most true signal),
 * checked before anything trains: the region exists and the data holds the signal events asked for.
 * `events.truth` must be present.
 */
export function planInjectionScan(events: HuntEvents, regions: SignalRegion[], signals: number[], index?: number): { region: SignalRegion; run(settings: HuntSettings, runner: FoldRunner, rng: Rng): Promise<InjectionScan> } {
  const truth = events.truth!;
  const signalIn = (r: SignalRegion) => {
    let s = 0;
    for (let i = 0; i < events.n; i++) if (truth[i] === 1 && inBins(events.bin[i], r.sr)) s += events.weights[i];
    return s;
  };
  if (index !== undefined && !regions[index]) {
    throw new HepuqError('InvalidConfig', `injection.sr: there are ${regions.length} signal regions (0..${regions.length - 1}), not ${index}`, { plugin: PLUGIN_NAME });
  }
  const region = index !== undefined ? regions[index] : regions.reduce((a, b) => (signalIn(b) > signalIn(a) ? b : a));
  const signalRows: number[] = [];
  const background: number[] = [];
  for (let i = 0; i < events.n; i++) (truth[i] === 1 ? signalRows : background).push(i);
  const most = Math.max(...signals);
  if (most > signalRows.length) {
    throw new HepuqError('InvalidConfig', `injection.signals: ${most} signal events asked for, the data holds ${signalRows.length} inside the bins`, {
      hint: 'Inject at most as many signal events as the data has, or generate more.', plugin: PLUGIN_NAME,
    });
  }
  return {
    region,
    async run(settings, runner, rng) {
      const order = rng.fork('order').permutation(signalRows.length);
      const points: InjectionPoint[] = [];
      for (const s of signals) {
        const rows = [...background, ...Array.from(order.subarray(0, s), (j) => signalRows[j])].sort((a, b) => a - b);
        const sub = subsetEvents(events, rows);
        const fold = foldAssignment(sub.n, settings.kfold.k, rng.fork(`folds:${s}`));
        const [found] = await huntRegions(sub, [region], { ...settings, kfold: { ...settings.kfold, fold, rng: rng.fork(`networks:${s}`) } }, runner);
        const signalSr = found.events.signal_sr ?? 0;
        const backgroundSr = found.events.sr - signalSr;
        points.push({
          signals: s, signal_sr: signalSr, background_sr: backgroundSr, s_over_sqrt_b: backgroundSr > 0 ? signalSr / Math.sqrt(backgroundSr) : null,
          selections: found.selections.map(({ efficiency, kept, observed, expected, z, p0, signal, error }) => ({ efficiency, kept, observed, expected, z, p0, signal, ...(error ? { error } : {}) })),
        });
      }
      return { index: region.index, sr: region.sr, points };
    },
  };
}
