import { HepuqError, RegistriesToken, z, type Dataset, type MetricValue, type RunStep, type RunStepInput } from '@hepuq/core';
import { aucMetric } from '@hepuq/stats';
import { DecorrelatedModel } from '../model/decorrelated-model.js';
import { PIVOT } from '../methods/pivot.options.js';
import { DISCO } from '../methods/disco.options.js';
import { MODE } from '../methods/mode.options.js';

export const LAMBDA_SCAN = 'lambda-scan';

const DECORRELATION_METHODS = [PIVOT, DISCO, MODE] as const;

export const LambdaScanOptions = z
  .object({
    /** Decorrelation strengths to train (0 is the unconstrained classifier every cost is measured against). */
    lambdas: z.array(z.number().min(0)).min(2).default([0, 1, 10, 50]),
    /** The method to scan (default: the run's method, which must then be one of pivot, disco, mode). */
    method: z.enum(DECORRELATION_METHODS).optional(),
    /** Options for every training (default: the run's method options); `lambda` is set per point. */
    methodOptions: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type LambdaScanOptions = z.infer<typeof LambdaScanOptions>;

/** One trained point of the scan: separation, its cost against lambda = 0, and the decorrelation diagnostics. */
export interface LambdaPoint {
  lambda: number;
  auc: MetricValue;
  /** AUC(lambda = 0) - AUC(lambda): what decorrelation costs in separation. */
  auc_cost: MetricValue;
  diagnostics: Record<string, unknown>;
}

/**
 * The `lambda-scan` run step: retrain a decorrelation method (pivot, DisCo, MoDe) on the run's
 * training set at each lambda and evaluate on its test set: AUC with error, its cost against the
 * unconstrained classifier (lambda = 0), the flatness of AUC over the nuisance, the adversary's loss
 * against the entropy of Z, and the background sculpting. The trade-off a physicist picks lambda from.
 * @example steps: [{ use: lambda-scan, options: { lambdas: [0, 10, 100] } }]   # in a run config
 */
export const lambdaScanStep: RunStep<typeof LambdaScanOptions> = {
  key: LAMBDA_SCAN,
  description: 'Retrain a decorrelation method over lambda: AUC cost, flatness over the nuisance, adversary loss vs entropy, sculpting',
  options: LambdaScanOptions,
  tasks: ['classification'],
  async run(input) {
    const { key, base } = scanTarget(input);
    const method = input.services.resolve(RegistriesToken).methods.get(key);
    const lambdas = [...new Set([0, ...input.options.lambdas])].sort((a, b) => a - b);
    const points: LambdaPoint[] = [];
    for (const lambda of lambdas) {
      if (input.signal?.aborted) throw new HepuqError('Interrupted', `${LAMBDA_SCAN}: stopped before lambda = ${lambda}`);
      const options = method.options.parse({ ...base, lambda });
      const model = await method.fit(input.train, options, { rng: input.rng.fork(`lambda:${lambda}`), events: input.events, signal: input.signal });
      try {
        const prediction = await model.predict(input.test);
        const auc = testAuc(input.test, prediction.kind === 'classification' ? prediction.prob : new Float32Array(input.test.n));
        const reference = points[0]?.auc ?? auc;
        points.push({
          lambda, auc,
          auc_cost: { value: reference.value - auc.value, error: Math.hypot(reference.error ?? 0, auc.error ?? 0) },
          diagnostics: { ...(await model.diagnostics?.(input.test, prediction)) },
        });
      } finally {
        model.dispose();
      }
    }
    return { method: key, points };
  },
};

/** The method to scan and its base options: explicit, or the run's own decorrelated model. */
function scanTarget(input: RunStepInput<LambdaScanOptions>): { key: string; base: Record<string, unknown> } {
  const run = input.model instanceof DecorrelatedModel && (DECORRELATION_METHODS as readonly string[]).includes(input.model.method) ? input.model : undefined;
  const key = input.options.method ?? run?.method;
  if (!key) {
    throw new HepuqError('InvalidConfig', `${LAMBDA_SCAN}: the run's method "${input.model.method}" has no lambda to scan`, {
      hint: `Set \`options.method\` to one of ${DECORRELATION_METHODS.join(', ')} (with \`methodOptions\`), or run one of them.`,
    });
  }
  return { key, base: input.options.methodOptions ?? (run?.method === key ? run.options : {}) };
}

/** Weighted AUC of the test set with its error (core's AUC metric). */
function testAuc(test: Dataset, prob: Float32Array): MetricValue {
  const out = aucMetric.compute({ prediction: { kind: 'classification', prob, sigmaProb: new Float32Array(test.n) }, truth: test.label!, weights: test.weights });
  return out.values.auc;
}
