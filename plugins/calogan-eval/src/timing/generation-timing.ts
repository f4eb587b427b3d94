import { HepuqError, parseOrThrow, z } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { median } from '../stats/summary-stats.js';

/** A generator under test: produce `n` events (the result is ignored; a promise is awaited). */
export type GeneratorFn = (n: number) => unknown | Promise<unknown>;

export const TimingOptions = z
  .object({
    batchSizes: z.array(z.number().int().positive()).min(1).default([1, 10, 100, 1000]),
    repeats: z.number().int().min(3).default(7),
    /** Untimed calls per batch size first (JIT, allocation, kernel compilation). */
    warmup: z.number().int().min(0).default(1),
  })
  .strict();
export type TimingOptions = z.input<typeof TimingOptions>;

export interface TimingPoint {
  batchSize: number;
  /** Median over repeats of the wall time per event, in milliseconds. */
  msPerEvent: number;
  /** Standard error of that median, 1.2533 x 1.4826 MAD / sqrt(repeats) (normal-theory efficiency of the median). */
  error: number;
  repeats: number;
}

export interface TimingResult {
  points: TimingPoint[];
  /** The batch size with the lowest time per event. */
  best: TimingPoint;
}

/**
 * Generation time per event at several batch sizes (CaloGAN's table: ms/shower falls with batch size
 * until the hardware saturates; de Oliveira, Paganini & Nachman 1712.10321): for each batch size,
 * `warmup` untimed calls, then `repeats` timed calls; median time per event and its error.
 * @example const t = await measureGenerationTime((n) => model.sample(n), { batchSizes: [1, 100, 1000] });
 */
export async function measureGenerationTime(generator: GeneratorFn, options: TimingOptions = {}): Promise<TimingResult> {
  const opts = parseOrThrow(TimingOptions, options, { code: 'InvalidArgument', where: 'timing options', plugin: PLUGIN_NAME });
  if (typeof generator !== 'function') throw new HepuqError('InvalidArgument', 'timing: the generator must be a function (n) => events', { plugin: PLUGIN_NAME });
  const points: TimingPoint[] = [];
  for (const batchSize of opts.batchSizes) {
    for (let w = 0; w < opts.warmup; w++) await generator(batchSize);
    const perEvent = new Float64Array(opts.repeats);
    for (let r = 0; r < opts.repeats; r++) {
      const t0 = performance.now();
      await generator(batchSize);
      perEvent[r] = (performance.now() - t0) / batchSize;
    }
    const m = median(perEvent);
    const mad = median(perEvent.map((v) => Math.abs(v - m)));
    points.push({ batchSize, msPerEvent: m, error: (1.2533 * 1.4826 * mad) / Math.sqrt(opts.repeats), repeats: opts.repeats });
  }
  const best = points.reduce((a, b) => (b.msPerEvent < a.msPerEvent ? b : a));
  return { points, best };
}
