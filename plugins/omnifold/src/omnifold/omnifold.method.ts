import {
  HepuqError, methodRef, parseOrThrow, Rng, taskBackend, type Executor, type Registry, type ReweightingClassifier, type TaskSpec, type UnfoldingContext, type UnfoldingMethod,
  type UnfoldingProblem, type UnfoldingResult, type UQMethod,
} from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { healRuns, healthMetrics, type RunHealthReport } from '../health/heal-runs.js';
import { CHAIN_TASK_MODULE, type ChainTaskInput } from './chain.task.js';
import { omnifoldChain, orDiverged, type ChainResult, type ChainSettings, type IterationDiagnostics } from './omnifold-chain.js';
import { OMNIFOLD, OmniFoldOptions } from './omnifold.options.js';
import { planRuns, type PlannedRun } from './run-plan.js';
import { sampleViews } from './sample-views.js';
import { ibuObservable } from '../observables/ibu-comparison.js';
import { resolveObservable, unfoldedObservable } from '../observables/unfolded-observable.js';

/**
 * OmniFold (Andreassen, Komiske, Metodiev, Nachman, Thaler, arXiv:1911.09107): unbinned iterative
 * unfolding of all observables at once by classifier reweighting, with event weights, pass/fail
 * masks (efficiency, acceptance, fakes), any classification method of the registry, an ensemble
 * of runs (method uncertainty) and bootstrap replicas (statistical uncertainty) through the executor,
 * and a health check of those runs that reruns a diverged or outlying one with a new classifier seed
 * (`healRuns`, option `health`; reported in metrics.json and in unfolded.json's `health`).
 * @example ctx.unfoldingMethods.add(OMNIFOLD, omnifoldMethod)
 */
export const omnifoldMethod: UnfoldingMethod<typeof OmniFoldOptions> = {
  key: OMNIFOLD,
  description: 'OmniFold: unbinned iterative unfolding by classifier reweighting, with ensemble and bootstrap uncertainties',
  options: OmniFoldOptions,

  validate(options, methods) {
    reweightingClassifier(options, methods);
  },

  async unfold(problem, options, ctx) {
    const classifier = reweightingClassifier(options, ctx.methods);
    // the binned comparison first: it is cheap, and a bin it cannot unfold fails before any training
    const ibu = options.observables.map((spec) => {
      const { reco, edges } = resolveObservable(problem.sim, spec);
      return ibuObservable(problem, spec.column, reco, edges, options.ibu);
    });
    const settings: ChainSettings = {
      iterations: options.iterations, stepEnsemble: options.stepEnsemble, warmStart: options.warmStart, missing: options.missing,
      probClip: options.probClip, maxWeight: options.maxWeight,
    };
    // with the health check a diverged run comes back as such, to be rerun; without it, it fails the unfolding
    const reportDivergence = options.health.check;
    const execute = (list: PlannedRun[]) => (ctx.executor
      ? runOnExecutor(ctx.executor, problem, list, classifier, ctx.methods, settings, reportDivergence, ctx.signal)
      : runInProcess(problem, list, classifier, settings, ctx, reportDivergence));
    let runs = planRuns(problem, options, ctx.rng.fork('runs'));
    let results = await execute(runs);
    let health: RunHealthReport | undefined;
    if (options.health.check) {
      ({ runs, results, report: health } = await healRuns(runs, results, {
        execute, simWeights: problem.sim.weights, passGen: problem.sim.passGen, options: options.health, rng: ctx.rng.fork('health'), events: ctx.events,
      }));
    }
    const result = combineRuns(runs, results);
    if (health) Object.assign(result.metrics, healthMetrics(health));
    const observables = options.observables.map((spec, k) => ({ ...unfoldedObservable(problem, result, spec), ibu: ibu[k] }));
    return { ...result, unfolded: { observables, ...(health ? { health } : {}) } };
  },
};

/** The step classifier named in the options: a classification method, its options parsed by its own schema. */
function reweightingClassifier(options: OmniFoldOptions, methods: Registry<UQMethod>): ReweightingClassifier {
  const method = methods.get(options.classifier.use);
  if (method.task !== 'classification') {
    throw new HepuqError('InvalidConfig', `method.options.classifier.use: "${method.key}" is a ${method.task} method, OmniFold needs a classifier`, {
      hint: 'Name a classification method (`hepuq plugins` lists them), e.g. mlp-classifier.', plugin: PLUGIN_NAME,
    });
  }
  if (options.warmStart && !method.warmStart) {
    throw new HepuqError('InvalidConfig', `method.options.warmStart: classifier "${method.key}" cannot continue training from an earlier fit`, {
      hint: 'Set warmStart: false, or use a classifier that supports warm starts (mlp-classifier).', plugin: PLUGIN_NAME,
    });
  }
  return { method, options: parseOrThrow(method.options, options.classifier.options, { code: 'InvalidConfig', where: `classifier "${method.key}"`, path: 'method.options.classifier.options' }) };
}

