import type { MethodRef, MetricValue, Rng } from '@hepuq/core';
import { weightedAuc } from '../cwola/cwola-diagnostics.js';
import type { FoldTaskInput } from './fold.task.js';
import type { FoldRunner } from './fold-runner.js';
import { inBins, rowsInBins, subsetEvents, type HuntEvents } from './hunt-events.js';
import { checkClasses } from './nested-kfold.js';
import type { SignalRegion } from './signal-regions.js';

/** Whether the features know the resonance variable in one signal region. */
export interface CorrelationResult {
  index: number;
  sr: [number, number];
  /** Out-of-fold AUC of signal region against sidebands of a classifier trained on background alone. */
  auc: MetricValue;
  /** (auc - 1/2) / error; null when the AUC has no error (e.g. perfect separation). */
  z: number | null;
  /** z above the configured threshold (or a perfect separation): a hunt here can make a bump from background alone. */
  warn: boolean;
}

export interface CorrelationSettings {
  classifier: MethodRef;
  backend: string;
  rng: Rng;
  /** Standard errors of AUC above 1/2 that trigger a warning. */
  sigma: number;
}

/**
 * The sculpting check of CWoLa hunting: per signal region, a classifier trained on background alone
 * to separate signal region from sidebands (2-fold: each half trains on the other half's events and
 * scores its own), with the out-of-fold AUC and its bootstrap error. Features independent of the
 * resonance variable give AUC 1/2; a significant excess means a cut on any classifier of them can
 * sculpt a bump, so the hunt's p-values cannot be trusted there. The plan is checked (both classes
 * in every half) when this is called, before anything trains.
 */
export function planCorrelationCheck(background: HuntEvents, regions: SignalRegion[], settings: CorrelationSettings): { run(runner: FoldRunner): Promise<CorrelationResult[]> } {
  const plans = regions.map((region) => {
    const events = subsetEvents(background, rowsInBins(background, region.window));
    const label = Float32Array.from(events.bin, (b) => (inBins(b, region.sr) ? 1 : 0));
    const rng = settings.rng.fork(`sr:${region.index}`);
    const perm = rng.permutation(events.n);
    const halves = [perm.subarray(0, events.n >> 1), perm.subarray(events.n >> 1)];
    const inputs = [0, 1].map((h): FoldTaskInput => {
      const train = subsetEvents(events, halves[1 - h]);
      const y = Float32Array.from(halves[1 - h], (i) => label[i]);
      checkClasses(y, `correlation check, signal region ${region.index} (bins ${region.sr[0]}-${region.sr[1]}), half ${1 - h} of the background`);
      return {
        features: events.features, train: { x: train.x, y, w: train.weights }, evaluate: subsetEvents(events, halves[h]).x,
        classifier: settings.classifier, seed: rng.fork(`half:${h}`).nextSeed(), backend: settings.backend,
      };
    });
    return { region, events, label, halves, inputs };
  });
  return {
    async run(runner) {
      const results = await runner.run(plans.flatMap((p) => p.inputs));
      return plans.map(({ region, events, label, halves }, r) => {
        const scores = new Float32Array(events.n);
        [0, 1].forEach((h) => halves[h].forEach((row, j) => { scores[row] = results[2 * r + h].scores[j]; }));
        const auc = weightedAuc(scores, label, events.weights);
        const z = auc.error !== undefined && auc.error > 0 ? (auc.value - 0.5) / auc.error : null;
        return { index: region.index, sr: region.sr, auc, z, warn: z === null ? auc.value > 0.5 : z > settings.sigma };
      });
    },
  };
}
