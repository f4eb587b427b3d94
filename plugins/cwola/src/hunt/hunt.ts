import { HepuqError, type MetricValue } from '@hepuq/core';
import { bumpFit, type BumpFitResult } from '../bump-fit/bump-fit.js';
import type { RegionHealth } from '../health/heal-networks.js';
import { weightedAuc } from '../cwola/cwola-diagnostics.js';
import type { FoldRunner } from './fold-runner.js';
import { inBins, rowsInBins, type HuntEvents } from './hunt-events.js';
import type { HuntFit } from './hunt.options.js';
import { scoreRegions, type NestedKFold } from './nested-kfold.js';
import { scoreThreshold, selectedCounts } from './score-selection.js';
import type { SignalRegion } from './signal-regions.js';

/** What a hunt needs besides its events: bins, selections, the fit and the nested k-fold. */
export interface HuntSettings {
  edges: number[];
  /** Selection efficiencies; the inclusive spectrum (efficiency 1) is always analysed first. */
  efficiencies: number[];
  fit: HuntFit;
  kfold: NestedKFold;
}

/** The background fit of one selected spectrum, as the hunt reports it. */
export type HuntFitSummary = Pick<BumpFitResult, 'fit_params' | 'fit_errors' | 'chi2' | 'ndf' | 'background'>;

/** One selection of one signal region: threshold, selected spectrum, fit and counting result. */
export interface HuntSelection {
  efficiency: number;
  /** Scores at or above it pass (null: no cut, the inclusive spectrum). */
  threshold: number | null;
  /** Weighted fraction of the window's events that pass: `efficiency`, or more when scores tie at the threshold. */
  kept: number;
  /** Selected (weighted) counts per bin. */
  counts: number[];
  observed: number | null;
  expected: number | null;
  sigma_b: number | null;
  mu_hat: number | null;
  z: number | null;
  p0: number | null;
  fit: HuntFitSummary | null;
  /** Why the fit failed, when it did. */
  error?: string;
  /** True signal weight selected in the signal region (with `truth`). */
  signal?: number;
}

/** Everything a hunt found in one signal region. */
export interface HuntRegion {
  index: number;
  /** First and last bin of the signal region (0-based, inclusive). */
  sr: [number, number];
  /** Its range in the resonance variable. */
  sr_range: [number, number];
  /** First and last bin of the training window (signal region and sidebands). */
  window: [number, number];
  /** Weight of events in the signal region and in the sidebands (and of true signal in the signal region, with truth). */
  events: { sr: number; sidebands: number; signal_sr?: number };
  training: {
    /** Per test fold, the validation loss of each inner network (null without validation events of both classes). */
    validation_loss: (number | null)[][];
    /** Per test fold, the validation folds whose networks were averaged. */
    selected: number[][];
    /** Out-of-fold AUC of signal region against sidebands in the window. */
    mixed_auc: MetricValue;
    /** Out-of-fold AUC of true signal against background in the window (with truth). */
    signal_auc?: MetricValue;
    /** The networks' health check: retrainings, networks still failing, largest loss excess and disagreement (with `health.check`). */
    health?: RegionHealth;
  };
  selections: HuntSelection[];
}

/**
 * CWoLa hunting over `regions` (Collins, Howe, Nachman, arXiv:1805.02664 and 1902.02634): nested
 * k-fold scores of signal region against sidebands, then for the inclusive spectrum and every
 * efficiency a threshold keeping that fraction of the window's events, the selected spectrum over
 * all bins, the dijet fit with the signal region masked, and the signal region as a counting
 * experiment with the fitted background as a constrained nuisance. A failed fit is reported in its
 * selection (`error`) without stopping the hunt.
 */
export async function huntRegions(events: HuntEvents, regions: SignalRegion[], settings: HuntSettings, runner: FoldRunner): Promise<HuntRegion[]> {
  const scored = await scoreRegions(events, regions, settings.kfold, runner);
  const { edges } = settings;
  const nBins = edges.length - 1;
  return regions.map((region, r) => {
    const { scores, validationLoss, selected, health } = scored[r];
    const windowRows = rowsInBins(events, region.window);
    const inSr = (i: number) => inBins(events.bin[i], region.sr);
    const pick = (a: Float32Array) => Float32Array.from(windowRows, (i) => a[i]);
    const weightOf = (keep: (i: number) => boolean) => windowRows.reduce((s, i) => s + (keep(i) ? events.weights[i] : 0), 0);
    const total = weightOf(() => true);
    const srWeight = weightOf(inSr);
    const truth = events.truth;
    const signalIn = (pass: (i: number) => boolean) => weightOf((i) => inSr(i) && truth![i] === 1 && pass(i));
    const selections = [1, ...settings.efficiencies].map((efficiency): HuntSelection => {
      const threshold = efficiency === 1 ? -Infinity : scoreThreshold(scores, events.weights, windowRows, efficiency);
      const pass = (i: number) => scores[i] >= threshold;
      const counts = selectedCounts(events.bin, events.weights, scores, threshold, nBins);
      return {
        efficiency, threshold: efficiency === 1 ? null : threshold, kept: weightOf(pass) / total, counts,
        ...fitSelection(edges, counts, region.sr, settings.fit), ...(truth ? { signal: signalIn(pass) } : {}),
      };
    });
    return {
      index: region.index, sr: region.sr, sr_range: [edges[region.sr[0]], edges[region.sr[1] + 1]], window: region.window,
      events: { sr: srWeight, sidebands: total - srWeight, ...(truth ? { signal_sr: signalIn(() => true) } : {}) },
      training: {
        validation_loss: validationLoss, selected,
        mixed_auc: weightedAuc(pick(scores), Float32Array.from(windowRows, (i) => (inSr(i) ? 1 : 0)), pick(events.weights)),
        ...(truth ? { signal_auc: weightedAuc(pick(scores), pick(truth), pick(events.weights)) } : {}),
        ...(health ? { health } : {}),
      },
      selections,
    };
  });
}

type FitPart = Omit<HuntSelection, 'efficiency' | 'threshold' | 'kept' | 'counts' | 'signal'>;

/** The bump fit of one selected spectrum; a fit that fails becomes `error` with null numbers. */
function fitSelection(edges: number[], counts: number[], sr: [number, number], fit: HuntFit): FitPart {
  try {
    const r = bumpFit({ low: edges.slice(0, -1), high: edges.slice(1), counts }, { sr, function: fit.function, sqrtS: fit.sqrtS, fit: fit.method });
    return {
      observed: r.observed, expected: r.expected, sigma_b: r.sigma_b, mu_hat: r.mu_hat, z: r.z, p0: r.p0,
      fit: { fit_params: r.fit_params, fit_errors: r.fit_errors, chi2: r.chi2, ndf: r.ndf, background: r.background },
    };
  } catch (e) {
    if (!(e instanceof HepuqError)) throw e;
    return { observed: null, expected: null, sigma_b: null, mu_hat: null, z: null, p0: null, fit: null, error: e.message };
  }
}