/** The runs one after another in this process; `reportDivergence`: a diverged run comes back as such (`orDiverged`). */
async function runInProcess(problem: UnfoldingProblem, runs: PlannedRun[], classifier: ReweightingClassifier, settings: ChainSettings, ctx: UnfoldingContext, reportDivergence: boolean): Promise<ChainResult[]> {
  const views = sampleViews(problem);
  const results: ChainResult[] = [];
  for (const run of runs) {
    if (ctx.signal?.aborted) throw new HepuqError('Interrupted', `OmniFold stopped before ${run.kind} ${run.index}`);
    const chain = () => omnifoldChain(views, run.weights, classifier, settings, { ...ctx, rng: new Rng(run.seed), checkpoints: undefined });
    results.push(await (reportDivergence ? orDiverged(chain) : chain()));
  }
  return results;
}

/** The runs as `runChain` tasks of one executor map. */
async function runOnExecutor(
  executor: Executor, problem: UnfoldingProblem, runs: PlannedRun[], classifier: ReweightingClassifier, methods: Registry<UQMethod>, settings: ChainSettings,
  reportDivergence: boolean, signal?: AbortSignal,
): Promise<ChainResult[]> {
  const ref = methodRef(methods, classifier.method.key, classifier.options, import.meta.url);
  const tasks: TaskSpec<ChainTaskInput>[] = runs.map((run) => ({
    module: CHAIN_TASK_MODULE, export: 'runChain', seed: run.seed,
    input: { problem, weights: run.weights, classifier: ref, settings, seed: run.seed, backend: taskBackend(), ...(reportDivergence ? { reportDivergence } : {}) },
  }));
  return executor.map<ChainTaskInput, ChainResult>(tasks, { signal });
}

/**
 * The unfolding from its runs: per iteration the mean weights of the ensemble members; the members'
 * and the replicas' final weights; per-iteration diagnostics averaged over the members.
 */
export function combineRuns(runs: PlannedRun[], results: ChainResult[]): UnfoldingResult {
  const members = results.filter((_, i) => runs[i].kind === 'member');
  const replicas = results.filter((_, i) => runs[i].kind === 'replica');
  const replicaRuns = runs.filter((r) => r.kind === 'replica');
  const iterations = members[0].iterations.map((_, it) => mean(members.map((m) => m.iterations[it])));
  const history = members[0].history.map((_, it) => averageDiagnostics(members.map((m) => m.history[it])));
  const last = history[history.length - 1];
  return {
    iterations,
    members: members.length > 1 ? members.map((m) => m.iterations[m.iterations.length - 1]) : undefined,
    // a replica that resampled the simulation unfolds with w_i k_i nu_i: its weights relative to w_i are k_i nu_i
    replicas: replicas.length ? replicas.map((r, i) => withFactors(r.iterations[r.iterations.length - 1], replicaRuns[i].simFactors)) : undefined,
    metrics: Object.fromEntries(Object.entries({
      ess_fraction: last.ess_fraction, max_over_mean: last.max_over_mean, weight_change: last.weight_change,
      clipped_step1: last.clipped_step1, clipped_step2: last.clipped_step2,
    }).map(([k, value]) => [k, { value }])),
    history,
  };
}

function withFactors(weights: Float32Array, factors: Float32Array | undefined): Float32Array {
  return factors ? Float32Array.from(weights, (w, i) => w * factors[i]) : weights;
}

function mean(arrays: Float32Array[]): Float32Array {
  const out = new Float32Array(arrays[0].length);
  for (const a of arrays) for (let i = 0; i < a.length; i++) out[i] += a[i] / arrays.length;
  return out;
}

function averageDiagnostics(entries: IterationDiagnostics[]): IterationDiagnostics {
  const out = { ...entries[0] };
  for (const key of Object.keys(out)) out[key] = entries.reduce((s, e) => s + e[key], 0) / entries.length;
  return out;
}
