import type { z } from 'zod';
import type { Dataset } from '../data/dataset.js';
import type { Events } from '../events/event-bus.js';
import type { Executor } from '../executor/executor.js';
import type { TrainCheckpoints } from '../train/train-checkpoints.js';
import type { Rng } from '../random/rng.js';
import type { Registry } from '../registry/registry.js';
import type { NetworkBody } from '../network/network-body.js';
import type { GraphOptions, ModelGraph } from '../export/model-graph.js';
import type { ModelDiagnostics } from './model-diagnostics.js';
import type { Prediction } from './prediction.js';

export type TaskKind = 'regression' | 'classification' | 'generation';

/**
 * What a method gets from the run: its seeded generator, the event bus, an executor, the run's
 * abort signal (Ctrl-C) and training checkpoints. Methods hand `signal` and `checkpoints` on to
 * `trainLoop`, which stops at the next step and saves/continues loop states.
 */
export interface MethodContext {
  rng: Rng;
  events: Events;
  executor?: Executor;
  signal?: AbortSignal;
  checkpoints?: TrainCheckpoints;
  /**
   * A model this method fitted earlier on data with the same features, to start training from
   * (warm start, e.g. OmniFold's next iteration); only for methods with `warmStart: true`.
   */
  warmStart?: FittedModel;
  /**
   * The app's methods registry, for methods that train other registered methods (e.g. CWoLa's
   * classifier); runs always pass it.
   */
  methods?: Registry<UQMethod>;
  /**
   * The app's network bodies, so that a method's `network: { use }` finds a plugin's body; without it
   * methods know the built-in bodies (mlp, deep-sets, pfn, efn) only. Runs always pass it.
   */
  networks?: Registry<NetworkBody>;
}

export interface PredictOptions {
  /** Number of coherent replicas (weight draws) to return; 0 returns none. */
  replicas?: number;
  /** Seed for the draws, so predictions are reproducible. */
  seed?: number;
}

/** A trained model. Owns its tensors until `dispose()`. */
export interface FittedModel {
  readonly method: string;
  readonly task: TaskKind;
  predict(data: Dataset, options?: PredictOptions): Promise<Prediction>;
  /** Write architecture, options and weights to `dir` (atomically: see `writeModelDir`). */
  save(dir: string): Promise<void>;
  /**
   * What the model reports about itself on the test set beside the standard metrics (e.g. an
   * adversary's final loss, AUC in bins of a nuisance); merged into metrics.json by the run.
   */
  diagnostics?(test: Dataset, prediction: Prediction): ModelDiagnostics | Promise<ModelDiagnostics>;
  /**
   * The model as a dataflow graph on raw (unstandardised) inputs, for `hepuq export`; absent when the
   * method has no graph form (export then fails with `ExportUnsupported`).
   */
  graph?(options?: GraphOptions): ModelGraph;
  dispose(): void;
}

/**
 * A UQ method: the registry entry behind `method: { use: <key> }`. Plain objects, so a plugin can be
 * written without decorators.
 * @example registries.methods.add('het-mlp', hetMlpMethod)
 */
export interface UQMethod<S extends z.ZodType = z.ZodType> {
  readonly key: string;
  readonly task: TaskKind;
  readonly description: string;
  /** Options schema (strict: unknown keys are errors). */
  readonly options: S;
  /** The method can continue training from `ctx.warmStart`. */
  readonly warmStart?: boolean;
  /**
   * Regression: `fit` trains on every target of `data.targets` (multi-target regression, predictions
   * with `targets`). A run whose data has several targets refuses a method without it.
   */
  readonly multiTarget?: boolean;
  fit(data: Dataset, options: z.infer<S>, ctx: MethodContext): Promise<FittedModel>;
  load(dir: string, ctx: MethodContext): Promise<FittedModel>;
}
