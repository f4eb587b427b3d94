import type { z } from 'zod';
import type { Rng } from '../random/rng.js';
import type { TaskKind } from '../method/uq-method.js';
import type { Dataset } from './dataset.js';

/**
 * A toy generator with KNOWN truth: the registry entry behind `data: { train: { toy: <key> } }`.
 * The returned dataset carries the truth in `extras` (`true_mean`, `true_sigma` for regression,
 * `true_prob` for classification, `true_density` for densities).
 */
export interface ToyGenerator<S extends z.ZodType = z.ZodType> {
  readonly key: string;
  readonly task: TaskKind;
  readonly description: string;
  readonly options: S;
  generate(n: number, options: z.infer<S>, rng: Rng): Dataset;
}
