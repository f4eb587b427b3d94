import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { type Dataset, type ModelGraph, NetworkRef, type MethodContext, type UQMethod } from '@hepuq/core';
import { headGaussianNll } from '../loss/het-gaussian-nll.loss.js';
import { regressionGraph } from '../export/model-graphs.js';
import { DenseNetwork } from '../network/dense-network.js';
import { planNetwork } from '../network/network-bodies.js';
import { NetworkModel, readNetworkModel, type NetworkModelSpec } from '../network/network-model.js';
import { MlpOptions } from '../nn/mlp-options.js';
import { gaussianHeadColumns, regressionOutputs, regressionTargets, savedLogSigmaBound, savedTargetFields, savedTargetScales, targetsPrediction, toTargetUnits, type SavedTargets } from '../targets/regression-targets.js';

export const HET_MLP = 'het-mlp';
/** The shared MLP options plus the network body (`network: { use: pfn, options: {...} }`; default `mlp`). */
export const HetMlpOptions = MlpOptions.extend({ network: NetworkRef }).strict();
export type HetMlpOptions = z.infer<typeof HetMlpOptions>;

interface HetMlpSpec extends NetworkModelSpec, SavedTargets {
  options: HetMlpOptions;
}

/**
 * Deterministic network (any body: MLP by default, Deep Sets/PFN/EFN on particle sets) with a heteroscedastic Gaussian head (mu, log sigma) per target, trained on the weighted
 * NLL sum_t |y_t - mu_t|^2/(2 sigma_t^2) + log sigma_t (a diagonal Gaussian for several targets). Its sigmaSyst is the learned sigma; sigmaStat is 0 because
 * it has no weight posterior (the bnn and ensemble plugins add one).
 */
export const hetMlpMethod: UQMethod<typeof HetMlpOptions> = {
  key: HET_MLP,
  task: 'regression',
  multiTarget: true,
  description: 'MLP with a heteroscedastic Gaussian head per target: sigma_syst learned, sigma_stat = 0',
  options: HetMlpOptions,

  async fit(data, options, ctx) {
    const { scales, y } = regressionTargets(data, HET_MLP);
    const t = scales.length;
    const plan = planNetwork(data, options.network, { outputs: regressionOutputs(t), hidden: options.hidden, activation: options.activation }, { ...ctx, method: HET_MLP });
    const net = DenseNetwork.create(plan, ctx.rng.fork('init'));
    await net.train(data, y, (out, yb, wb) => headGaussianNll(yb, out, wb), {
      ...options, rng: ctx.rng.fork('batches'), events: ctx.events, method: HET_MLP, signal: ctx.signal, checkpoints: ctx.checkpoints,
    });
    const spec: HetMlpSpec = { options, network: plan.spec, featureNames: [...data.featureNames], ...savedTargetFields(scales) };
    return new HetMlpModel(net, spec);
  },

  async load(dir: string, ctx: MethodContext) {
    const { net, spec } = await readNetworkModel<HetMlpSpec>(dir, HET_MLP, (s) => regressionOutputs(savedTargetScales(s, dir).length), ctx.networks);
    return new HetMlpModel(net, spec);
  },
};

class HetMlpModel extends NetworkModel<HetMlpSpec> {
  readonly method = HET_MLP;
  readonly task = 'regression' as const;

  async predict(data: Dataset) {
    const scales = savedTargetScales(this.spec, HET_MLP);
    const bound = savedLogSigmaBound(this.spec, HET_MLP);
    const cols = this.net.evaluate(data, (out) => {
      const { mu, logSigma } = gaussianHeadColumns(out, scales.length, bound);
      const { mean, sigma } = toTargetUnits(mu, logSigma, scales);
      // [T, n]: target t's events are one row
      return { mean: mean.transpose(), stat: tf.zerosLike(mean).transpose(), syst: sigma.transpose() };
    });
    return targetsPrediction(scales.map((s) => s.name), data.n, { mean: cols.mean, stat: cols.stat, syst: cols.syst });
  }

  graph(): ModelGraph {
    return regressionGraph(this.net.plan, this.net.stackWeights(), 1, savedTargetScales(this.spec, HET_MLP), { method: HET_MLP, logSigmaBound: savedLogSigmaBound(this.spec, HET_MLP) });
  }
}
