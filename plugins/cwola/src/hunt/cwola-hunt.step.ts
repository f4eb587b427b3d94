import { HepuqError, loadDataSource, methodRef, RegistriesToken, taskBackend, type Registries, type RunStep, type RunStepInput } from '@hepuq/core';
import { resolveClassifier } from '../cwola/classifier-choice.js';
import { networkHealthSummary, type NetworkHealthSummary } from '../health/heal-networks.js';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { planCorrelationCheck, type CorrelationResult } from './correlation-check.js';
import { foldRunner } from './fold-runner.js';
import { concatEvents, huntEvents, subsetEvents, type HuntEvents } from './hunt-events.js';
import { huntRegions, type HuntRegion, type HuntSelection, type HuntSettings } from './hunt.js';
import { CWOLA_HUNT, CwolaHuntOptions } from './hunt.options.js';
import { planInjectionScan, type InjectionScan } from './injection-scan.js';
import { foldAssignment } from './nested-kfold.js';
import { huntEdges, signalRegions } from './signal-regions.js';

/** One row of `hunt.json`: a signal region at one selection efficiency (1 = no selection). */
export type HuntRow = { sr: number; sr_bins: [number, number]; sr_range: [number, number] }
  & Pick<HuntSelection, 'efficiency' | 'kept' | 'observed' | 'expected' | 'sigma_b' | 'mu_hat' | 'z' | 'p0' | 'signal' | 'error'>;

/** What the step returns (steps.json, the report's `artifacts['cwola-hunt']`). */
export interface HuntArtifact {
  resonance: string;
  features: string[];
  edges: number[];
  folds: number;
  fit: CwolaHuntOptions['fit'];
  regions: HuntRegion[];
  correlation?: CorrelationResult[];
  injection?: InjectionScan;
  hunt: HuntRow[];
  /** The health check of the hunt's nested k-fold networks over all signal regions (with `health.check`; per region in `regions[i].training.health`). */
  health?: NetworkHealthSummary;
}

/**
 * The `cwola-hunt` run step: CWoLa hunting (Collins, Howe, Nachman 2018) over sliding signal regions
 * of a binned resonance variable. Per region, nested k-fold networks of signal region against
 * sidebands score every event without having seen it (trained through the run's executor), cuts at
 * fixed efficiencies select events, and the selected spectrum gets the dijet fit with the signal
 * region masked and a local significance there. With the true labels it also checks that the
 * features do not know the resonance variable and can scan injected signal. Writes `hunt.json`.
 * @example steps: [{ use: cwola-hunt, options: { resonance: mjj, truth: is_signal, bins: { n: 20, min: 2500, max: 6500, scale: log } } }]
 */
