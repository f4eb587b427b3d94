import { createHepuq, Dataset, EventBus, HepuqError, Rng, type HepuqApp, type RunStepInput } from '@hepuq/core';
import { fitProcedure, parseWorkspace } from '@hepuq/inference';
import { describeRunStepConformance } from '@hepuq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticAwareModel, aware2d, Z0, Z_STD } from './aware-2d.spec-helpers.js';
import { AwareProfileOptions } from './aware-profile.options.js';
import { awareProfileStep } from './aware-profile.step.js';

const GRID = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2].map((o) => Z0 + Z_STD * o);
const model = analyticAwareModel();

/*
 * Templates: 30k signal (weight 0.1) and 30k background (weight 1) at each of the 9 grid values, so
 * S : B = 1 : 10 in weight as in the observed data. Observed: Poisson(1000 mu) signal and
 * Poisson(10^4) background events, unit weights. The templates hold 30x the observed signal and 3x
 * its background per Z value, so their own fluctuations add well under the observed ones to mu_hat.
 */
const templates = aware2d(new Rng(11), { zs: GRID, nSignal: 30_000, nBackground: 30_000, signalWeight: 0.1, source: 'templates' });

function observedAt(seed: number, z: number, mu: number) {
  const rng = new Rng(seed);
  return aware2d(rng, { zs: [z], nSignal: rng.poisson(1000 * mu), nBackground: rng.poisson(10_000), source: `observed z=${z.toFixed(3)}` });
}

async function runStep(observed = observedAt(21, Z0, 1), options: unknown = {}, extra: Partial<Omit<RunStepInput, 'options'>> = {}) {
  const written: Record<string, unknown> = {};
  const out = await awareProfileStep.run({
    // the step never reads the run's test prediction; a placeholder keeps observed data without x2 testable
    options: AwareProfileOptions.parse(options), train: templates, test: observed, prediction: { kind: 'classification', prob: new Float32Array(observed.n), sigmaProb: new Float32Array(observed.n) }, model,
    services: app.services, rng: new Rng(5), events: new EventBus(), files: { json: (name, value) => { written[name] = value; }, text: () => {} },
    ...extra,
  });
  return { out: out as Record<string, any>, written };
}

let app: HepuqApp;
beforeAll(async () => {
  app = await createHepuq({});
});
afterAll(() => app?.dispose());

describe('aware-profile step', () => {
  it('finds mu = 1 and z = z0 for data drawn like the templates at the nominal Z', async () => {
    const { out, written } = await runStep();
    // mu_error ~ 0.05 here; 2 sigma covers a 95% fluctuation of the single pseudo-experiment
    expect(Math.abs(out.mu_hat - 1)).toBeLessThan(2 * out.mu_error);
    expect(Math.abs(out.z_hat - Z0)).toBeLessThan(2 * out.z_error);
    expect(Math.abs(out.grid.mu_hat - 1)).toBeLessThan(2 * out.mu_error);
    expect(out.mu_interval[0]).toBeLessThan(out.mu_hat);
    expect(out.mu_interval[1]).toBeGreaterThan(out.mu_hat);
    expect(Object.keys(written).sort()).toEqual(['workspace-nominal.json', 'workspace.json']);
  });

  it('recovers (mu, z) = (1, z0 + 0.5) for data drawn at a shifted Z, with an aware interval no wider than the nominal one', async () => {
    const zTrue = Z0 + 0.5;
    const { out, written } = await runStep(observedAt(31, zTrue, 1));
    expect(Math.abs(out.mu_hat - 1)).toBeLessThan(2 * out.mu_error);
    expect(Math.abs(out.z_hat - zTrue)).toBeLessThan(2 * out.z_error);
    const width = (iv: [number, number]) => iv[1] - iv[0];
    expect(width(out.mu_interval)).toBeLessThanOrEqual(width(out.nominal.mu_interval));
    // the written workspace is valid pyhf JSON, and `hepuq fit` (the fit procedure) reproduces mu_hat
    expect(() => parseWorkspace(written['workspace.json'])).not.toThrow();
    const cli = await fitProcedure.run({ workspace: written['workspace.json'] });
    expect(cli.poi_value).toBeCloseTo(out.mu_hat, 10);
    expect(cli.poi_uncertainty).toBeCloseTo(out.mu_error, 10);
  });

  it('rejects a model without a nuisance input, naming the method', async () => {
    const plain = { ...model, probAt: undefined, method: 'deep-ensemble' } as never;
    await expect(runStep(undefined, {}, { model: plain })).rejects.toMatchObject({ code: 'InvalidConfig', message: expect.stringContaining('deep-ensemble') });
  });

  it('rejects a grid value whose window holds no template events', async () => {
    await expect(runStep(undefined, { zGrid: [Z0 - 0.5, Z0, Z0 + 0.5, Z0 + 3] })).rejects.toMatchObject({ code: 'EmptyDataset', message: expect.stringContaining('window') });
  });

  it('rejects observed data that lack a feature column', async () => {
    const obs = observedAt(3, Z0, 1);
    const { x1 } = obs.features;
    const lacking = new Dataset({ features: { x1 }, label: obs.label, nuisances: obs.nuisances, source: 'obs.csv' });
    const err = await runStep(lacking).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HepuqError);
    expect(err).toMatchObject({ code: 'MissingColumn', message: expect.stringContaining('"x2"') });
  });
});

describeRunStepConformance({
  step: awareProfileStep,
  options: { bins: 5, mu: { lo: 0, hi: 4, points: 5 } },
  run: async () => {
    const train = aware2d(new Rng(1), { zs: GRID, nSignal: 400, nBackground: 400, signalWeight: 0.1 });
    const test = aware2d(new Rng(2), { zs: [Z0], nSignal: 100, nBackground: 1000 });
    return { train, test, prediction: await model.predict(test), model };
  },
  invalidOptions: [
    { options: { bins: 1 }, field: 'bins' },
    { options: { zGrid: [1, 0, 2] }, field: 'zGrid' },
    { options: { zStd: -1 }, field: 'zStd' },
    { options: { mu: { lo: 2, hi: 1 } }, field: 'hi' },
    { options: { observed: { toy: 'aware-2d' } }, field: 'observed' },
  ],
});
