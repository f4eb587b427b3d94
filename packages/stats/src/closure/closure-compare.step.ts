import {
  datasetTransfer, HepuqError, methodRef, parseOrThrow, RegistriesToken, taskBackend, z,
  type Dataset, type MetricValue, type Prediction, type Registry, type RunStep, type UQMethod,
} from '@hepuq/core';
import { createClosureMetric } from '../metrics/regression/closure.metric.js';
import { refitAll } from '../scans/refit.task.js';
import { ClosureOptions } from './closure-options.js';
import type { ClosureRow } from './closure-table.js';

export const CLOSURE_COMPARE = 'closure-compare';

/** The regression the run is compared with when a config names none: the core heteroscedastic MLP with its defaults. */
export const DEFAULT_DIRECT_REGRESSION = { use: 'het-mlp', options: {} };

export const ClosureCompareOptions = z
  .object({
    /**
     * The direct regression f(x) = E[y | x] to compare with: any regression method of the registry with
     * its options, trained on the run's training data as it is (features -> target) and tested on its test data.
     */
    direct: z
      .object({ use: z.string().min(1), options: z.record(z.string(), z.unknown()).default({}) })
      .strict()
      .default(DEFAULT_DIRECT_REGRESSION),
    /** The closure bins, residual and reweighting, as for the `closure` metric. */
    closure: ClosureOptions.prefault({}),
  })
  .strict();
export type ClosureCompareOptions = z.output<typeof ClosureCompareOptions>;

/** One calibration's closure in the comparison: the run's own prediction, or the direct regression's. */
export interface ClosureCompareEntry {
  label: string;
  role: 'run' | 'direct';
  values: Record<string, MetricValue>;
  closure: ClosureRow[];
  closure_reweighted?: ClosureRow[];
}

/** What `closure-compare` returns (steps.json, the report's `artifacts['closure-compare']`). */
export interface ClosureCompareArtifact {
  residual: ClosureOptions['residual'];
  /** The reweighted prior, when the closure options ask for one. */
  reweight?: ClosureOptions['reweight'];
  entries: ClosureCompareEntry[];
}

/** The direct regression method of the options, checked to be a regression, and its options parsed by its own schema. */
function directMethod(methods: Registry<UQMethod>, direct: ClosureCompareOptions['direct']): { method: UQMethod; options: unknown } {
  const method = methods.get(direct.use);
  if (method.task !== 'regression') {
    throw new HepuqError('InvalidConfig', `${CLOSURE_COMPARE}: direct.use "${direct.use}" is a ${method.task} method; the comparison needs a regression`, {
      hint: 'Name a regression method (`hepuq plugins` lists them), e.g. het-mlp, bnn or deep-ensemble.',
    });
  }
  return { method, options: parseOrThrow(method.options, direct.options, { code: 'InvalidConfig', where: `step "${CLOSURE_COMPARE}"`, path: 'direct.options' }) };
}

/** The closure of one prediction on the test set, as an artifact entry. */
function entry(label: string, role: ClosureCompareEntry['role'], prediction: Prediction, test: Dataset, options: ClosureOptions): ClosureCompareEntry {
  if (prediction.kind !== 'regression' || prediction.targets) {
    throw new HepuqError('InvalidConfig', `${CLOSURE_COMPARE}: the ${role === 'run' ? "run's" : 'direct'} prediction is not a single-target regression`, {
      hint: 'Closure is measured on one regression target: give the run one `target:`.',
    });
  }
  const out = createClosureMetric(options).compute({ prediction, truth: test.target!, weights: test.weights, extras: test.extras });
  const rows = (name: string) => out.tables?.[name] as ClosureRow[] | undefined;
  return { label, role, values: out.values, closure: rows('closure')!, ...(rows('closure_reweighted') ? { closure_reweighted: rows('closure_reweighted') } : {}) };
}

/**
 * The `closure-compare` run step: the closure of the run's prediction beside that of a direct
 * regression E[y | x] trained on the same events (Nachman 2020, "Calibration — a regression task"):
 * the direct regression depends on the training prior and does not close where the prior changes
 * fast or ends, numerical inversion of a median response closes for the median. In bins of the
 * true y, as the `closure` metric, with the same options; the report draws both side by side.
 * @example steps: [{ use: closure-compare, options: { direct: { use: het-mlp, options: { epochs: 20 } }, closure: { bins: 8 } } }]
 */
export const closureCompareStep: RunStep<typeof ClosureCompareOptions> = {
  key: CLOSURE_COMPARE,
  description: 'Closure (mean and median of (prediction - y)/y in bins of the true y) of the run beside a direct regression trained on the same events',
  options: ClosureCompareOptions,
  tasks: ['regression'],
  check({ options, methods }) {
    directMethod(methods, options.direct);
  },
  async run(input) {
    const o = input.options;
    if (!input.test.target) throw new HepuqError('InvalidConfig', `${CLOSURE_COMPARE}: the test data has no target, so there is nothing to close on`);
    const registries = input.services.resolve(RegistriesToken);
    const { method, options } = directMethod(registries.methods, o.direct);
    const [direct] = await refitAll(method, [{
      method: methodRef(registries.methods, method.key, options, import.meta.url),
      train: datasetTransfer(input.train), test: datasetTransfer(input.test),
      seed: input.rng.fork('fit').nextSeed(), predictSeed: input.rng.fork('predict').nextSeed(), backend: taskBackend(),
    }], { executor: input.executor, events: input.events, signal: input.signal, context: { methods: registries.methods, networks: registries.networks } });
    const artifact: ClosureCompareArtifact = {
      residual: o.closure.residual,
      ...(o.closure.reweight ? { reweight: o.closure.reweight } : {}),
      entries: [entry(input.model.method, 'run', input.prediction, input.test, o.closure), entry(`${method.key} (direct)`, 'direct', direct, input.test, o.closure)],
    };
    return artifact as unknown as Record<string, unknown>;
  },
};
