import { HepuqError, twoSampleDataset, type Dataset, type FittedModel } from '@hepuq/core';

/** Probabilities are clipped to [LOSS_CLIP, 1 - LOSS_CLIP] before the logarithm (a saturated classifier costs at most 16 nats). */
const LOSS_CLIP = 1e-7;

/**
 * The loss of a DCTR step: each fitted classifier's weighted mean binary cross-entropy
 * -[y log c + (1 - y) log(1 - c)] on the two-sample set it was trained on (`twoSampleDataset(from, to)`:
 * classes balanced to equal total weight, so a classifier that learnt nothing scores ln 2), averaged
 * over the step's classifiers, in nats per event.
 * @example const loss = await stepLoss(step1.models!, simReco, data) // 0.68
 */
export async function stepLoss(models: readonly FittedModel[], from: Dataset, to: Dataset): Promise<number> {
  const train = twoSampleDataset(from, to);
  const label = train.label!;
  let sum = 0;
  for (const model of models) {
    const p = await model.predict(train);
    if (p.kind !== 'classification') throw new HepuqError('InternalError', `classifier "${model.method}" returned a ${p.kind} prediction`);
    sum += crossEntropy(p.prob, label, train.weights);
  }
  return sum / models.length;
}

/** Weighted mean binary cross-entropy of probabilities `p` for 0/1 labels `y` (NaN when a probability is). */
function crossEntropy(p: Float32Array, y: Float32Array, w: Float32Array): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < p.length; i++) {
    const c = Math.min(1 - LOSS_CLIP, Math.max(LOSS_CLIP, p[i]));
    s -= w[i] * (y[i] === 1 ? Math.log(c) : Math.log(1 - c));
    sw += w[i];
  }
  return Number.isNaN(s) ? Number.NaN : s / sw;
}
