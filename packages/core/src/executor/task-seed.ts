import { Rng } from '../random/rng.js';
import type { TaskSpec } from './executor.js';

/**
 * The seed task `index` of a map runs with: its own `seed` when it has one, else one derived from
 * the executor's run seed and the index (independent of the other tasks and of where the task
 * runs), so every executor gives a task the same seed.
 * @example const ctx = { seed: taskSeed(spec, 5, 2), attempt: 1, index: 2 }
 */
export function taskSeed(spec: Pick<TaskSpec, 'seed'>, runSeed: number, index: number): number {
  return spec.seed ?? new Rng(runSeed).fork(index).nextSeed();
}
