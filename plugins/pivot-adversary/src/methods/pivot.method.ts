import { Adversary, adversaryModel } from '../adversary/adversary.js';
import { nuisanceEntropy } from '../diagnostics/nuisance-entropy.js';
import { adversarialFit } from '../training/adversarial-fit.js';
import { decorrelationTensors, disposeDecorrelationTensors } from '../training/decorrelation-tensors.js';
import { decorrelationMethod } from './classifier-recipe.js';
import { PIVOT, PivotOptions } from './pivot.options.js';

/**
 * `pivot`: learning to pivot with an adversary (Louppe, Kagan, Cranmer 1611.01046). A classifier f(x)
 * and an adversary r(f(x)) predicting the nuisance Z play L_f - lambda L_r; with a large lambda f
 * carries no information on Z (its output is a pivot) at some cost in separation. metrics.json gets
 * `adversary_loss` (mean NLL of Z, nats, on the training events it sees) next to
 * `nuisance_entropy` (what it reaches when f holds no information on Z).
 * @example method: { use: pivot, options: { nuisance: z, lambda: 50, adversarySteps: 5 } }   # in a run config
 */
export const pivotMethod = decorrelationMethod({
  key: PIVOT,
  description: 'Classifier decorrelated from a nuisance by an adversary (learning to pivot); sigma_prob = 0',
  options: PivotOptions,
  async train({ net, data, label, target, options, ctx }) {
    const model = adversaryModel(target.values, data.weights, options.adversary, options.components);
    const adversary = Adversary.create(model, options.adversaryHidden, ctx.rng.fork('adversary-init'));
    const tensors = decorrelationTensors(net, data, label, adversary.encode(target.values), options.decorrelateOn);
    try {
      const { adversaryLoss } = await adversarialFit(net, adversary, tensors, {
        ...options, adversaryLr: options.adversaryLr ?? options.lr, rng: ctx.rng.fork('train'), events: ctx.events, method: PIVOT, signal: ctx.signal, checkpoints: ctx.checkpoints,
      });
      const seen = Float32Array.from(data.weights, (w, i) => (options.decorrelateOn === 'all' || (options.decorrelateOn === 'signal') === (label[i] === 1) ? w : 0));
      const entropy = nuisanceEntropy(target.values, seen, { components: model.type === 'mixture' ? model.components : 1 });
      return { adversary_loss: adversaryLoss, nuisance_entropy: { value: entropy.value } };
    } finally {
      disposeDecorrelationTensors(tensors);
      adversary.dispose();
    }
  },
});
