import { createHepuq, Dataset, EventBus, Rng, z, type FittedModel, type HepuqApp, type HepuqPlugin, type ToyGenerator } from '@hepuq/core';
import { describeRunStepConformance } from '@hepuq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decorrelationCheck } from './decorrelation-check.js';
import { ThirdSampleOptions } from './third-sample.options.js';
import { thirdSampleStep, trainingValues } from './third-sample.step.js';

/*
 * Known answers: signal ~ N(d/2, 1), background ~ N(-d/2, 1) in one feature x, scored by the
 * monotone sigmoid(x), so AUC = Phi(d / sqrt 2) and, with the threshold at signal efficiency 0.5
 * (x = d_a/2 on sample a), the background efficiency is 1 - Phi(d_a/2 + d/2).
 */
const Phi = (x: number): number => 0.5 * (1 + erf(x / Math.SQRT2));
function erf(x: number): number {
  // Abramowitz & Stegun 7.1.26, |error| < 1.5e-7: ample for tolerances of 1e-3
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

function gaussians(rng: Rng, n: number, d: number, gen: number): Dataset {
  const x = new Float32Array(2 * n);
  const label = new Float32Array(2 * n);
  for (let i = 0; i < 2 * n; i++) {
    label[i] = i < n ? 1 : 0;
    x[i] = (i < n ? d / 2 : -d / 2) + rng.normal();
  }
  return new Dataset({ features: { x }, label, nuisances: { gen: new Float32Array(2 * n).fill(gen) }, source: `gaussians d=${d}` });
}

function concat(a: Dataset, b: Dataset): Dataset {
  const cat = (u: Float32Array, v: Float32Array) => Float32Array.from([...u, ...v]);
  return new Dataset({ features: { x: cat(a.features.x, b.features.x) }, label: cat(a.label!, b.label!), nuisances: { gen: cat(a.nuisances.gen, b.nuisances.gen) }, source: 'a+b' });
}

const model: FittedModel = {
  method: 'test/sigmoid',
  task: 'classification',
  async predict(data) {
    const prob = Float32Array.from(data.features.x, (x) => 1 / (1 + Math.exp(-x)));
    return { kind: 'classification', prob, sigmaProb: new Float32Array(data.n) };
  },
  async save() {},
  dispose() {},
};

const thirdToy: ToyGenerator = {
  key: 'test/gaussians', task: 'classification', description: 'two unit Gaussians d apart',
  options: z.object({ d: z.number().default(1) }).strict(),
  generate: (n, options, rng) => gaussians(rng, Math.round(n / 2), (options as { d: number }).d, 2),
};
const support = (): HepuqPlugin => ({ meta: { name: 'third-sample-spec-support', version: '0.0.0', core: '^0.1.0' }, register: (ctx) => ctx.toys.add(thirdToy.key, thirdToy) });

const N = 20_000; // events per class per sample
const test = concat(gaussians(new Rng(1), N, 2, 0), gaussians(new Rng(2), N, 2, 1));

let app: HepuqApp;
beforeAll(async () => {
  app = await createHepuq({ plugins: [support()] });
});
afterAll(() => app?.dispose());

async function check(options: unknown) {
  const out = await thirdSampleStep.run({ options: ThirdSampleOptions.parse(options), train: test, test, prediction: await model.predict(test), model, services: app.services, rng: new Rng(3), events: new EventBus() });
  return out as Record<string, any>;
}

describe('third-sample step', () => {
  it('flags a third sample whose AUC moves far beyond the two-point uncertainty', async () => {
    const out = await check({ third: { toy: 'test/gaussians', n: 2 * N, options: { d: 1 } } });
    // AUC error from 2 x 20k events is ~0.002; we allow 3 errors (0.006) around Phi(d/sqrt 2)
    expect(out.samples.a.value).toBeCloseTo(Phi(2 / Math.SQRT2), 2);
    expect(Math.abs(out.samples.third.value - Phi(1 / Math.SQRT2))).toBeLessThan(3 * out.samples.third.error);
    expect(out.quoted.value).toBeLessThan(3 * out.quoted.error);
    expect(out.underestimated).toBe(true);
    expect(out.significance).toBeGreaterThan(20);
  });

  it('does not flag a third sample drawn like the first two', async () => {
    const out = await check({ third: { toy: 'test/gaussians', n: 2 * N, options: { d: 2 } } });
    expect(out.underestimated).toBe(false);
    expect(Math.abs(out.excess.value)).toBeLessThan(3 * out.excess.error);
  });

  it('measures the background efficiency at fixed signal efficiency with the threshold from sample a', async () => {
    const out = await check({ third: { toy: 'test/gaussians', n: 2 * N, options: { d: 1 } }, quantity: 'background-efficiency', signalEfficiency: 0.5 });
    // eps_b ~ 0.023 with binomial error ~0.001 from 20k background events, plus the threshold's fluctuation; 3 errors
    expect(Math.abs(out.samples.a.value - (1 - Phi(2)))).toBeLessThan(3 * out.samples.a.error);
    expect(Math.abs(out.samples.third.value - (1 - Phi(1.5)))).toBeLessThan(3 * Math.hypot(out.samples.third.error, out.samples.a.error));
    expect(out.threshold).toBeCloseTo(1 / (1 + Math.exp(-1)), 1);
    expect(out.underestimated).toBe(true);
  });

  it('takes a and b from the train set and errors when it holds other than two values', () => {
    expect(trainingValues(test, {})).toEqual({ nuisance: 'gen', a: 0, b: 1 });
    const three = concat(test, gaussians(new Rng(4), 10, 1, 2));
    expect(() => trainingValues(three, {})).toThrow(expect.objectContaining({ code: 'InvalidConfig' }));
    expect(trainingValues(three, { a: 0, b: 2 })).toMatchObject({ a: 0, b: 2 });
  });

  it('errors on a third sample without labels of both classes', async () => {
    const oneClass: ToyGenerator = { ...thirdToy, key: 'test/signal-only', generate: (n, _o, rng) => gaussians(rng, n, 1, 2).subset(Int32Array.from({ length: n }, (_, i) => i)) };
    const local = await createHepuq({ plugins: [{ meta: { name: 'one-class', version: '0.0.0', core: '^0.1.0' }, register: (ctx) => ctx.toys.add(oneClass.key, oneClass) }] });
    await expect(
      thirdSampleStep.run({ options: ThirdSampleOptions.parse({ third: { toy: 'test/signal-only', n: 100 } }), train: test, test, prediction: await model.predict(test), model, services: local.services, rng: new Rng(3), events: new EventBus() }),
    ).rejects.toMatchObject({ code: 'EmptyDataset' });
    local.dispose();
  });

  it('propagates the error of the excess through both absolute values', () => {
    const r = decorrelationCheck({ value: 0.8, error: 0.01 }, { value: 0.79, error: 0.01 }, { value: 0.7, error: 0.01 });
    // s1 = -1, s2 = +1: q_a cancels, sigma^2 = 0.01^2 + 0.01^2
    expect(r.excess.value).toBeCloseTo(0.09, 12);
    expect(r.excess.error).toBeCloseTo(Math.SQRT2 * 0.01, 12);
    expect(r.underestimated).toBe(true);
  });
});

describeRunStepConformance({
  step: thirdSampleStep,
  options: { third: { toy: 'test/gaussians', n: 400, options: { d: 1 } }, bootstrap: 20 },
  plugins: () => [support()],
  run: async () => {
    const data = concat(gaussians(new Rng(5), 200, 2, 0), gaussians(new Rng(6), 200, 2, 1));
    return { train: data, test: data, prediction: await model.predict(data), model };
  },
  invalidOptions: [
    { options: {}, field: 'third' },
    { options: { third: { toy: 't', n: 10 }, quantity: 'jsd' }, field: 'quantity' },
    { options: { third: { toy: 't', n: 10 }, signalEfficiency: 1 }, field: 'signalEfficiency' },
    { options: { third: { toy: 't', n: 10 }, a: 1 }, field: 'b' },
  ],
});
