import {
  HepuqError, methodRef, parseOrThrow, Rng, taskBackend, type Executor, type Registry, type ReweightingClassifier, type TaskSpec, type UnfoldingContext, type UnfoldingMethod,
  type UnfoldingProblem, type UnfoldingResult, type UQMethod,
} from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { CHAIN_TASK_MODULE, type ChainTaskInput } from './chain.task.js';
import { omnifoldChain, type ChainResult, type ChainSettings, type IterationDiagnostics } from './omnifold-chain.js';
import { OMNIFOLD, OmniFoldOptions } from './omnifold.options.js';
import { planRuns, type PlannedRun } from './run-plan.js';
import { sampleViews } from './sample-views.js';
import { ibuObservable } from '../observables/ibu-comparison.js';
import { resolveObservable, unfoldedObservable } from '../observables/unfolded-observable.js';

/**
 * OmniFold (Andreassen, Komiske, Metodiev, Nachman, Thaler, arXiv:1911.09107): unbinned iterative
 * unfolding of all observables at once by classifier reweighting, with event weights, pass/fail
 * masks (efficiency, acceptance, fakes), any classification method of the registry, an ensemble
 * of runs (method uncertainty) and bootstrap replicas (statistical uncertainty) through the executor.
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
    const runs = planRuns(problem, options, ctx.rng.fork('runs'));
    const results = ctx.executor
      ? await runOnExecutor(ctx.executor, problem, runs, classifier, ctx.methods, settings, ctx.signal)
      : await runInProcess(problem, runs, classifier, settings, ctx);
    const result = combineRuns(runs, results);
    const observables = options.observables.map((spec, k) => ({ ...unfoldedObservable(problem, result, spec), ibu: ibu[k] }));
    return { ...result, unfolded: { observables } };
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

async function runInProcess(problem: UnfoldingProblem, runs: PlannedRun[], classifier: ReweightingClassifier, settings: ChainSettings, ctx: UnfoldingContext): Promise<ChainResult[]> {
  const views = sampleViews(problem);
  const results: ChainResult[] = [];
  for (const run of runs) {
    if (ctx.signal?.aborted) throw new HepuqError('Interrupted', `OmniFold stopped before ${run.kind} ${run.index}`);
    results.push(await omnifoldChain(views, run.weights, classifier, settings, { ...ctx, rng: new Rng(run.seed), checkpoints: undefined }));
  }
  return results;
}

async function runOnExecutor(executor: Executor, problem: UnfoldingProblem, runs: PlannedRun[], classifier: ReweightingClassifier, methods: Registry<UQMethod>, settings: ChainSettings, signal?: AbortSignal): Promise<ChainResult[]> {
  const ref = methodRef(methods, classifier.method.key, classifier.options, import.meta.url);
  const tasks: TaskSpec<ChainTaskInput>[] = runs.map((run) => ({
    module: CHAIN_TASK_MODULE, export: 'runChain', seed: run.seed,
    input: { problem, weights: run.weights, classifier: ref, settings, seed: run.seed, backend: taskBackend() },
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
