import { dctrReweight, isHepuqError, weightDiagnostics, type FittedModel, type MethodContext, type ReweightingClassifier } from '@hepuq/core';
import { gather, gatherProduct, type SampleViews } from './sample-views.js';
import { stepLoss } from './step-loss.js';

/** How one OmniFold run trains. */
export interface ChainSettings {
  iterations: number;
  stepEnsemble: number;
  warmStart: boolean;
  missing: 'average' | 'prior';
  probClip: number;
  maxWeight: number;
}

/** The weights one run starts from: the simulation's and the data's (Poisson-resampled in a bootstrap replica). */
export interface ChainWeights {
  sim: Float32Array;
  data: Float32Array;
}

/** One iteration's diagnostics. */
export interface IterationDiagnostics extends Record<string, number> {
  iteration: number;
  /** Kish effective sample size / n of the unfolded particle-level weights. */
  ess_fraction: number;
  /** Largest unfolded weight over the mean. */
  max_over_mean: number;
  /** Fraction of clipped classifier outputs in step 1 and step 2. */
  clipped_step1: number;
  clipped_step2: number;
  /** sum |p_n - p_(n-1)| over particle-level events, p = w_sim w_n normalised to unit sum: how much the unfolded shape still moves. */
  weight_change: number;
}

export interface ChainResult {
  /** Particle-level ("push") weights after each iteration, [iterations][sim.n]; 0 where the event fails pass_gen. */
  iterations: Float32Array[];
  history: IterationDiagnostics[];
  /**
   * The last iteration's step-1 and step-2 classifier loss on the samples they were trained on
   * (`stepLoss`: weighted binary cross-entropy, classes balanced, nats per event): the health check's loss.
   */
  loss: { step1: number; step2: number };
  /**
   * Set (with no weights, NaN losses) when the run diverged and its caller asked to hear of it rather
   * than fail (`orDiverged`): the error's code and message.
   */
  diverged?: { code: string; message: string };
}

/**
 * One OmniFold run (Andreassen et al., arXiv:1911.09107, with the efficiency and fake treatment of
 * arXiv:2105.04448). Starting from push weights nu = 1, each iteration:
 * - step 1: a classifier between the data and the simulation's reco events weighted by w_sim nu
 *   gives the pulled weights omega = nu c/(1-c) of events passing reco; events that fail reco get
 *   omega averaged at equal particle-level values (step 1b, `missing: average`) or keep nu (scaled
 *   as the reco-passing events were on average, `missing: prior`);
 * - step 2: a classifier between the simulation's gen events weighted by w_sim omega and by w_sim
 *   gives the new push weights nu = c/(1-c), a function of the particle-level features; fakes get
 *   nu averaged at equal detector-level values (step 2b) or keep theirs (scaled likewise).
 * Every ratio is that of the weighted distributions (`absolute`), so the pulled weights carry the
 * data's total and the push weights the efficiency-corrected yield, and events reweighted by the
 * averaging steps keep their share. With `warmStart` the step-1 and step-2 classifiers continue from
 * the previous iteration's.
 * @example const { iterations } = await omnifoldChain(views, { sim: problem.sim.weights, data: problem.data.weights }, classifier, settings, ctx)
 */
