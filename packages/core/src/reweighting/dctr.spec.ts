import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Dataset } from '../data/dataset.js';
import type { HepuqError } from '../errors/hepuq-error.js';
import { EventBus } from '../events/event-bus.js';
import type { FittedModel, MethodContext, PredictOptions, TaskKind, UQMethod } from '../method/uq-method.js';
import type { ClassificationPrediction, Prediction } from '../method/prediction.js';
import { Rng } from '../random/rng.js';
import { dctrReweight } from './dctr.js';

/** A 1-D Gaussian density. */
interface Gauss {
  mu: number;
  sigma: number;
}
const pdf = (x: number, g: Gauss): number => Math.exp(-0.5 * ((x - g.mu) / g.sigma) ** 2) / (g.sigma * Math.sqrt(2 * Math.PI));

// `from` is wider than `to`, so the ratio p_to/p_from is bounded (max 1.33 at x = 0.98): no weight
// clip acts and the reweighted sample's moments have a well-defined spread
const FROM: Gauss = { mu: 0, sigma: 1.2 };
const TO: Gauss = { mu: 0.3, sigma: 1.0 };

const ClassifierOptions = z.object({ from: z.object({ mu: z.number(), sigma: z.number() }), to: z.object({ mu: z.number(), sigma: z.number() }) }).strict();
type ClassifierOptions = z.infer<typeof ClassifierOptions>;

/** What the fake classification method saw and did. */
interface FakeLog {
  fits: { data: Dataset; options: unknown; ctx: MethodContext }[];
  predicts: { data: Dataset; options: PredictOptions | undefined }[];
  disposed: number[];
}

interface FakeSettings {
  task?: TaskKind;
  warmStart?: boolean;
  /** Member whose `fit` throws. */
  failFit?: number;
  /** Member whose `predict` throws. */
  failPredict?: number;
  /** Replace the ideal probability: member m predicts `prob(data, m)`. */
  prob?: (data: Dataset, member: number) => Float32Array;
}

/**
 * A classification method that learns nothing and predicts like the Bayes-optimal classifier of the
 * data it was fitted on: with class weights W0, W1 it returns c = W1 p_to / (W0 p_from + W1 p_to),
 * exact for the two Gaussians named in its options. With balanced classes c = p_to/(p_from + p_to),
 * so c/(1-c) is the analytic density ratio, and any imbalance left by dctr would show in the ratio.
 */
function fakeClassifier(settings: FakeSettings = {}): { method: UQMethod<typeof ClassifierOptions>; log: FakeLog } {
  const log: FakeLog = { fits: [], predicts: [], disposed: [] };
  const method: UQMethod<typeof ClassifierOptions> = {
    key: 'fake-classifier',
    task: settings.task ?? 'classification',
    description: 'Bayes-optimal classifier between two known Gaussians',
    options: ClassifierOptions,
    warmStart: settings.warmStart,
    async fit(data: Dataset, options: ClassifierOptions, ctx: MethodContext): Promise<FittedModel> {
      const member = log.fits.length;
      log.fits.push({ data, options, ctx });
      if (member === settings.failFit) throw new Error(`fit ${member} failed`);
      let w0 = 0;
      let w1 = 0;
      for (let i = 0; i < data.n; i++) {
        if (data.label![i] === 1) w1 += data.weights[i];
        else w0 += data.weights[i];
      }
      return {
        method: 'fake-classifier',
        task: 'classification',
        async predict(evaluate: Dataset, predictOptions?: PredictOptions): Promise<Prediction> {
          log.predicts.push({ data: evaluate, options: predictOptions });
          if (member === settings.failPredict) throw new Error(`predict ${member} failed`);
          const x = evaluate.features.x;
          const prob = settings.prob?.(evaluate, member) ?? Float32Array.from(x, (v) => (w1 * pdf(v, options.to)) / (w0 * pdf(v, options.from) + w1 * pdf(v, options.to)));
          const prediction: ClassificationPrediction = { kind: 'classification', prob, sigmaProb: new Float32Array(prob.length) };
          const r = predictOptions?.replicas ?? 0;
          // replica k predicts the constant (k+1)/(r+1): ratios 1/r ... r, easy to recognise
          if (r > 0) prediction.replicas = Array.from({ length: r }, (_, k) => new Float32Array(prob.length).fill((k + 1) / (r + 1)));
          return prediction;
        },
        save: () => Promise.reject(new Error('unused')),
        dispose: () => void log.disposed.push(member),
      };
    },
    load: () => Promise.reject(new Error('unused')),
  };
  return { method, log };
}

