import type * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { NetworkGraph } from './network-graph.js';
import type { Dataset } from '../data/dataset.js';
import type { NamedArray } from '../io/model-dir.js';

export type DenseActivation = 'relu' | 'elu' | 'sigmoid' | 'tanh' | 'linear';

/** One stack of dense layers inside a network body (e.g. the per-particle Phi or the event network F). */
export interface DenseStackShape {
  /** Role of the stack, for messages and saved arrays (`phi`, `f`, `mlp`). */
  name: string;
  inputs: number;
  hidden: number[];
  outputs: number;
  /** Activation of every hidden layer (the method's `activation`). */
  activation: DenseActivation;
  /** Whether the stack's last layer is activated too (Phi's latent layer is; an output layer is linear). */
  activateOutput: boolean;
}

/**
 * Stack `index` of the body as the method trains it (deterministic, variational, dropout, stacked
 * members): maps inputs [rows, in] to [rows, out]. A method that evaluates R function draws or
 * ensemble members at once returns [R, rows, out] (from [rows, in] shared by all, or from [R, rows, in]),
 * and the body keeps that leading axis through its parameter-free operations.
 *
 * `rowsPerEvent` (default 1): the number of consecutive rows that belong to one event (P for a set
 * body's Phi, a row per particle slot). A stochastic method must use one function draw for all rows
 * of an event, so its per-row noise (local reparameterisation, dropout masks) becomes per event.
 */
export type DenseStacks = (index: number, x: tf.Tensor, rowsPerEvent?: number) => tf.Tensor;

/**
 * The input matrices of a batch by name (a body's `inputs` says which names and widths): [B, width],
 * or [R, B, width] when every member of a stacked ensemble sees its own batch of events.
 */
export type NetworkInputs = Record<string, tf.Tensor>;

/** A row-major host matrix [n, width] of one named input. */
export interface HostInput {
  values: Float32Array;
  width: number;
}

/** What a model saves about its body: enough for `NetworkBody.restore` (JSON), beside the body's arrays. */
export interface NetworkSpec {
  /** The body's registry key. */
  use: string;
  /** Its options, validated and completed with defaults. */
  options: Record<string, unknown>;
  /** The body's own record (input names, feature names); JSON. */
  state: Record<string, unknown>;
}

/**
 * A network body fitted to a dataset's inputs: its dense stacks, how a dataset becomes its input
 * matrices (standardised, checked against the training data's features), and the parameter-free
 * wiring between the stacks (pooling, concatenation).
 */
export interface NetworkPlan {
  readonly spec: NetworkSpec;
  readonly stacks: readonly DenseStackShape[];
  /** Network outputs per event. */
  readonly outputs: number;
  /**
   * The body's input matrices for `data`, one row per event: a `ShapeMismatch` unless the data has
   * the features and sets the network was built for, `NonFiniteValue` for NaN/Inf.
   */
  inputs(data: Dataset): Record<string, HostInput>;
  /** Rows of the first dense stack per event of `data` (1 for an MLP, P for a set body): for memory budgets. */
  rowsPerEvent(data: Dataset): number;
  /** Outputs [B, outputs], or [R, B, outputs] when the stacks or the inputs have a leading axis. */
  forward(stacks: DenseStacks, inputs: NetworkInputs): tf.Tensor;
  /** Arrays the body keeps (input standardisation), saved with the model. */
  arrays(): NamedArray[];
  /**
   * The same wiring as graph nodes, for export: declares the body's raw inputs (the standardisation
   * goes into the graph) and returns the raw outputs [R, events, outputs]. A body without it cannot
   * be exported (`UnsupportedNetwork`); prediction does not need it.
   */
  graph?(g: NetworkGraph): string;
}

/** What a method hands a body besides the data: its outputs per event and its dense-layer defaults. */
export interface NetworkRequest {
  outputs: number;
  /** The method's `hidden` layers: the default of the body's last (event-level) stack. */
  hidden: number[];
  activation: DenseActivation;
  /** Where warnings go (e.g. truncated sets), if the method has an event bus. */
  warn?: (message: string) => void;
}

/**
 * A network body: the registry entry behind a method's `network: { use, options }` (`mlp`, `deep-sets`,
 * `pfn`, `efn`, or a plugin's). The body fixes the topology; the UQ method supplies the dense layers
 * (deterministic, variational, dropout, stacked ensemble members), so every method works with every
 * body built from dense stacks. Plain objects, so a plugin can register one without decorators.
 * @example registries.networks.add('acme/my-body', myBody)
 */
export interface NetworkBody<S extends z.ZodType = z.ZodType> {
  readonly key: string;
  readonly description: string;
  /** Options schema (strict: unknown keys are errors). */
  readonly options: S;
  /** Build the network for `data` (fits the input standardisation on it). */
  plan(data: Dataset, options: z.infer<S>, request: NetworkRequest): NetworkPlan;
  /** Rebuild the plan a saved model was trained with. */
  restore(spec: NetworkSpec, arrays: readonly NamedArray[], outputs: number): NetworkPlan;
}

/** A method's `network` option: a body by key with its options; default the plain MLP. */
export const NetworkRef = z
  .object({ use: z.string(), options: z.record(z.string(), z.unknown()).default({}) })
  .strict()
  .default({ use: 'mlp', options: {} });
export type NetworkRef = z.infer<typeof NetworkRef>;