export async function omnifoldChain(views: SampleViews, weights: ChainWeights, classifier: ReweightingClassifier, settings: ChainSettings, ctx: MethodContext): Promise<ChainResult> {
  const { idx } = views;
  const n = weights.sim.length;
  const lr = { probClip: settings.probClip, maxWeight: settings.maxWeight, ensemble: settings.stepEnsemble, absolute: true };
  const dataSample = views.data.withWeights(gather(weights.data, idx.data));
  const simGenWeights = gather(weights.sim, idx.gen);
  let push = ones(n);
  const warm: { step1?: FittedModel[]; step2?: FittedModel[] } = {};
  const iterations: Float32Array[] = [];
  const history: IterationDiagnostics[] = [];
  const loss = { step1: Number.NaN, step2: Number.NaN };
  try {
    for (let it = 1; it <= settings.iterations; it++) {
      const step = (name: string) => ({ ...ctx, rng: ctx.rng.fork(`iteration:${it}:${name}`) });
      // the last iteration keeps its classifiers for their loss (the health check's); warm starts keep them all
      const last = it === settings.iterations;
      // step 1: detector level, data vs simulation weighted by the current push weights
      const simReco = views.simReco.withWeights(gatherProduct(weights.sim, push, idx.reco));
      const step1 = await dctrReweight(classifier, { from: simReco, to: dataSample }, step('step1'),
        { ...lr, warmStart: settings.warmStart ? warm.step1 : undefined, keepModels: settings.warmStart || last });
      disposeAll(warm.step1);
      warm.step1 = step1.models;
      if (last) loss.step1 = await stepLoss(step1.models!, simReco, dataSample);
      const pull = Float32Array.from(push);
      idx.reco.forEach((row, k) => { pull[row] = push[row] * step1.ratio[k]; });
      if (settings.missing === 'prior') {
        // events without reco keep their weight, scaled as the reco-passing events were on average
        const scale = weightedSum(weights.sim, pull, idx.reco) / weightedSum(weights.sim, push, idx.reco);
        for (const row of idx.missed) pull[row] = push[row] * scale;
      } else if (idx.missed.length) {
        const step1b = await dctrReweight(classifier, { from: views.bothGen.withWeights(gatherProduct(weights.sim, push, idx.both)), to: views.bothGen.withWeights(gatherProduct(weights.sim, pull, idx.both)) },
          step('step1b'), { ...lr, evaluate: views.missedGen });
        idx.missed.forEach((row, k) => { pull[row] = push[row] * step1b.ratio[k]; });
      }
      // step 2: particle level, the pulled weights as a function of the particle-level features
      const simGen = views.simGen.withWeights(simGenWeights);
      const pulledGen = views.simGen.withWeights(gatherProduct(weights.sim, pull, idx.gen));
      const step2 = await dctrReweight(classifier, { from: simGen, to: pulledGen }, step('step2'),
        { ...lr, warmStart: settings.warmStart ? warm.step2 : undefined, keepModels: settings.warmStart || last });
      disposeAll(warm.step2);
      warm.step2 = step2.models;
      if (last) loss.step2 = await stepLoss(step2.models!, simGen, pulledGen);
      const next = new Float32Array(n);
      idx.gen.forEach((row, k) => { next[row] = step2.ratio[k]; });
      if (settings.missing === 'prior') {
        const scale = weightedSum(weights.sim, next, idx.gen) / weightedSum(weights.sim, push, idx.gen);
        for (const row of idx.fakes) next[row] = push[row] * scale;
      } else if (idx.fakes.length) {
        const step2b = await dctrReweight(classifier, { from: views.bothReco.withWeights(gather(weights.sim, idx.both)), to: views.bothReco.withWeights(gatherProduct(weights.sim, next, idx.both)) },
          step('step2b'), { ...lr, evaluate: views.fakesReco });
        idx.fakes.forEach((row, k) => { next[row] = step2b.ratio[k]; });
      }
      history.push(iterationDiagnostics(it, weights.sim, push, next, idx.gen, step1.clippedFraction, step2.clippedFraction));
      // the result holds particle-level weights only: fakes keep theirs inside the loop, for step 1
      const unfolded = Float32Array.from(next);
      for (const row of idx.fakes) unfolded[row] = 0;
      iterations.push(unfolded);
      push = next;
    }
    return { iterations, history, loss };
  } finally {
    disposeAll(warm.step1);
    disposeAll(warm.step2);
  }
}

/**
 * `run()`, or the result of a run that diverged (a classifier's training stopped with
 * `TrainingDiverged` or a non-finite value): no weights, NaN losses and the error in `diverged`, so
 * the health check can rerun it with a new seed where a plain run fails. Other errors are thrown.
 * @example const result = await orDiverged(() => omnifoldChain(views, weights, classifier, settings, ctx))
 */
export async function orDiverged(run: () => Promise<ChainResult>): Promise<ChainResult> {
  try {
    return await run();
  } catch (e) {
    if (!(isHepuqError(e) && (e.code === 'TrainingDiverged' || e.code === 'NonFiniteValue'))) throw e;
    return { iterations: [], history: [], loss: { step1: Number.NaN, step2: Number.NaN }, diverged: { code: e.code, message: e.message } };
  }
}

function iterationDiagnostics(iteration: number, sim: Float32Array, before: Float32Array, after: Float32Array, gen: Int32Array, clipped1: number, clipped2: number): IterationDiagnostics {
  const d = weightDiagnostics(gatherProduct(sim, after, gen));
  const a = weightedSum(sim, after, gen);
  const b = weightedSum(sim, before, gen);
  let change = 0;
  for (const row of gen) change += Math.abs(sim[row] * (after[row] / a - before[row] / b));
  return { iteration, ess_fraction: d.essFraction, max_over_mean: d.maxOverMean, clipped_step1: clipped1, clipped_step2: clipped2, weight_change: change };
}

/** sum over `rows` of base[i] * factor[i]. */
function weightedSum(base: Float32Array, factor: Float32Array, rows: Int32Array): number {
  let sum = 0;
  for (const row of rows) sum += base[row] * factor[row];
  return sum;
}

function ones(n: number): Float32Array {
  return new Float32Array(n).fill(1);
}

function disposeAll(models: FittedModel[] | undefined): void {
  for (const m of models ?? []) m.dispose();
}