const options: ClassifierOptions = { from: FROM, to: TO };
const ctx = (): MethodContext => ({ rng: new Rng(11), events: new EventBus() });

function gaussSample(n: number, g: Gauss, seed: number, source: string, weight = 1): Dataset {
  const rng = new Rng(seed);
  return new Dataset({ features: { x: rng.normalArray(n, g.mu, g.sigma) }, weights: new Float32Array(n).fill(weight), source });
}

// unequal sizes (and weights) on purpose: only dctr's class balancing makes c the normalised-density classifier
const from = gaussSample(20_000, FROM, 1, 'sim', 0.5);
const to = gaussSample(10_000, TO, 2, 'data', 3);

/** Weighted mean and standard deviation of x. */
function moments(x: ArrayLike<number>, w: ArrayLike<number>): { mean: number; std: number } {
  let sw = 0;
  let sx = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sw += w[i];
    sx += w[i] * x[i];
    sxx += w[i] * x[i] * x[i];
  }
  const mean = sx / sw;
  return { mean, std: Math.sqrt(sxx / sw - mean * mean) };
}

async function rejection(p: Promise<unknown>): Promise<HepuqError> {
  try {
    await p;
  } catch (e) {
    return e as HepuqError;
  }
  throw new Error('expected a rejection');
}

