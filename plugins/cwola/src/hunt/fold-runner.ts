import type { Executor, TaskSpec, UQMethod } from '@hepuq/core';
import { fitAndScore, FOLD_TASK_MODULE, type FoldTaskInput, type FoldTaskResult } from './fold.task.js';

/** Trains the networks of a hunt: through the run's executor when there is one, else one after another in this process. */
export interface FoldRunner {
  run(inputs: FoldTaskInput[]): Promise<FoldTaskResult[]>;
}

/**
 * A runner for `method` (the classifier named in every input): `executor.map` over `trainFold`
 * tasks, or in-process training with this app's method.
 */
export function foldRunner(method: UQMethod, executor: Executor | undefined, signal?: AbortSignal): FoldRunner {
  return {
    async run(inputs) {
      if (executor) {
        const tasks: TaskSpec<FoldTaskInput>[] = inputs.map((input) => ({ module: FOLD_TASK_MODULE, export: 'trainFold', seed: input.seed, input }));
        return executor.map<FoldTaskInput, FoldTaskResult>(tasks, { signal });
      }
      const out: FoldTaskResult[] = [];
      for (const input of inputs) out.push(await fitAndScore(method, input, signal));
      return out;
    },
  };
}
