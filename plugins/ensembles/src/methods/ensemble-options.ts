import { ClassesOption, MlpOptions } from '@hepuq/nn';
import { NetworkRef, z, MemberHealthOptions } from '@hepuq/core';

export const DEEP_ENSEMBLE = 'deep-ensemble';
export const DEEP_ENSEMBLE_CLASSIFIER = 'deep-ensemble-classifier';
export const BOOTSTRAP_ENSEMBLE = 'bootstrap-ensemble';
export const BOOTSTRAP_ENSEMBLE_CLASSIFIER = 'bootstrap-ensemble-classifier';
export const REPULSIVE_ENSEMBLE = 'repulsive-ensemble';
export const REPULSIVE_ENSEMBLE_CLASSIFIER = 'repulsive-ensemble-classifier';

/** Network and optimiser options shared with core's het-mlp / mlp-classifier, plus the ensemble size. */
const common = {
  ...MlpOptions.shape,
  /** Ensemble size M (the number of replicas a prediction can return). */
  members: z.number().int().min(2).max(1000).default(10),
  /** The members' network body (default `mlp`; `deep-sets`, `pfn`, `efn` read a particle set). */
  network: NetworkRef,
  /** The member health check after training: failed members are retrained with a new seed. */
  health: MemberHealthOptions.prefault({}),
};

/**
 * Minibatch order. `per-member`: member m visits the events in its own fixed random relabelling
 * pi_m composed with the epoch's shuffle, so every member sees an independent order; `shared`: all
 * members see the same batches (then initialisation is the only difference between deep-ensemble members).
 */
const batchOrder = z.enum(['per-member', 'shared']).default('per-member');

/**
 * `true` (default): members of one architecture train as one stacked network (member-wise matmuls).
 * `false`: members train one by one, on `ctx.executor` when the run has one, else in this thread.
 */
const stacked = z.boolean().default(true);

/**
 * Stacked training across threads: the members are split into this many groups, each trained stacked
 * as one task (on the run's executor, else on worker threads of this process); the results are the
 * same bit for bit as one stack. 1 (default): one stack in this thread. `auto`: one group per core
 * when the machine has more than one and the training is long enough to pay for starting the threads
 * (about a second of estimated work per group), else one stack; one stack also with checkpoints
 * (`--checkpoint-every`), which only in-thread training writes. Not for repulsive ensembles, whose
 * members interact. docs/methods/ensembles.md has when splitting wins.
 */
const workers = z.union([z.literal('auto'), z.number().int().positive()]).default(1);

const regression = {
  /**
   * How sigma_stat is read off the M member means. `predictive`: their spread times
   * sqrt((M + 1) / (M - 3)), the standard deviation of the truth's Student-t predictive given M draws, so
   * a calibrated ensemble's stat-only pulls have std 1 at any M; `spread`: the plain population spread,
   * whose pulls have std sqrt((M + 1) / (M - 3)) even when calibrated (1.73 at M = 5, 1.25 at 10).
   * Default: `predictive` from 4 members, `spread` for 2 or 3 (where that standard deviation is infinite).
   */
  sigmaStat: z.enum(['predictive', 'spread']).optional(),
};
const classification = {
  /** Reweight the classes to equal total weight. */
  balance: z.boolean().default(false),
  /** Number of classes or their names (labels 0..K-1); default: largest label + 1. K >= 3 trains softmax members. */
  classes: ClassesOption,
};

const deep = { batchOrder, stacked, workers };

const bootstrap = {
  stacked,
  workers,
  /** `false`: no Poisson resampling (every member sees the sample as is): with a fixed init the spread is 0. */
  resample: z.boolean().default(true),
  /** `true`: each member also gets its own initialisation, to measure the initialisation component separately. */
  varyInit: z.boolean().default(false),
};

const repulsive = {
  batchOrder,
  /** beta: weight of the repulsive kernel term; 1 is the gradient flow towards the posterior, 0 a deep ensemble with a prior. */
  repulsion: z.number().min(0).finite().default(1),
  /**
   * `weight` (default): RBF kernel on the flattened weights; `function`: on the members' predictions
   * (mean or logit) on a batch of training inputs. docs/methods/ensembles.md has the measured difference.
   */
  kernel: z.enum(['function', 'weight']).default('weight'),
  /**
   * Width s of a Gaussian weight prior p(theta) = N(0, s^2) in the posterior the flow targets; absent
   * (default): flat, as for the deep ensemble, so the two differ by the repulsion alone.
   */
  priorWidth: z.number().positive().finite().optional(),
};

export const DeepEnsembleOptions = z.object({ ...common, ...deep, ...regression }).strict();
export type DeepEnsembleOptions = z.infer<typeof DeepEnsembleOptions>;
export const DeepEnsembleClassifierOptions = z.object({ ...common, ...deep, ...classification }).strict();
export type DeepEnsembleClassifierOptions = z.infer<typeof DeepEnsembleClassifierOptions>;

export const BootstrapEnsembleOptions = z.object({ ...common, ...bootstrap, ...regression }).strict();
export type BootstrapEnsembleOptions = z.infer<typeof BootstrapEnsembleOptions>;
export const BootstrapEnsembleClassifierOptions = z.object({ ...common, ...bootstrap, ...classification }).strict();
export type BootstrapEnsembleClassifierOptions = z.infer<typeof BootstrapEnsembleClassifierOptions>;

export const RepulsiveEnsembleOptions = z.object({ ...common, ...repulsive, ...regression }).strict();
export type RepulsiveEnsembleOptions = z.infer<typeof RepulsiveEnsembleOptions>;
export const RepulsiveEnsembleClassifierOptions = z.object({ ...common, ...repulsive, ...classification }).strict();
export type RepulsiveEnsembleClassifierOptions = z.infer<typeof RepulsiveEnsembleClassifierOptions>;

/** The union every ensemble fit accepts (fields absent from a method's schema are absent here too). */
export type EnsembleOptions = z.infer<typeof MlpOptions> & {
  members: number;
  health: MemberHealthOptions;
  network: NetworkRef;
  batchOrder?: 'per-member' | 'shared';
  stacked?: boolean;
  workers?: 'auto' | number;
  resample?: boolean;
  varyInit?: boolean;
  repulsion?: number;
  kernel?: 'function' | 'weight';
  priorWidth?: number;
  sigmaStat?: 'predictive' | 'spread';
  balance?: boolean;
  classes?: ClassesOption;
};
