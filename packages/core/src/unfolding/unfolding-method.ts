import type { z } from 'zod';
import type { MethodContext, UQMethod } from '../method/uq-method.js';
import type { MetricValue } from '../metrics/metric.js';
import type { Registry } from '../registry/registry.js';
import type { UnfoldingProblem } from './unfolding-problem.js';

/** What an unfolding method gets beyond a method's context: the methods registry, to find its classifier. */
export interface UnfoldingContext extends MethodContext {
  methods: Registry<UQMethod>;
}

/**
 * The result of an unfolding: particle-level weights of the simulation's events. Multiplied with
 * the simulation's own weights they make its particle-level events follow nature, so any
 * observable histogrammed afterwards is unfolded, with error bars from the replicas.
 */
export interface UnfoldingResult {
  /** The weights after each iteration, [iterations][sim.n] (0 for events that fail `passGen`). */
  iterations: Float32Array[];
  /** The final weights by bootstrap replica [R][sim.n]: their spread is the statistical uncertainty. */
  replicas?: Float32Array[];
  /** The final weights by independent classifier run [M][sim.n]: their spread is the method uncertainty. */
  members?: Float32Array[];
  /** Plain figures for metrics.json (effective sample size, clipping, convergence). */
  metrics: Record<string, MetricValue>;
  /** Per-iteration diagnostics (one entry per iteration) for metrics.json and the report. */
  history: Record<string, number>[];
  /** The method's summary, written to unfolded.json and handed to report sections as `artifacts.unfolded` (e.g. unfolded histograms with errors). */
  unfolded?: Record<string, unknown>;
}

/**
 * An unfolding method: the registry entry (`registries.unfoldingMethods`) behind
 * `method: { use: <key> }` in a run whose `data:` is `{ sim, data }`.
 * @example ctx.unfoldingMethods.add('omnifold', omnifoldMethod)
 */
export interface UnfoldingMethod<S extends z.ZodType = z.ZodType> {
  readonly key: string;
  readonly description: string;
  /** Options schema (strict: unknown keys are errors). */
  readonly options: S;
  /** Check method keys inside the parsed options (e.g. a classifier) against the methods registry before the run starts. */
  validate?(options: z.output<S>, methods: Registry<UQMethod>): void;
  unfold(problem: UnfoldingProblem, options: z.output<S>, ctx: UnfoldingContext): Promise<UnfoldingResult>;
}
