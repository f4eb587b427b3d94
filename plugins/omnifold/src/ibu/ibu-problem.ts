import { z } from '@hepuq/core';

/** Keys of the D'Agostini inputs, as pyunfold's `iterative_unfold` names them. */
export const IBU_INPUT_KEYS = ['data', 'data_err', 'response', 'response_err', 'efficiencies', 'efficiencies_err'] as const;
export type IbuInputKey = (typeof IBU_INPUT_KEYS)[number];

/** Response covariance models of pyunfold (`cov_type`): multinomial per cause column, or independent entries with `response_err`. */
export const COV_TYPES = ['multinomial', 'poisson'] as const;
export type CovType = (typeof COV_TYPES)[number];

/** Stopping statistics implemented (pyunfold's `ts`); pyunfold's chi2, bf and rmd are not. */
export const TEST_STATISTICS = ['ks'] as const;

/** The hint of a schema error: the accepted keys, as pyunfold names its arguments. */
export const IBU_KEYS_HINT = 'An IBU problem takes pyunfold iterative_unfold argument names: data, data_err, response, response_err, efficiencies, '
  + 'efficiencies_err, and optionally prior (probabilities, or "jeffreys" with cause_lim), ts ("ks"), ts_stopping, max_iter (>= 1), '
  + 'cov_type ("multinomial" | "poisson") and return_iterations.';

const vector = z.array(z.number()).min(1);
const matrix = z.array(z.array(z.number()).min(1)).min(1);

/**
 * How to unfold, with pyunfold's names and defaults: `prior` (probabilities per cause bin, or
 * `"jeffreys"` with the cause values `cause_lim`; default uniform), `ts` (`"ks"`), `ts_stopping`
 * (0.01), `max_iter` (100), `cov_type` (`"multinomial"`, case-insensitive as in pyunfold) and
 * `return_iterations` (false).
 */
const settingsShape = {
  // null: pyunfold's prior=None, the uniform prior
  prior: z.union([vector, z.literal('jeffreys')]).nullable().optional(),
  cause_lim: vector.optional(),
  ts: z.enum(TEST_STATISTICS).default('ks'),
  ts_stopping: z.number().default(0.01),
  max_iter: z.number().int().min(1).default(100),
  cov_type: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(COV_TYPES)).default('multinomial'),
  return_iterations: z.boolean().default(false),
};

const jeffreysNeedsLimits = {
  check: (s: { prior?: unknown; cause_lim?: unknown }) => (s.prior === 'jeffreys') === (s.cause_lim !== undefined),
  message: { message: '`cause_lim` (the cause value of each bin) goes with `prior: "jeffreys"`, and only with it', path: ['cause_lim'] },
};

/**
 * The IBU settings alone (everything but the six input arrays), e.g. for `unfoldBinned`.
 * @example IbuSettings.parse({ prior: 'jeffreys', cause_lim: [1, 2, 3], ts_stopping: 0.001 })
 */
export const IbuSettings = z.object(settingsShape).strict().refine(jeffreysNeedsLimits.check, jeffreysNeedsLimits.message);
export type IbuSettings = z.output<typeof IbuSettings>;
export type IbuSettingsInput = z.input<typeof IbuSettings>;

/**
 * A binned unfolding problem in pyunfold's `iterative_unfold` argument names: observed `data` per
 * effect bin with `data_err`, `response[i][j]` = P(effect i | cause j) with `response_err`, the
 * `efficiencies` of each cause bin with `efficiencies_err`, plus the settings above. Unknown keys
 * are errors.
 * @example IbuProblem.parse({ data: [100, 150], data_err: [10, 12.2], response: [[0.9, 0.1], [0.1, 0.9]], response_err: [[0.01, 0.01], [0.01, 0.01]], efficiencies: [1, 1], efficiencies_err: [0.01, 0.01] })
 */
export const IbuProblem = z
  .object({
    data: vector,
    data_err: vector,
    response: matrix,
    response_err: matrix,
    efficiencies: vector,
    efficiencies_err: vector,
    ...settingsShape,
  })
  .strict()
  .refine(jeffreysNeedsLimits.check, jeffreysNeedsLimits.message);
export type IbuProblem = z.output<typeof IbuProblem>;
export type IbuProblemInput = z.input<typeof IbuProblem>;
