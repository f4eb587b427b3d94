import * as tf from '@tensorflow/tfjs';
import { selectBackend, EventBus, HepuqError, Rng, type MetricBin, type MetricValue } from '@hepuq/core';
import { pivot2dToy } from '@hepuq/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { pivotMethod } from './pivot.method.js';
import { PivotOptions } from './pivot.options.js';

// the wasm backend, as the CLI runs (tfjs alone would default to its pure-JS cpu backend)
beforeAll(() => selectBackend());

const N = 8_000;
const OPTIONS = { hidden: [32, 32], adversaryHidden: [32, 32], epochs: 15, batchSize: 256, pretrainEpochs: 3, adversaryPretrainEpochs: 3, adversarySteps: 3, nuisanceBins: 5 };

interface Outcome {
  auc: MetricBin[];
  pValue: number;
  adversaryLoss: MetricValue;
  entropy: number;
}

async function train(lambda: number, extra: Record<string, unknown> = {}, toy: Record<string, unknown> = {}): Promise<Outcome> {
  const train = pivot2dToy.generate(N, toy, new Rng(11));
  const test = pivot2dToy.generate(N, toy, new Rng(12));
  const model = await pivotMethod.fit(train, PivotOptions.parse({ ...OPTIONS, ...extra, lambda }), { rng: new Rng(3), events: new EventBus() });
  try {
    const d = await model.diagnostics!(test, await model.predict(test));
    return {
      auc: d.auc_by_nuisance as MetricBin[],
      pValue: (d.auc_by_nuisance_pvalue as MetricValue).value,
      adversaryLoss: d.adversary_loss as MetricValue,
      entropy: (d.nuisance_entropy as MetricValue).value,
    };
  } finally {
    model.dispose();
  }
}

const mean = (bins: MetricBin[]) => bins.reduce((s, b) => s + b.value, 0) / bins.length;

describe('pivot on pivot-2d (Louppe et al. 2017, section 5.1)', () => {
  let free: Outcome;
  let pivot: Outcome;
  beforeAll(async () => {
    const before = tf.memory().numTensors;
    free = await train(0);
    pivot = await train(50);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('with lambda = 0 the AUC depends on Z and the adversary learns about Z', () => {
    // 5 bins of ~2,400 test events: AUC errors ~0.01, the spread across Z is ~0.1 (0.78 to 0.96 at z = -1..1)
    expect(free.pValue).toBeLessThan(1e-6);
    // only the background half of the events carries Z information, so the gap is a few percent:
    // ask for it to exceed 4 standard errors (~0.009 nats each from 12,000 events)
    expect(free.entropy - free.adversaryLoss.value).toBeGreaterThan(4 * free.adversaryLoss.error!);
  });

  it('with a large lambda the adversary loss reaches the entropy of Z and the AUC is flat in Z', () => {
    // entropy of N(0, 1) is 1.419 nats; "a few percent" = 5%, against a standard error of ~0.01 nats
    expect(Math.abs(pivot.adversaryLoss.value - pivot.entropy) / pivot.entropy).toBeLessThan(0.05);
    expect(pivot.pValue).toBeGreaterThan(0.001);
  });

  it('decorrelation costs separation', () => {
    // x1 alone (the pivot) gives AUC Phi(1/sqrt 2) = 0.760; the unconstrained classifier does better
    expect(mean(free.auc) - mean(pivot.auc)).toBeGreaterThan(0.02);
    expect(mean(pivot.auc)).toBeGreaterThan(0.70);
  });
});

describe('pivot variants', () => {
  it('two generators (discrete Z): a softmax adversary whose loss reaches ln 2', async () => {
    const two = await train(50, {}, { zValues: [-1, 1] });
    // equal halves: the entropy is ln 2 = 0.693 nats; AUC in the two generator bins agrees within errors
    expect(two.entropy).toBeCloseTo(Math.LN2, 2);
    expect(Math.abs(two.adversaryLoss.value - two.entropy) / two.entropy).toBeLessThan(0.05);
    expect(two.auc).toHaveLength(2);
    expect(two.pValue).toBeGreaterThan(0.001);
  }, 120_000);

  it('gradient reversal (one simultaneous update per batch) also reaches the entropy of Z', async () => {
    const grl = await train(50, { gradientReversal: true });
    expect(Math.abs(grl.adversaryLoss.value - grl.entropy) / grl.entropy).toBeLessThan(0.05);
  }, 120_000);
});

describe('pivot rejects bad input', () => {
  const data = pivot2dToy.generate(200, {}, new Rng(1));
  const ctx = { rng: new Rng(1), events: new EventBus() };
  it('lambda < 0 fails the options schema', () => {
    expect(PivotOptions.safeParse({ lambda: -1 }).success).toBe(false);
  });
  it('a missing nuisance column is MissingColumn', async () => {
    await expect(pivotMethod.fit(data, PivotOptions.parse({ nuisance: 'tes', epochs: 1 }), ctx)).rejects.toMatchObject({ code: 'MissingColumn' });
  });
  it('a constant nuisance is InvalidArgument', async () => {
    const flat = pivot2dToy.generate(200, { z: 0.5 }, new Rng(2));
    const err = await pivotMethod.fit(flat, PivotOptions.parse({ epochs: 1 }), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HepuqError);
    expect((err as HepuqError).code).toBe('InvalidArgument');
  });
});
