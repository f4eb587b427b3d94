import { CORE_VERSION, intAttr, intsAttr, type ModelGraph, type NetworkGraph, type NetworkPlan } from '@hepuq/core';
import { LOG_SIGMA_MAX, LOG_SIGMA_MIN, type LogSigmaBound } from '../loss/log-sigma-bound.js';
import type { DrawSpread } from '../nn/posterior-moments.js';
import type { GraphBuilder } from './graph-builder.js';
import { channelNode, networkGraph, type StackWeights } from './network-graph.js';

/** Who the graph is for: its method key and, for the description, what its replica axis holds. */
export interface GraphModel {
  method: string;
  /** What the R replicas are ("ensemble members", "posterior weight draws"); absent for one network. */
  replicas?: string;
  /** How the model bounds log sigma (regression; default `soft`). */
  logSigmaBound?: LogSigmaBound;
  /** How the replicas' learned widths relate to the spread of their means (regression; default `added`, see `DrawSpread`). */
  drawSpread?: DrawSpread;
  /** The factor on sigma_stat (regression; default 1, see `posteriorMoments`). */
  statScale?: number;
}

const EVENTS = ['events'];

/**
 * A regression model as a graph: per replica r and target t the Gaussian head mu_rt = out_t s_t + m_t
 * and sigma_rt = exp(b(out_{T+t})) s_t (b the model's log sigma bound: `softBound` as Softplus
 * nodes, or the hard clip of models saved before it), combined as hepuq combines them (`posteriorMoments`): outputs
 * `mean`, `sigma_stat`, `sigma_syst`, `sigma_tot` [events], and with several replicas `replicas` and
 * `replica_sigma` [R, events]; with T >= 2 targets every output gains a last axis of T (column t is
 * target t, named in the metadata key `targets`). The moments are taken in standardised units and
 * scaled afterwards, so a target far from 0 loses no float32 precision to cancellation in sigma_stat.
 */
export function regressionGraph(plan: NetworkPlan, weights: readonly StackWeights[], R: number, targets: readonly { name?: string; mean: number; std: number }[], model: GraphModel): ModelGraph {
  const { g, out } = networkGraph(plan, weights, R);
  const t = targets.length;
  const perTarget = (f: (s: { mean: number; std: number }) => number) => (t === 1 ? g.constant(Float32Array.of(f(targets[0])), []) : g.constant(Float32Array.from(targets, f), [t]));
  const stds = perTarget((s) => s.std);
  const means = perTarget((s) => s.mean);
  // one target: channel c as [R, events]; several: channels c..c+T-1 as [R, events, T]
  const channels = (c: number) => (t === 1 ? channelNode(g, out, c) : g.node('Gather', [out, g.int64(targets.map((_, k) => c + k))], { axis: intAttr(2) }));
  const toTarget = (x: string) => g.node('Add', [g.node('Mul', [x, stds]), means]);
  const scaled = (x: string) => g.node('Mul', [x, stds]);
  const scalar = (v: number) => g.constant(Float32Array.of(v), []);
  const muStd = channels(0);
  const [lo, hi] = [scalar(LOG_SIGMA_MIN), scalar(LOG_SIGMA_MAX)];
  const raw = channels(t);
  // softBound: lo + softplus(hi - softplus(hi - x) - lo); models saved before it: the hard clip
  const logSigma = (model.logSigmaBound ?? 'soft') === 'clip'
    ? g.node('Clip', [raw, lo, hi])
    : g.node('Add', [lo, g.node('Softplus', [g.node('Sub', [g.node('Sub', [hi, g.node('Softplus', [g.node('Sub', [hi, raw])])]), lo])])]);
  const sigmaStd = g.node('Exp', [logSigma]);
  const meanStd = meanOverReplicas(g, muStd);
  const mean = toTarget(meanStd);
  const stat2 = meanOverReplicas(g, square(g, g.node('Sub', [muStd, meanStd])));
  const noise2 = meanOverReplicas(g, square(g, sigmaStd));
  const spread = g.node('Sqrt', [stat2]);
  const statScale = model.statScale ?? 1;
  const stat = scaled(statScale === 1 ? spread : g.node('Mul', [spread, scalar(statScale)]));
  const syst = scaled(g.node('Sqrt', [model.drawSpread === 'in-noise' ? g.node('Relu', [g.node('Sub', [noise2, g.node('Add', [stat2, stat2])])]) : noise2]));
  const events = t === 1 ? EVENTS : ['events', t];
  g.output('mean', mean, events, 'predicted mean: the average of the replicas\' means');
  g.output('sigma_stat', stat, events, statScale === 1
    ? 'sigma_stat: the spread of the replicas\' means (population, 1/R; 0 for one network)'
    : `sigma_stat: the spread of the replicas' means (population, 1/R) times ${statScale}, the std of the truth's Student-t predictive given R draws`);
  g.output('sigma_syst', syst, events, model.drawSpread === 'in-noise'
    ? 'sigma_syst: sqrt(max(mean square of the replicas\' learned sigmas - 2 sigma_stat^2, 0)): the learned widths hold the dropout spread, sigma_stat adds it back'
    : 'sigma_syst: the root mean square of the replicas\' learned sigmas');
  g.output('sigma_tot', g.node('Sqrt', [g.node('Add', [square(g, stat), square(g, syst)])]), events, 'sigma_tot = sqrt(sigma_stat^2 + sigma_syst^2)');
  if (R > 1) {
    g.output('replicas', toTarget(muStd), [R, ...events], 'each replica\'s mean (the run\'s replica_<r> columns)');
    g.output('replica_sigma', scaled(sigmaStd), [R, ...events], 'each replica\'s learned sigma');
  }
  if (t === 1) return finish(g, plan, model, R, 'regression: mean and sigma_stat/sigma_syst/sigma_tot per event');
  const names = targets.map((s, k) => s.name ?? String(k)).join(', ');
  return finish(g, plan, model, R, `${t}-target regression (${names}): mean and sigma_stat/sigma_syst/sigma_tot per event and target`, { targets: names });
}

