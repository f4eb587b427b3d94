import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { type Dataset, type ModelGraph, HepuqError, NetworkRef, regressionPrediction, type MethodContext, type UQMethod } from '@hepuq/core';
import { hetGaussianNll, LOG_SIGMA_MAX, LOG_SIGMA_MIN } from '../loss/het-gaussian-nll.loss.js';
import { regressionGraph } from '../export/model-graphs.js';
import { DenseNetwork } from '../network/dense-network.js';
import { planNetwork } from '../network/network-bodies.js';
import { NetworkModel, readNetworkModel, type NetworkModelSpec } from '../network/network-model.js';
import { MlpOptions } from '../nn/mlp-options.js';

export const HET_MLP = 'het-mlp';
/** The shared MLP options plus the network body (`network: { use: pfn, options: {...} }`; default `mlp`). */
export const HetMlpOptions = MlpOptions.extend({ network: NetworkRef }).strict();
export type HetMlpOptions = z.infer<typeof HetMlpOptions>;

interface HetMlpSpec extends NetworkModelSpec {
  options: HetMlpOptions;
  targetName: string;
  targetMean: number;
  targetStd: number;
}

/**
 * Deterministic network (any body: MLP by default, Deep Sets/PFN/EFN on particle sets) with a heteroscedastic Gaussian head (mu, log sigma), trained on the weighted
 * NLL |y - mu|^2/(2 sigma^2) + log sigma. Its sigmaSyst is the learned sigma; sigmaStat is 0 because
 * it has no weight posterior (the bnn and ensemble plugins add one).
 */
export const hetMlpMethod: UQMethod<typeof HetMlpOptions> = {
  key: HET_MLP,
  task: 'regression',
  description: 'MLP with a heteroscedastic Gaussian head: sigma_syst learned, sigma_stat = 0',
  options: HetMlpOptions,

  async fit(data, options, ctx) {
    if (!data.target) throw new HepuqError('MissingColumn', `${data.source}: het-mlp needs a regression target column`);
    const { mean, std } = targetScale(data.target);
    const plan = planNetwork(data, options.network, { outputs: 2, hidden: options.hidden, activation: options.activation }, { ...ctx, method: HET_MLP });
    const net = DenseNetwork.create(plan, ctx.rng.fork('init'));
    const y = Float32Array.from(data.target, (v) => (v - mean) / std);
    await net.train(data, y, (out, yb, wb) => hetGaussianNll(yb, out.slice([0, 0], [-1, 1]), out.slice([0, 1], [-1, 1]), wb), {
      ...options, rng: ctx.rng.fork('batches'), events: ctx.events, method: HET_MLP, signal: ctx.signal, checkpoints: ctx.checkpoints,
    });
    const spec: HetMlpSpec = {
      options, network: plan.spec, featureNames: [...data.featureNames], targetName: data.targetName,
      targetMean: mean, targetStd: std,
    };
    return new HetMlpModel(net, spec);
  },

  async load(dir: string, ctx: MethodContext) {
    const { net, spec } = await readNetworkModel<HetMlpSpec>(dir, HET_MLP, 2, ctx.networks);
    return new HetMlpModel(net, spec);
  },
};

class HetMlpModel extends NetworkModel<HetMlpSpec> {
  readonly method = HET_MLP;
  readonly task = 'regression' as const;

  async predict(data: Dataset) {
    const { targetMean: m, targetStd: s } = this.spec;
    const cols = this.net.evaluate(data, (out) => ({
      mean: out.slice([0, 0], [-1, 1]).reshape([-1]).mul(s).add(m),
      sigma: tf.exp(tf.clipByValue(out.slice([0, 1], [-1, 1]).reshape([-1]), LOG_SIGMA_MIN, LOG_SIGMA_MAX)).mul(s),
    }));
    return regressionPrediction(cols.mean, new Float32Array(data.n), cols.sigma);
  }

  graph(): ModelGraph {
    return regressionGraph(this.net.plan, this.net.stackWeights(), 1, { mean: this.spec.targetMean, std: this.spec.targetStd }, { method: HET_MLP });
  }
}

/** Mean and standard deviation used to standardise the target (the loss is scale-free then). */
export function targetScale(y: Float32Array): { mean: number; std: number } {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  let sq = 0;
  for (const v of y) sq += (v - mean) ** 2;
  return { mean, std: Math.sqrt(sq / Math.max(1, y.length - 1)) || 1 };
}
