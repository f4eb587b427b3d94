import * as tf from '@tensorflow/tfjs';
import { assertFiniteDataset, HepuqError, type Dataset, type UQMethod } from '@hepuq/core';
import { trainLoop, trainTensors, disposeTrainTensors, type TrainTensors } from '@hepuq/nn';
import { BayesianFlow, type FlowArchitecture } from '../flow/bayesian-flow.js';
import { applyFeatureMap, fitFeatureMap } from '../flow/feature-map.js';
import { BnnFlowModel, type FlowSpec } from '../flow/flow-model.js';
import { elbo } from '../model/elbo.loss.js';
import { NoiseSource } from '../random/noise-source.js';
import { BnnFlowOptions } from './bnn-flow-options.js';

export const BNN_FLOW = 'bnn-flow';

/**
 * Bayesian normalising flow generator (Bellagente, Haussmann, Luchmann, Plehn 2104.04543): a
 * coupling-layer INN with mean-field Gaussian subnet weights, trained on the per-event ELBO
 * -(1/B) sum_i w_i log p(x_i) + KL / N_train. Each weight draw is a density p_r(x); their spread is the
 * uncertainty map over phase space, and samples carry per-replica event weights p_r / <p>.
 * @example const model = await bnnFlowMethod.fit(ring, BnnFlowOptions.parse({ epochs: 40 }), ctx) as BnnFlowModel
 */
export const bnnFlowMethod: UQMethod<typeof BnnFlowOptions> = {
  key: BNN_FLOW,
  task: 'generation',
  description: 'Bayesian normalising flow (spline or affine couplings, mean-field VI): densities with uncertainty maps, samples with per-replica weights',
  options: BnnFlowOptions,

  async fit(data, o, ctx) {
    assertFiniteDataset(data);
    const { features, conditions } = flowColumns(data, o);
    const n = data.n;
    const d = features.length;
    const nc = conditions.length;
    const x = matrix(data, features);
    const featureMap = fitFeatureMap(x, n, features.map((f) => o.bounds[f] ?? null), features);
    const { u } = applyFeatureMap(featureMap, x);
    const c = matrix(data, conditions);
    const condMean = conditions.map((_, k) => mean(c, nc, k));
    const condStd = conditions.map((_, k) => std(c, nc, k, condMean[k]));
    const combined = new Float32Array(n * (d + nc));
    for (let i = 0; i < n; i++) {
      combined.set(u.subarray(i * d, (i + 1) * d), i * (d + nc));
      for (let k = 0; k < nc; k++) combined[i * (d + nc) + d + k] = (c[i * nc + k] - condMean[k]) / condStd[k];
    }
    const architecture: FlowArchitecture = {
      dims: d, conditions: nc, couplings: o.couplings, hidden: o.hidden, activation: o.activation,
      transform: o.transform, bins: o.bins, bound: o.bound,
    };
    const variational = { priorSigma: o.priorSigma, initSigma: o.initSigma, layer: o.layer };
    const flow = BayesianFlow.create(architecture, ctx.rng.fork('init'), variational);
    const noiseBase = ctx.rng.fork('noise');
    let noise = new NoiseSource(noiseBase);
    let tensors: TrainTensors | undefined;
    try {
      tensors = trainTensors(data, combined, new Float32Array(n));
      await trainLoop(flow.trainables, tensors, (xb, _yb, wb) => {
        const ub = nc ? xb.slice([0, 0], [-1, d]) : xb;
        const cb = nc ? xb.slice([0, d], [-1, nc]) : null;
        const { logProb, penalty } = flow.trainLogProb(ub, cb, noise);
        return elbo(tf.neg(tf.mean(tf.mul(logProb, wb))) as tf.Scalar, penalty, n, o.klWeight);
      }, {
        epochs: o.epochs, batchSize: o.batchSize, lr: o.lr, lrFinal: o.lrFinal,
        rng: ctx.rng.fork('batches'), events: ctx.events, method: BNN_FLOW, signal: ctx.signal, checkpoints: ctx.checkpoints,
        onEpoch: (epoch) => (noise = new NoiseSource(noiseBase.fork(epoch))),
      });
    } catch (e) {
      flow.dispose();
      throw e;
    } finally {
      if (tensors) disposeTrainTensors(tensors);
    }
    const spec: FlowSpec = {
      method: BNN_FLOW, options: o, architecture, variational, features, conditions, featureMap,
      condMean, condStd, draws: o.draws, seed: ctx.rng.fork('predict').nextSeed(),
    };
    return new BnnFlowModel(flow, spec);
  },

  load(dir) {
    return BnnFlowModel.load(dir, BNN_FLOW);
  },
};

/** Modelled and conditioning features, checking that every named column exists. */
function flowColumns(data: Dataset, o: BnnFlowOptions): { features: string[]; conditions: string[] } {
  for (const name of [...o.conditions, ...Object.keys(o.bounds)]) {
    if (!data.featureNames.includes(name)) {
      throw new HepuqError('MissingColumn', `${data.source}: bnn-flow option names feature "${name}", but the features are [${data.featureNames.join(', ')}]`);
    }
  }
  const features = data.featureNames.filter((f) => !o.conditions.includes(f));
  if (features.length === 0) throw new HepuqError('InvalidConfig', `${data.source}: bnn-flow needs at least one modelled (non-condition) feature`);
  for (const f of o.conditions) {
    if (o.bounds[f]) throw new HepuqError('InvalidConfig', `bnn-flow: condition "${f}" cannot also have bounds (only modelled features are mapped)`);
  }
  return { features, conditions: [...o.conditions] };
}

function matrix(data: Dataset, names: string[]): Float32Array {
  const out = new Float32Array(data.n * names.length);
  names.forEach((name, j) => {
    const col = data.features[name];
    for (let i = 0; i < data.n; i++) out[i * names.length + j] = col[i];
  });
  return out;
}

function mean(m: Float32Array, stride: number, k: number): number {
  let s = 0;
  for (let i = k; i < m.length; i += stride) s += m[i];
  return s / (m.length / stride);
}

function std(m: Float32Array, stride: number, k: number, mu: number): number {
  let s = 0;
  for (let i = k; i < m.length; i += stride) s += (m[i] - mu) ** 2;
  return Math.sqrt(s / Math.max(1, m.length / stride - 1)) || 1;
}
