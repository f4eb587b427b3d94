import { HepuqError, parseOrThrow, type Dataset, type Rng, type TaskKind, type ToyGenerator, type z } from '@hepuq/core';

/**
 * A toy generator whose `generate` also accepts partial (raw) options: they are validated against
 * the schema and completed with its defaults, so `toy.generate(1000, {}, rng)` works.
 */
export interface Toy<S extends z.ZodType> extends ToyGenerator<S> {
  generate(n: number, options: z.input<S> | z.infer<S> | undefined, rng: Rng): Dataset;
}

interface ToySpec<S extends z.ZodType> {
  key: string;
  task: TaskKind;
  description: string;
  options: S;
  /** Draw `n` events from already validated options. */
  sample(n: number, options: z.infer<S>, rng: Rng): Dataset;
}

/**
 * Build a toy generator that checks `n` and the options (unknown keys, ranges) before sampling.
 * Bad options throw `HepuqError('InvalidConfig')` naming the toy and the offending option.
 * @example const toy = defineToy({ key: 'acme/flat', task: 'generation', description: '...', options, sample });
 */
export function defineToy<S extends z.ZodType>(spec: ToySpec<S>): Toy<S> {
  return {
    key: spec.key,
    task: spec.task,
    description: spec.description,
    options: spec.options,
    generate(n, options, rng) {
      if (!Number.isInteger(n) || n < 1) {
        throw new HepuqError('InvalidArgument', `toy "${spec.key}": the number of events must be a positive integer, got ${n}`);
      }
      const parsed = parseOrThrow(spec.options, options ?? {}, { code: 'InvalidConfig', where: `toy "${spec.key}"`, path: 'options' });
      return spec.sample(n, parsed, rng);
    },
  };
}