describe('dctrReweight with an ideal classifier', () => {
  it('gives the analytic density ratio p_to/p_from at every event', async () => {
    const { method, log } = fakeClassifier();
    const result = await dctrReweight({ method, options }, { from, to }, ctx());
    expect(log.fits[0].options).toBe(options);
    const x = from.features.x;
    let worst = 0;
    for (let i = 0; i < from.n; i++) worst = Math.max(worst, Math.abs(result.ratio[i] / (pdf(x[i], TO) / pdf(x[i], FROM)) - 1));
    // c is stored as float32 (relative rounding 6e-8) and c/(1-c) with 1-c >= 0.43 amplifies it at most ~3x
    expect(worst).toBeLessThan(1e-6);
    expect(result.members).toHaveLength(1);
    expect(result.clippedFraction).toBe(0);
    expect(result.models).toBeUndefined();
  });

  it('trains on balanced classes: label 0 for `from`, 1 for `to`, each class summing to n/2', async () => {
    const { method, log } = fakeClassifier();
    await dctrReweight({ method, options }, { from, to }, ctx());
    const train = log.fits[0].data;
    let w0 = 0;
    let w1 = 0;
    for (let i = 0; i < train.n; i++) {
      if (train.label![i]) w1 += train.weights[i];
      else w0 += train.weights[i];
    }
    // float32 weights summed in double over 10^4 terms: relative error ~1e-7
    expect(w0 / 15_000).toBeCloseTo(1, 5);
    expect(w1 / 15_000).toBeCloseTo(1, 5);
    expect(Array.from(train.label!.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(train.label![train.n - 1]).toBe(1);
  });

  it("makes the reweighted `from` sample's weighted mean and std match the `to` sample's", async () => {
    const { method } = fakeClassifier();
    const result = await dctrReweight({ method, options }, { from, to }, ctx());
    const w = Float64Array.from(result.ratio, (r, i) => r * from.weights[i]);
    const reweighted = moments(from.features.x, w);
    const target = moments(to.features.x, to.weights);
    // standard errors: the `to` mean 1/sqrt(10^4) = 0.010, the reweighted mean 1/sqrt(ESS ~ 1.8e4) = 0.0074,
    // their difference 0.012; the stds sigma/sqrt(2n): 0.0071 and 0.0053, difference 0.009. We allow ~4 sigma.
    expect(Math.abs(reweighted.mean - target.mean)).toBeLessThan(0.05);
    expect(Math.abs(reweighted.std - target.std)).toBeLessThan(0.04);
    // and both near the truth the `to` sample was drawn from (same standard errors)
    expect(reweighted.mean).toBeCloseTo(TO.mu, 1);
    expect(reweighted.std).toBeCloseTo(TO.sigma, 1);
  });

  it('reports the Kish effective sample size of the reweighted sample: ESS/n -> 1/E_from[r^2]', async () => {
    const { method } = fakeClassifier();
    const { diagnostics, maxRaw } = await dctrReweight({ method, options }, { from, to }, ctx());
    // E_from[r^2] = integral of p_to^2/p_from, by the trapezoid rule on [-15, 15] (the tails are < 1e-40)
    let er2 = 0;
    const h = 1e-3;
    for (let x = -15; x <= 15; x += h) er2 += (pdf(x, TO) ** 2 / pdf(x, FROM)) * h;
    expect(er2).toBeCloseTo(1.1017, 3);
    expect(diagnostics.n).toBe(from.n);
    // r <= 1.33, so r^2 has sd < 0.5 and its mean from 2e4 events a standard error < 0.004: we allow 0.02
    expect(Math.abs(diagnostics.essFraction - 1 / er2)).toBeLessThan(0.02);
    expect(maxRaw).toBeLessThanOrEqual(1.33);
    // mean weight = 0.5 (event weight) x E[r] = 1: ess is unaffected by that common factor
    expect(diagnostics.sum / diagnostics.n).toBeCloseTo(0.5, 2);
  });

  it('evaluates the ratio on another sample, with that sample in the diagnostics', async () => {
    const { method, log } = fakeClassifier();
    const other = gaussSample(500, { mu: 1, sigma: 0.5 }, 3, 'other');
    const result = await dctrReweight({ method, options }, { from, to }, ctx(), { evaluate: other });
    expect(log.predicts[0].data).toBe(other);
    expect(result.ratio).toHaveLength(500);
    for (let i = 0; i < other.n; i += 50) {
      const x = other.features.x[i];
      expect(result.ratio[i] / (pdf(x, TO) / pdf(x, FROM))).toBeCloseTo(1, 5);
    }
    expect(result.diagnostics.n).toBe(500);
  });
});

describe('dctrReweight: ensembles, clipping and replicas', () => {
  it('averages the members, each fitted with its own seed and without the run checkpoints', async () => {
    // member m predicts c = (m+1)/(m+2): ratios 1, 2, 3, mean 2
    const { method, log } = fakeClassifier({ prob: (data, m) => new Float32Array(data.n).fill((m + 1) / (m + 2)) });
    const context = { ...ctx(), checkpoints: {} as MethodContext['checkpoints'] };
    const result = await dctrReweight({ method, options }, { from: to, to: from }, context, { ensemble: 3 });
    expect(result.members.map((m) => m[0])).toEqual([1, 2, 3].map((r) => expect.closeTo(r, 5)));
    expect(result.ratio.every((r) => Math.abs(r - 2) < 1e-5)).toBe(true);
    expect(log.fits.map((f) => f.ctx.rng.seed)).toEqual([0, 1, 2].map((m) => context.rng.fork(`dctr:${m}`).seed));
    expect(new Set(log.fits.map((f) => f.ctx.rng.seed)).size).toBe(3);
    expect(log.fits.every((f) => f.ctx.checkpoints === undefined)).toBe(true);
    // replicas are drawn only from a single classifier
    expect(log.predicts.every((p) => p.options?.replicas === 0)).toBe(true);
    expect(result.replicas).toBeUndefined();
  });

  it('clips probabilities to [probClip, 1-probClip] and weights at maxWeight, counting clipped events over all members', async () => {
    const probs = Float32Array.of(0, 1e-9, 0.5, 0.99, 1);
    const { method } = fakeClassifier({ prob: () => probs });
    const small = new Dataset({ features: { x: new Float32Array(5) }, source: 'small' });
    const result = await dctrReweight({ method, options }, { from: small, to }, ctx(), { probClip: 1e-3, maxWeight: 100, ensemble: 2 });
    const r = Array.from(result.ratio);
    // p = 0 and 1e-9 become c = 1e-3: ratio 1e-3/0.999; p = 1 becomes c = 0.999: ratio 999, clipped at 100
    expect(r[0]).toBeCloseTo(1e-3 / 0.999, 8);
    expect(r[1]).toBeCloseTo(1e-3 / 0.999, 8);
    expect(r[2]).toBe(1);
    // 0.99 in float32 is 0.9900000095: ratio 99.00001, under the clip
    expect(r[3]).toBeCloseTo(99, 3);
    expect(r[4]).toBe(100);
    // 3 of 5 events clipped, in both members
    expect(result.clippedFraction).toBeCloseTo(3 / 5, 12);
    // 0.999 is not exactly representable in double: 0.999/0.001 = 998.99999999999...
    expect(result.maxRaw).toBeCloseTo(999, 6);
  });

  it('uses the defaults probClip 1e-6 and maxWeight 100', async () => {
    const { method } = fakeClassifier({ prob: () => Float32Array.of(0, 1) });
    const two = new Dataset({ features: { x: new Float32Array(2) }, source: 'two' });
    const result = await dctrReweight({ method, options }, { from: two, to }, ctx());
    expect(result.ratio[0]).toBeCloseTo(1e-6, 10);
    expect(result.ratio[1]).toBe(100);
    expect(result.maxRaw).toBeCloseTo(1e6, -1);
    expect(result.clippedFraction).toBe(1);
  });

  it('turns the replicas of a single classifier into ratios', async () => {
    const { method, log } = fakeClassifier();
    const result = await dctrReweight({ method, options }, { from, to }, ctx(), { replicas: 3 });
    expect(log.predicts[0].options?.replicas).toBe(3);
    expect(log.predicts[0].options?.seed).toBe(ctx().rng.fork('dctr:predict:0').nextSeed());
    expect(result.replicas).toHaveLength(3);
    // constant c = 1/4, 2/4, 3/4: ratios 1/3, 1, 3
    expect(result.replicas!.map((r) => r[0])).toEqual([1 / 3, 1, 3].map((v) => expect.closeTo(v, 6)));
  });
});

describe('dctrReweight: configuration errors', () => {
  it('InvalidArgument for an empty ensemble, negative replicas or a warm start per member missing, before anything is fitted', async () => {
    const { method, log } = fakeClassifier({ warmStart: true });
    for (const bad of [{ ensemble: 0 }, { replicas: -1 }, { ensemble: 2, warmStart: [] }]) {
      expect((await rejection(dctrReweight({ method, options }, { from, to }, ctx(), bad))).code).toBe('InvalidArgument');
    }
    expect(log.fits).toHaveLength(0);
  });

  it('absolute: scales the ratio by the total weights, so the reweighted `from` carries the total of `to`', async () => {
    const { method } = fakeClassifier();
    const plain = await dctrReweight({ method, options }, { from, to }, ctx());
    const absolute = await dctrReweight({ method, options }, { from, to }, ctx(), { absolute: true });
    const total = (d: Dataset, r?: Float32Array) => d.weights.reduce((s, w, i) => s + w * (r ? r[i] : 1), 0);
    // from: 2e4 events of weight 0.5, to: 1e4 of weight 3, so the scale is 3e4 / 1e4 = 3
    expect(absolute.ratio[0] / plain.ratio[0]).toBeCloseTo(total(to) / total(from), 5);
    expect(total(from, absolute.ratio) / total(to)).toBeCloseTo(total(from, plain.ratio) / total(from), 5);
  });

  it('accepts maxWeight: Infinity (no weight clipping)', async () => {
    const { method } = fakeClassifier();
    const result = await dctrReweight({ method, options }, { from, to }, ctx(), { maxWeight: Infinity });
    expect(result.maxRaw).toBeGreaterThan(0);
  });

  it('InvalidConfig for a regression method, naming it, before anything is fitted', async () => {
    const { method, log } = fakeClassifier({ task: 'regression' });
    const e = await rejection(dctrReweight({ method, options }, { from, to }, ctx()));
    expect(e.code).toBe('InvalidConfig');
    expect(e.message).toContain('"fake-classifier"');
    expect(e.message).toContain('regression');
    expect(log.fits).toHaveLength(0);
  });

  it('InvalidConfig for warmStart on a method without warm starts; a method with them gets one model per member', async () => {
    const warm = [0, 1].map((m): FittedModel => ({ method: 'earlier', task: 'classification', predict: () => Promise.reject(new Error(`${m}`)), save: () => Promise.resolve(), dispose: () => undefined }));
    const cold = fakeClassifier();
    const e = await rejection(dctrReweight({ method: cold.method, options }, { from, to }, ctx(), { warmStart: warm }));
    expect(e.code).toBe('InvalidConfig');
    expect(e.message).toContain('"fake-classifier"');
    expect(cold.log.fits).toHaveLength(0);
    const { method, log } = fakeClassifier({ warmStart: true });
    await dctrReweight({ method, options }, { from, to }, ctx(), { warmStart: warm, ensemble: 2 });
    expect(log.fits.map((f) => f.ctx.warmStart)).toEqual(warm);
  });
});

describe('dctrReweight: model ownership', () => {
  it('disposes every model it fitted, once', async () => {
    const { method, log } = fakeClassifier();
    await dctrReweight({ method, options }, { from, to }, ctx(), { ensemble: 3 });
    expect(log.disposed).toEqual([0, 1, 2]);
  });

  it('with keepModels returns the models and disposes none', async () => {
    const { method, log } = fakeClassifier();
    const result = await dctrReweight({ method, options }, { from, to }, ctx(), { ensemble: 2, keepModels: true });
    expect(result.models).toHaveLength(2);
    expect(log.disposed).toEqual([]);
    result.models!.forEach((m) => m.dispose());
    expect(log.disposed).toEqual([0, 1]);
  });

  it('disposes the kept models when a later member fails to fit, and rethrows', async () => {
    const { method, log } = fakeClassifier({ failFit: 2 });
    await expect(dctrReweight({ method, options }, { from, to }, ctx(), { ensemble: 3, keepModels: true })).rejects.toThrow('fit 2 failed');
    expect(log.disposed.sort()).toEqual([0, 1]);
  });

  it('disposes the model whose prediction fails, and the kept ones before it', async () => {
    const { method, log } = fakeClassifier({ failPredict: 1 });
    await expect(dctrReweight({ method, options }, { from, to }, ctx(), { ensemble: 3, keepModels: true })).rejects.toThrow('predict 1 failed');
    expect(log.disposed.sort()).toEqual([0, 1]);
    expect(log.fits).toHaveLength(2);
  });

  it('without keepModels, a failure disposes every model exactly once', async () => {
    const { method, log } = fakeClassifier({ failPredict: 1 });
    await expect(dctrReweight({ method, options }, { from, to }, ctx(), { ensemble: 3 })).rejects.toThrow('predict 1 failed');
    expect(log.disposed.sort()).toEqual([0, 1]);
  });

  it('InternalError (and the model disposed) when a classification method returns a regression prediction', async () => {
    const { method, log } = fakeClassifier();
    const fit = method.fit.bind(method);
    const wrong: UQMethod<typeof ClassifierOptions> = {
      ...method,
      async fit(data, o, c) {
        const model = await fit(data, o, c);
        return { ...model, predict: async (d: Dataset) => ({ kind: 'regression', mean: new Float32Array(d.n), sigmaStat: new Float32Array(d.n), sigmaSyst: new Float32Array(d.n), sigmaTot: new Float32Array(d.n) }) };
      },
    };
    const e = await rejection(dctrReweight({ method: wrong, options }, { from, to }, ctx()));
    expect(e.code).toBe('InternalError');
    expect(e.message).toContain('regression prediction');
    expect(log.disposed).toEqual([0]);
  });
});