/**
 * A binary classifier as a graph: p_r = sigmoid(out_0) per replica; outputs `prob` (their mean) and
 * `sigma_prob` (their population spread) [events], and with several replicas `replicas` [R, events].
 */
export function classificationGraph(plan: NetworkPlan, weights: readonly StackWeights[], R: number, model: GraphModel): ModelGraph {
  const { g, out } = networkGraph(plan, weights, R);
  const p = g.node('Sigmoid', [channelNode(g, out, 0)]);
  const prob = meanOverReplicas(g, p);
  g.output('prob', prob, EVENTS, 'probability of class 1: the average of the replicas\' probabilities');
  g.output('sigma_prob', g.node('Sqrt', [meanOverReplicas(g, square(g, g.node('Sub', [p, prob])))]), EVENTS, 'sigma_prob: the replicas\' spread (population, 1/R; 0 for one network)');
  if (R > 1) g.output('replicas', p, [R, 'events'], 'each replica\'s probability (the run\'s replica_<r> columns)');
  return finish(g, plan, model, R, 'classification: prob and sigma_prob per event');
}

/**
 * A K-class classifier as a graph: p_r = softmax(out) over the K outputs per replica; outputs `probs`
 * (their mean) and `sigma_probs` (their population spread) [events, K], and with several replicas
 * `replicas` [R, events, K]. Column k is class `classes[k]` (also in the metadata key `classes`).
 */
export function multiclassGraph(plan: NetworkPlan, weights: readonly StackWeights[], R: number, classes: readonly string[], model: GraphModel): ModelGraph {
  const { g, out } = networkGraph(plan, weights, R);
  const k = classes.length;
  const p = g.node('Softmax', [out], { axis: intAttr(2) });
  const probs = meanOverReplicas(g, p);
  const names = classes.join(', ');
  g.output('probs', probs, ['events', k], `class probabilities (${names}): the average of the replicas' softmax outputs`);
  g.output('sigma_probs', g.node('Sqrt', [meanOverReplicas(g, square(g, g.node('Sub', [p, probs])))]), ['events', k], 'per-class sigma_prob: the replicas\' spread (population, 1/R; 0 for one network)');
  if (R > 1) g.output('replicas', p, [R, 'events', k], 'each replica\'s class probabilities (the run\'s replica_<r>_prob_<class> columns)');
  return finish(g, plan, model, R, `${k}-class classification: probs and sigma_probs per event`, { classes: names });
}

function meanOverReplicas(g: NetworkGraph, x: string): string {
  return g.node('ReduceMean', [x], { axes: intsAttr([0]), keepdims: intAttr(0) });
}

function square(g: NetworkGraph, x: string): string {
  return g.node('Mul', [x, x]);
}

function finish(g: GraphBuilder, plan: NetworkPlan, model: GraphModel, R: number, what: string, metadata: Record<string, string> = {}): ModelGraph {
  const replicas = R > 1 ? `${R} replicas (${model.replicas ?? 'replicas'}) on the leading axis of every dense stack` : 'one network';
  return g.build(model.method, `hepuq ${model.method} (${plan.spec.use} network), ${replicas}; ${what}. Inputs are raw values: the input standardisation is folded into the graph.`, {
    hepuq_core: CORE_VERSION, method: model.method, network: plan.spec.use, replicas: String(R), ...metadata,
  });
}
