import type { z } from 'zod';
import type { Dataset } from '../data/dataset.js';
import type { Services } from '../di/services.js';
import type { Events } from '../events/event-bus.js';
import type { Executor } from '../executor/executor.js';
import type { Prediction } from '../method/prediction.js';
import type { FittedModel, TaskKind, UQMethod } from '../method/uq-method.js';
import type { Registry } from '../registry/registry.js';
import type { Rng } from '../random/rng.js';

/** What a run step sees: its parsed options, the fitted run, and the run's services. */
export interface RunStepInput<O = unknown> {
  /** The step's `options:`, parsed by its schema before the run trained anything. */
  options: O;
  train: Dataset;
  test: Dataset;
  /** The test prediction (recalibrated when the run recalibrates). */
  prediction: Prediction;
  model: FittedModel;
  /** The run's method options as its schema parsed them (what a step that refits the run's method starts from). */
  methodOptions?: unknown;
  /** The app's services: `services.resolve(RegistriesToken).formats` to read files, `.methods` to train classifiers, ... */
  services: Services;
  /** The step's own seeded generator (forked from the run seed by the step key). */
  rng: Rng;
  events: Events;
  /** The run's executor, for steps that train many models (absent: train in-process). */
  executor?: Executor;
  signal?: AbortSignal;
  /** Files the step adds to the run directory, published with it (absent outside a run, e.g. in unit tests). */
  files?: RunStepFiles;
}

/**
 * Extra files of a run step (a workspace, a table), written into the run directory when the run
 * publishes it, so they appear atomically with everything else. A name is one path segment that no
 * other step or the run itself uses.
 * @example input.files?.json('workspace.json', workspace)
 */
export interface RunStepFiles {
  json(name: string, value: unknown): void;
  text(name: string, content: string): void;
}

/**
 * A procedure a run config lists under `steps: [{ use, options }]` (an evaluation, a likelihood
 * fit, a comparison): registered in `registries.steps`. `options` is validated before the run
 * starts, so a typo never costs a training; the JSON-like result lands in `steps.json` under the
 * step key and is handed to report sections as `artifacts[key]`.
 * @example ctx.steps.add('acme/closure', { key: 'acme/closure', description: '...', options: z.object({ bins: z.number().int() }).strict(), run: ({ options, test, prediction }) => closure(test, prediction, options.bins) })
 */
export interface RunStep<S extends z.ZodType = z.ZodType> {
  readonly key: string;
  readonly description: string;
  /** Options schema (strict: unknown keys are errors). */
  readonly options: S;
  /** The tasks whose runs the step can follow; absent: any. */
  readonly tasks?: readonly TaskKind[];
  /**
   * Checks against the run before anything trains (e.g. that the run's method has the option a scan
   * varies); throws a catalog error. `methodOptions` are the run's, parsed; `methods` the app's registry.
   */
  check?(input: RunStepCheck<z.output<S>>): void;
  run(input: RunStepInput<z.output<S>>): Promise<Record<string, unknown>> | Record<string, unknown>;
}

/** What `RunStep.check` sees: the step's options, the run's method with its parsed options, and the app's methods. */
export interface RunStepCheck<O = unknown> {
  options: O;
  method: UQMethod;
  methodOptions: unknown;
  methods: Registry<UQMethod>;
}
