import { describe, expect, it } from 'vitest';
import { describeRunStepConformance } from '@hepuq/testing';
import { createHepuq, Dataset, regressionPrediction, Rng, z, type FittedModel, type HepuqPlugin, type Prediction, type UQMethod } from '@hepuq/core';
import { closureCompareStep, type ClosureCompareArtifact } from './closure-compare.step.js';

// A direct regression with a known non-closure: it predicts 0.95 y + 0.05 * 110 from the truth it
// was handed (extras true_y), i.e. a pull of every y towards the mean of the flat prior (110).
const FakeOptions = z.object({ shrink: z.number().min(0).max(1).default(0.05) }).strict();
const fakeDirect: UQMethod<typeof FakeOptions> = {
  key: 'fake-direct', task: 'regression', description: 'test double', options: FakeOptions,
  async fit(_data, options): Promise<FittedModel> {
    return {
      method: 'fake-direct', task: 'regression', save: async () => undefined, dispose: () => undefined,
      async predict(test): Promise<Prediction> {
        const mean = Float32Array.from(test.extras.true_y, (y) => (1 - options.shrink) * y + options.shrink * 110);
        return regressionPrediction(mean, new Float32Array(test.n), new Float32Array(test.n).fill(1));
      },
    };
  },
  load: () => Promise.reject(new Error('not saved')),
};
const fakeClassifier: UQMethod = { ...fakeDirect, key: 'fake-classifier', task: 'classification' } as UQMethod;
const fakePlugin = (): HepuqPlugin => ({
  meta: { name: 'acme-fake', version: '0.1.0', core: '^0.1.0' },
  register: (ctx) => {
    ctx.methods.add(fakeDirect.key, fakeDirect as never);
    ctx.methods.add(fakeClassifier.key, fakeClassifier);
  },
});

/** y ~ U(20, 200), x = y (1 + 0.1 eps); the run's prediction is y (1 + 0.1 eps') (closes). */
function toy(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const y = Float32Array.from({ length: n }, () => 20 + 180 * rng.uniform());
  const x = Float32Array.from(y, (v) => v * (1 + 0.1 * rng.normal()));
  return new Dataset({ features: { x }, target: y, extras: { true_y: y } });
}
const fixture = () => {
  const test = toy(4000, 2);
  const rng = new Rng(5);
  const mean = Float32Array.from(test.target!, (y) => y * (1 + 0.1 * rng.normal()));
  return { train: toy(2000, 1), test, model: { method: 'my-calibration' } as FittedModel, prediction: regressionPrediction(mean, new Float32Array(test.n), new Float32Array(test.n).fill(1)) };
};

describeRunStepConformance({
  step: closureCompareStep,
  options: { direct: { use: 'fake-direct' }, closure: { bins: 5 } },
  plugins: () => [fakePlugin()],
  run: fixture,
  invalidOptions: [{ options: { closure: { bins: 0 } }, field: 'bins' }, { options: { direct: { method: 'het-mlp' } }, field: 'method' }],
});

describe('closure-compare', () => {
  it('measures the run and the direct regression in the same bins of the true y', async () => {
    const app = await createHepuq({ plugins: [fakePlugin()] });
    try {
      const out = await closureCompareStep.run({
        ...fixture(), options: closureCompareStep.options.parse({ direct: { use: 'fake-direct', options: { shrink: 0.1 } }, closure: { bins: 6, reweight: { prior: { shape: 'power-law' } } } }),
        rng: new Rng(1), services: app.services, events: app.events,
      }) as unknown as ClosureCompareArtifact;
      expect(out.residual).toBe('relative');
      expect(out.reweight).toEqual({ prior: { shape: 'power-law', index: 2 }, densityBins: 40 });
      const [run, direct] = out.entries;
      expect([run.label, run.role, direct.label, direct.role]).toEqual(['my-calibration', 'run', 'fake-direct (direct)', 'direct']);
      expect(run.closure.map((r) => r.low)).toEqual(direct.closure.map((r) => r.low));
      expect(run.closure_reweighted).toHaveLength(6);
      // the run closes (errors ~0.1/sqrt(667) = 0.4%); the direct one is off by 0.1 (110 - y_mean)/y_mean in each bin
      for (const [b, row] of run.closure.entries()) {
        expect(Math.abs(row.median)).toBeLessThan(4 * row.median_error);
        const d = direct.closure[b];
        expect(d.mean).toBeCloseTo(0.1 * (110 / d.y_mean - 1), 1);
      }
      expect(direct.closure[0].median).toBeGreaterThan(0.2);
      expect(direct.closure[5].median).toBeLessThan(-0.03);
      expect(direct.values.closure_median_chi2_ndf.value).toBeGreaterThan(100);
    } finally {
      app.dispose();
    }
  });

  it('checks the direct regression before the run trains: a regression, with options its schema accepts', () => {
    const methods = { get: (k: string) => ({ 'fake-direct': fakeDirect, 'fake-classifier': fakeClassifier }[k] as UQMethod) };
    const check = (direct: unknown) => () => closureCompareStep.check!({
      options: closureCompareStep.options.parse({ direct }), method: fakeDirect, methodOptions: {}, methods: methods as never,
    });
    expect(check({ use: 'fake-classifier' })).toThrow(/fake-classifier" is a classification method; the comparison needs a regression/);
    expect(check({ use: 'fake-direct', options: { shrink: 2 } })).toThrow(/direct\.options\.shrink/);
    expect(check({ use: 'fake-direct' })).not.toThrow();
  });
});
