import { describe, expect, it } from 'vitest';
import { describeRunStepConformance } from '@hepuq/testing';
import {
  createHepuq, Dataset, regressionPrediction, Rng, z, type FittedModel, type HepuqApp, type Prediction, type RunStep, type RunStepInput, type UQMethod,
} from '@hepuq/core';
import { dataScalingStep, type DataScalingArtifact } from './data-scaling.step.js';
import { plateau, plateauFrom, priorScanStep, type PriorPoint, type PriorScanArtifact } from './prior-scan.step.js';
import { powerLawSlope } from './power-law.js';
import { refitSummary } from './refit-summary.js';

// A stand-in Bayesian method with a known answer: sigma_stat = 0.5 min(1, priorSigma) / sqrt(N_train),
// sigma_syst = 0.2 at every N, mean = truth; each fit is recorded.
const FakeOptions = z.object({ priorSigma: z.number().positive().default(1), epochs: z.number().int().positive().default(10) }).strict();
const fits: { n: number; epochs: number; priorSigma: number; seed: number; firstX: number }[] = [];
const fake: UQMethod<typeof FakeOptions> = {
  key: 'fake-bayes', task: 'regression', description: 'test double', options: FakeOptions,
  async fit(data, options, ctx): Promise<FittedModel> {
    const seed = ctx.rng.nextSeed();
    fits.push({ n: data.n, epochs: options.epochs, priorSigma: options.priorSigma, seed, firstX: data.features.x[0] });
    const stat = (0.5 * Math.min(1, options.priorSigma)) / Math.sqrt(data.n);
    return {
      method: 'fake-bayes', task: 'regression', save: async () => undefined, dispose: () => undefined,
      async predict(test): Promise<Prediction> {
        return regressionPrediction(Float32Array.from(test.extras.true_mean), new Float32Array(test.n).fill(stat), new Float32Array(test.n).fill(0.2));
      },
    };
  },
  load: () => Promise.reject(new Error('not saved')),
};

function toy(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n }, () => rng.uniform());
  const truth = Float32Array.from(x, (v) => 2 * v);
  return new Dataset({ features: { x }, target: Float32Array.from(truth, (m) => m + 0.2 * rng.normal()), extras: { true_mean: truth } });
}

const fakePlugin = () => ({ meta: { name: 'acme-fake', version: '0.1.0', core: '^0.1.0' }, register: (ctx: { methods: { add(k: string, m: never): void } }) => ctx.methods.add(fake.key, fake as never) });

async function app(): Promise<HepuqApp> {
  return createHepuq({ plugins: [fakePlugin()] });
}

const fixture = () => {
  const test = toy(300, 2);
  return {
    train: toy(600, 1), test, model: { method: fake.key } as FittedModel, methodOptions: { priorSigma: 1, epochs: 10 },
    prediction: regressionPrediction(new Float32Array(300), new Float32Array(300).fill(1), new Float32Array(300).fill(1)),
  };
};
describeRunStepConformance({ step: dataScalingStep, options: { fractions: [0.5, 1] }, plugins: () => [fakePlugin()], run: fixture, invalidOptions: [{ options: { fractions: [0, 1] }, field: 'fractions' }, { options: { repeats: 0 }, field: 'repeats' }] });
describeRunStepConformance({ step: priorScanStep, options: { widths: [0.1, 1] }, plugins: () => [fakePlugin()], run: fixture, invalidOptions: [{ options: { widths: [1] }, field: 'widths' }, { options: { widths: [-1, 1] }, field: 'widths' }] });

async function runStep<S extends z.ZodType>(a: HepuqApp, step: RunStep<S>, options: unknown, methodOptions: unknown = { priorSigma: 1, epochs: 10 }): Promise<Record<string, unknown>> {
  const train = toy(1000, 1);
  const test = toy(500, 2);
  const parsed = step.options.parse(options);
  step.check?.({ options: parsed, method: fake, methodOptions, methods: a.registries.methods });
  const input: RunStepInput<z.output<S>> = {
    options: parsed, train, test, prediction: regressionPrediction(new Float32Array(500), new Float32Array(500).fill(1), new Float32Array(500).fill(1)),
    model: { method: fake.key } as FittedModel, methodOptions, services: a.services, rng: new Rng(5), events: a.events,
  };
  return step.run(input);
}

