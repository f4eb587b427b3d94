import type { z } from 'zod';
import type { Services } from '../di/services.js';
import type { Events } from '../events/event-bus.js';
import type { Rng } from '../random/rng.js';
import type { RunStepFiles } from '../run-step/run-step.js';
import type { UnfoldingResult } from './unfolding-method.js';
import type { UnfoldingProblem } from './unfolding-problem.js';

/** What an unfolding step sees: its parsed options, the problem, the unfolding's result and the run's services. */
export interface UnfoldingStepInput<O = unknown> {
  options: O;
  problem: UnfoldingProblem;
  result: UnfoldingResult;
  services: Services;
  /** The step's own seeded generator (forked from the run seed by the step key). */
  rng: Rng;
  events: Events;
  signal?: AbortSignal;
  /** Files the step adds to the run directory (absent outside a run). */
  files?: RunStepFiles;
}

/**
 * A procedure an unfolding run lists under `steps:` (a binned comparison, a closure test):
 * registered in `registries.unfoldingSteps`. Options are validated before the run starts; the
 * JSON-like result lands in `steps.json` under the step key and reaches report sections as `artifacts[key]`.
 * @example ctx.unfoldingSteps.add('acme/closure', { key: 'acme/closure', description: '...', options: z.object({}).strict(), run: ({ problem, result }) => closure(problem, result) })
 */
export interface UnfoldingStep<S extends z.ZodType = z.ZodType> {
  readonly key: string;
  readonly description: string;
  readonly options: S;
  /** Check the step against the loaded problem before the unfolding trains anything (unknown columns, bins it cannot fill). */
  check?(input: { options: z.output<S>; problem: UnfoldingProblem }): void;
  run(input: UnfoldingStepInput<z.output<S>>): Promise<Record<string, unknown>> | Record<string, unknown>;
}
