import { DataSource, ObservedSource, SimulationSource, z } from '@hepuq/core';

/** A run name is one safe path segment: it cannot climb out of `--out` or hide among temp files. */
export const RUN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const Options = z.record(z.string(), z.unknown()).default({});

export const PluginRef = z.union([z.string(), z.object({ name: z.string(), options: Options }).strict()]);
export type PluginRef = z.infer<typeof PluginRef>;

const Use = z.object({ use: z.string(), options: Options }).strict();

/**
 * The run config (YAML or JSON). Strict at every level: an unknown key is an error naming its path.
 * Documented in docs/run-config.md.
 */
export const RunConfig = z
  .object({
    /** One path segment: the run directory `<out>/<name>` (never `.`, `..`, a hidden name or a path). */
    name: z.string().regex(RUN_NAME, 'use one name of letters, digits, ".", "_" and "-" that starts with a letter or digit (at most 100 characters; no "/", no "." or "..")'),
    seed: z.number().int().nonnegative().default(0),
    backend: z.string().optional(),
    plugins: z.array(PluginRef).default([]),
    /** `{ train, test?, testFraction }` for methods that fit and predict; `{ sim, data }` for unfolding methods. */
    data: z
      .object({
        train: DataSource.optional(),
        test: DataSource.optional(),
        /** Fraction of `train` held out as the test set when `test` is absent. */
        testFraction: z.number().gt(0).lt(1).default(0.3),
        /** The simulation of an unfolding run (gen and reco columns, weights, pass masks). */
        sim: SimulationSource.optional(),
        /** The measured data of an unfolding run. */
        data: ObservedSource.optional(),
      })
      .strict()
      .superRefine((d, ctx) => {
        if (d.sim || d.data) {
          if (!d.sim) ctx.addIssue({ code: 'custom', path: ['sim'], message: 'an unfolding run needs the simulation `sim` beside `data`' });
          if (!d.data) ctx.addIssue({ code: 'custom', path: ['data'], message: 'an unfolding run needs the measured `data` beside `sim`' });
          if (d.train || d.test) ctx.addIssue({ code: 'custom', path: [d.train ? 'train' : 'test'], message: 'give `train`/`test` (fit and predict) or `sim`/`data` (unfolding), not both' });
        } else if (!d.train) {
          ctx.addIssue({ code: 'custom', path: ['train'], message: 'required: the training data `train` (or `sim` and `data` for an unfolding method)' });
        }
      }),
    method: Use,
    executor: Use.optional(),
    /** Metrics to compute, by key or as `{ use, options }` for a metric with options (e.g. `closure`); default: the task's standard set. */
    metrics: z.array(z.union([z.string(), Use])).optional(),
    /**
     * Recalibrate on a calibration set held out from `train` (fraction `fraction`): the method is fitted
     * on the rest, the recalibration on the held-out part, and metrics.json describes the recalibrated
     * test predictions (metrics.uncalibrated.json the raw ones).
     */
    recalibration: Use.extend({ fraction: z.number().gt(0).lt(1).default(0.2) }).strict().optional(),
    /** Events a generative method samples into samples.csv (default: as many as the test set). */
    samples: z.number().int().positive().optional(),
    /** Coherent replicas to draw at prediction (0: none). */
    replicas: z.number().int().nonnegative().default(0),
    /** Further steps after the fit (inference procedures, evaluation), each from a registry. */
    steps: z.array(Use).default([]),
    report: z.boolean().default(true),
    /** File of an unfolding run's per-event weights; its extension picks the writer (.csv, .h5, .npy, .parquet). */
    unfoldedWeights: z.string().regex(/^unfolded-weights\.[A-Za-z0-9]+$/, 'name it unfolded-weights.<ext> (csv, h5, npy, parquet)').default('unfolded-weights.csv'),
  })
  .strict();

export type RunConfig = z.infer<typeof RunConfig>;

/** A run config whose data is `{ sim, data }`: the run unfolds. */
export type UnfoldingRunConfig = RunConfig & { data: { sim: SimulationSource; data: ObservedSource } };

/** Whether the config describes an unfolding run (`data: { sim, data }`). */
export function isUnfoldingRun(config: RunConfig): config is UnfoldingRunConfig {
  return config.data.sim !== undefined && config.data.data !== undefined;
}
