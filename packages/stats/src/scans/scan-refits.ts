import { datasetTransfer, methodRef, RegistriesToken, taskBackend, type Dataset, type RunStepInput } from '@hepuq/core';
import { refitAll, type RefitInput } from './refit.task.js';
import { refitSummary, type RefitSummary } from './refit-summary.js';
import type { RefitTarget } from './refit-target.js';

/** One refit of a scan: its training events, its parsed method options and the tag its seeds fork from. */
export interface ScanRefit {
  train: Dataset;
  options: unknown;
  /** Refits with the same tag start from the same seeds (common random numbers, so a scan isolates what it varies). */
  seedTag: string;
}

/**
 * Refit `target.method` once per entry on the run's executor (else in-process), predict the run's test
 * set with each and summarise it; results in input order.
 * @example const summaries = await scanRefits(input, target, widths.map((w) => ({ train: input.train, options: pointOptions(...), seedTag: 'fit' })))
 */
export async function scanRefits(input: RunStepInput, target: RefitTarget, refits: ScanRefit[]): Promise<RefitSummary[]> {
  const registries = input.services.resolve(RegistriesToken);
  const test = datasetTransfer(input.test);
  const backend = taskBackend();
  const inputs: RefitInput[] = refits.map((r) => ({
    method: methodRef(registries.methods, target.method.key, r.options, import.meta.url),
    train: datasetTransfer(r.train), test,
    seed: input.rng.fork(`fit:${r.seedTag}`).nextSeed(),
    predictSeed: input.rng.fork(`predict:${r.seedTag}`).nextSeed(),
    backend,
  }));
  const predictions = await refitAll(target.method, inputs, {
    executor: input.executor, events: input.events, signal: input.signal, context: { methods: registries.methods, networks: registries.networks },
  });
  return predictions.map((p) => refitSummary(p, input.test));
}