describe('data-scaling step', () => {
  it('refits on nested subsamples with equal optimiser steps and fits sigma_stat ~ N^-1/2 and a flat sigma_syst', async () => {
    const a = await app();
    fits.length = 0;
    const out = (await runStep(a, dataScalingStep, { fractions: [1, 0.25, 0.5, 0.125], repeats: 2 })) as unknown as DataScalingArtifact;
    expect(out.points.map((p) => p.n_train)).toEqual([125, 250, 500, 1000]);
    expect(out.points.map((p) => p.epochs)).toEqual([80, 40, 20, 10]);
    expect(fits.map((f) => f.n)).toEqual([125, 250, 500, 1000, 125, 250, 500, 1000]);
    // nested: every size of a repeat starts from the same permuted rows and the same training seed
    expect(new Set(fits.slice(0, 3).map((f) => f.firstX)).size).toBe(1);
    expect(new Set(fits.slice(0, 4).map((f) => f.seed)).size).toBe(1);
    expect(fits[0].seed).not.toBe(fits[4].seed);
    expect(out.stat_slope!.value).toBeCloseTo(-0.5, 6);
    expect(out.syst_slope!.value).toBeCloseTo(0, 6);
    expect(out.points[0].sigma_stat.value).toBeCloseTo(0.5 / Math.sqrt(125), 6);
    expect(out.points[0].repeats).toHaveLength(2);
    expect(out.points[0].error_of_mean!.value).toBe(0);
    expect(out.error_slope).toBeUndefined(); // rms error 0 at every N: no power law
    a.dispose();
  });

  it('keeps the epochs with equalSteps: false, and refuses fractions leaving too few events', async () => {
    const a = await app();
    fits.length = 0;
    await runStep(a, dataScalingStep, { fractions: [0.5, 1], equalSteps: false });
    expect(fits.map((f) => f.epochs)).toEqual([10, 10]);
    await expect(runStep(a, dataScalingStep, { fractions: [0.01, 1] })).rejects.toMatchObject({ code: 'InvalidConfig', message: expect.stringContaining('at least 20 events') });
    a.dispose();
  });
});

describe('prior-scan step', () => {
  it('refits once per width from one seed and finds where the plateau starts', async () => {
    const a = await app();
    fits.length = 0;
    const out = (await runStep(a, priorScanStep, { widths: [100, 0.01, 1, 10, 0.1] })) as unknown as PriorScanArtifact;
    expect(out.points.map((p) => p.width)).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(fits.map((f) => f.priorSigma)).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(new Set(fits.map((f) => f.seed)).size).toBe(1);
    expect(out.points.map((p) => p.plateau)).toEqual([false, false, true, true, true]);
    expect(out.plateau_from).toBe(1);
    expect(out.option).toBe('priorSigma');
    a.dispose();
  });

  it('is refused before training when the method has no such option', async () => {
    const a = await app();
    fits.length = 0;
    await expect(runStep(a, priorScanStep, { option: 'priorScale' })).rejects.toMatchObject({ code: 'InvalidConfig', message: expect.stringContaining('method "fake-bayes" refuses') });
    expect(fits).toHaveLength(0);
    a.dispose();
  });
});

describe('scan helpers', () => {
  it('fits a power law exactly and gives an error from the residuals', () => {
    const n = [100, 400, 1600, 6400];
    expect(powerLawSlope(n, n.map((x) => 3 / Math.sqrt(x)))).toEqual({ value: expect.closeTo(-0.5, 12), error: expect.closeTo(0, 12) });
    const noisy = powerLawSlope(n, [0.3, 0.16, 0.07, 0.04])!;
    // by hand: S_xy = -4.761, S_xx = 9.605 in ln-ln
    expect(noisy.value).toBeCloseTo(-0.4957, 3);
    expect(noisy.error).toBeGreaterThan(0);
    expect(powerLawSlope([1, 2], [1, 0.5])!.error).toBeUndefined();
    expect(powerLawSlope([1, 2], [0, 0])).toBeUndefined();
  });

  it('puts a point on the plateau only when score and sigma both agree with the widest prior', () => {
    const pt = (width: number, score: number, sigma: number): PriorPoint => ({ width, plateau: false, score: { value: score, error: 0.01 }, score_metric: 'bce', sigma_stat: sigma });
    const marked = plateau([pt(0.1, 0.5, 0.1), pt(1, 0.41, 0.095), pt(10, 0.4, 0.07), pt(100, 0.4, 0.1)], 2, 0.2);
    expect(marked.map((p) => p.plateau)).toEqual([false, true, false, true]);
    expect(plateauFrom(marked)).toBeNull();
  });

  it('summarises classification refits with cross-entropy, AUC and the mean sigma_prob', () => {
    const test = new Dataset({ features: { x: Float32Array.from([0, 1, 2, 3]) }, label: Float32Array.from([0, 0, 1, 1]) });
    const s = refitSummary({ kind: 'classification', prob: Float32Array.from([0.1, 0.2, 0.8, 0.9]), sigmaProb: Float32Array.from([0.01, 0.02, 0.03, 0.04]) }, test);
    expect(s.score_metric).toBe('bce');
    expect(s.score.value).toBeCloseTo(-(2 * Math.log(0.9) + 2 * Math.log(0.8)) / 4, 6);
    expect(s.auc!.value).toBe(1);
    expect(s.sigma_stat).toBeCloseTo(0.025, 6);
  });
});
