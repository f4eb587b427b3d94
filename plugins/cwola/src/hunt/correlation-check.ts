import type { MethodRef, MetricValue, Rng } from '@hepuq/core';
import { weightedAuc } from '../cwola/cwola-diagnostics.js';
import type { FoldTaskInput } from './fold.task.js';
import type { FoldRunner } from './fold-runner.js';
import { subsetEvents, type HuntEvents } from './hunt-events.js';
import type { SignalRegion } from './signal-regions.js';

/** Whether the features know the resonance variable in one signal region. */
export interface CorrelationResult {
  index: number;
  sr: [number, number];
  /** Out-of-fold AUC of signal region against sidebands of a classifier trained on background alone. */
  auc: MetricValue;
  /** (auc - 1/2) / error. */
  z: number;
  /** z above the configured threshold: a hunt here can make a bump from background alone. */
  warn: boolean;
}

/**
 * The sculpting check of CWoLa hunting: per signal region, a classifier trained on background alone
 * to separate signal region from sidebands (2-fold: each half trains on the other half's events and
 * scores its own), with the out-of-fold AUC and its bootstrap error. Features independent of the
 * resonance variable give AUC 1/2; a significant excess means a cut on any classifier of them can
 * sculpt a bump, so the hunt's p-values cannot be trusted there.
 */
export async function correlationCheck(background: HuntEvents, regions: SignalRegion[], settings: { classifier: MethodRef; backend: string; rng: Rng; sigma: number }, runner: FoldRunner): Promise<CorrelationResult[]> {
  const plans = regions.map((region) => {
    const rows: number[] = [];
    for (let i = 0; i < background.n; i++) if (background.bin[i] >= region.window[0] && background.bin[i] <= region.window[1]) rows.push(i);
    const events = subsetEvents(background, rows);
    const label = Float32Array.from(events.bin, (b) => (b >= region.sr[0] && b <= region.sr[1] ? 1 : 0));
    const rng = settings.rng.fork(`sr:${region.index}`);
    const perm = rng.permutation(events.n);
    const halves = [perm.subarray(0, events.n >> 1), perm.subarray(events.n >> 1)];
    return { region, events, label, halves, rng };
  });
  const inputs: FoldTaskInput[] = plans.flatMap(({ events, label, halves, rng }) => [0, 1].map((h): FoldTaskInput => {
    const train = subsetEvents(events, halves[1 - h]);
    return {
      features: events.features, train: { x: train.x, y: Float32Array.from(halves[1 - h], (i) => label[i]), w: train.weights },
      evaluate: subsetEvents(events, halves[h]).x, classifier: settings.classifier, seed: rng.fork(`half:${h}`).nextSeed(), backend: settings.backend,
    };
  }));
  const results = await runner.run(inputs);
  return plans.map(({ region, events, label, halves }, r) => {
    const scores = new Float32Array(events.n);
    [0, 1].forEach((h) => halves[h].forEach((row, j) => { scores[row] = results[2 * r + h].scores[j]; }));
    const auc = weightedAuc(scores, label, events.weights);
    const z = (auc.value - 0.5) / (auc.error ?? Number.NaN);
    return { index: region.index, sr: region.sr, auc, z, warn: z > settings.sigma };
  });
}