export const cwolaHuntStep: RunStep<typeof CwolaHuntOptions> = {
  key: CWOLA_HUNT,
  description: 'CWoLa hunting: nested k-fold signal-region-vs-sideband classifiers, selections at fixed efficiency, dijet fit and local significance per signal region',
  options: CwolaHuntOptions,
  async run(input): Promise<Record<string, unknown>> {
    const o = input.options;
    const registries = input.services.resolve(RegistriesToken);
    const classifier = resolveClassifier(registries.methods, o.classifier, `steps.${CWOLA_HUNT}.options.classifier`);
    const ref = methodRef(registries.methods, classifier.method.key, classifier.options, import.meta.url);
    const edges = huntEdges(o.bins);
    const regions = signalRegions(o.signalRegions, edges.length - 1);
    const events = await loadEvents(input, registries, edges);
    const backend = taskBackend();
    // everything that can be checked is checked before the first network trains
    const background = await backgroundEvents(input, registries, edges, events);
    const correlation = background && planCorrelationCheck(background, regions, { classifier: ref, backend, rng: input.rng.fork('correlation'), sigma: o.correlationCheck?.sigma ?? 3 });
    if (!background && o.correlationCheck) {
      input.events.emit('log:warn', { message: `${CWOLA_HUNT}: correlationCheck needs \`truth\` or \`correlationCheck.data\` (background events); skipped` }, PLUGIN_NAME);
    }
    const injection = o.injection && planInjectionScan(events, regions, o.injection.signals, o.injection.sr);
    const runner = foldRunner(classifier.method, input.executor, input.signal);
    const settings: HuntSettings = {
      edges, efficiencies: o.efficiencies, fit: o.fit,
      kfold: {
        fold: foldAssignment(events.n, o.folds, input.rng.fork('folds')), k: o.folds, select: o.select ?? o.folds - 1, classifier: ref, backend, rng: input.rng.fork('networks'),
        health: o.health, events: input.events,
      },
    };
    const found = await huntRegions(events, regions, settings, runner);
    const artifact: HuntArtifact = { resonance: o.resonance, features: events.features, edges, folds: o.folds, fit: o.fit, regions: found, hunt: huntTable(found) };
    if (o.health.check) artifact.health = networkHealthSummary(found.map((r) => r.training.health!));
    if (correlation) {
      artifact.correlation = await correlation.run(runner);
      for (const c of artifact.correlation.filter((r) => r.warn)) {
        const excess = c.z === null ? 'with no error' : `${c.z.toFixed(1)} sigma above 1/2`;
        input.events.emit('log:warn', {
          message: `${CWOLA_HUNT}: in signal region ${c.index} (bins ${c.sr[0]}-${c.sr[1]}) a classifier trained on background alone separates signal region from sidebands (AUC ${c.auc.value.toFixed(3)}, ${excess}): the features know ${o.resonance}, so a selection can sculpt a bump`,
        }, PLUGIN_NAME);
      }
    }
    if (injection) artifact.injection = await injection.run(settings, runner, input.rng.fork('injection'));
    input.files?.json('hunt.json', artifact.hunt);
    return artifact as unknown as Record<string, unknown>;
  },
};

/** The hunt's events: the step's `data`, else the run's training and test sets together. */
async function loadEvents(input: RunStepInput<CwolaHuntOptions>, registries: Registries, edges: number[]): Promise<HuntEvents> {
  const o = input.options;
  const events = o.data
    ? huntEvents(await loadDataSource(registries, o.data, input.rng.fork('data')), edges, o)
    : concatEvents(huntEvents(input.train, edges, o), huntEvents(input.test, edges, o));
  if (events.n === 0) {
    throw new HepuqError('EmptyDataset', `${CWOLA_HUNT}: no event has ${o.resonance} inside the bins ${edges[0]}..${edges[edges.length - 1]}`, { plugin: PLUGIN_NAME });
  }
  return events;
}

/** Background-only events for the correlation check: its own `data`, else the events with truth 0; none without either. */
async function backgroundEvents(input: RunStepInput<CwolaHuntOptions>, registries: Registries, edges: number[], events: HuntEvents): Promise<HuntEvents | undefined> {
  const o = input.options;
  const source = o.correlationCheck?.data;
  if (source) return huntEvents(await loadDataSource(registries, source, input.rng.fork('background')), edges, { ...o, features: events.features, truth: undefined });
  if (!events.truth) return undefined;
  const rows: number[] = [];
  for (let i = 0; i < events.n; i++) if (events.truth[i] === 0) rows.push(i);
  return subsetEvents(events, rows);
}

/** The rows of hunt.json: per signal region and efficiency. */
export function huntTable(found: HuntRegion[]): HuntRow[] {
  return found.flatMap((r) => r.selections.map((s) => ({
    sr: r.index, sr_bins: r.sr, sr_range: r.sr_range, efficiency: s.efficiency, kept: s.kept,
    observed: s.observed, expected: s.expected, sigma_b: s.sigma_b, mu_hat: s.mu_hat, z: s.z, p0: s.p0,
    ...(s.signal === undefined ? {} : { signal: s.signal }), ...(s.error ? { error: s.error } : {}),
  })));
}
