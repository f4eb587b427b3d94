import * as tf from '@tensorflow/tfjs';
import { createHepuq, EventBus, LocalExecutor, LocalExecutorOptions, Rng, selectBackend, type Dataset, type Executor, type HepuqApp, type RunStepInput } from '@hepuq/core';
import { datasets, dijetToy } from '@hepuq/datasets';
import { nnPlugin } from '@hepuq/nn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cwola } from '../cwola.plugin.js';
import type { HuntArtifact, HuntRow } from './cwola-hunt.step.js';
import { CwolaHuntOptions } from './hunt.options.js';

const CLASSIFIER = { use: 'mlp-classifier', options: { hidden: [16, 16], epochs: 20, batchSize: 128 } };
/** 14 log bins over 2-5 TeV (about 7% wide, the scale of a dijet resolution); SR 8-9 (3.38-4.38 TeV) holds the 3.5 TeV resonance. */
const BINS = { n: 14, min: 2000, max: 5000, scale: 'log' as const };

/** Run the step on `data` as a run would hand it over (the step reads only data, options, services and files). */
async function hunt(app: HepuqApp, data: Dataset, options: Record<string, unknown>, seed = 1, executor?: Executor) {
  const files: Record<string, unknown> = {};
  const warnings: string[] = [];
  const sub = app.events.on('log:warn', 'test', (e) => { warnings.push(e.payload.message); });
  try {
    const { train, test } = data.split(seed, 0.5);
    const input = {
      options: CwolaHuntOptions.parse(options), train, test, services: app.services, rng: new Rng(seed), events: app.events, executor,
      files: { json: (name: string, value: unknown) => { files[name] = value; }, text: () => undefined },
    } as unknown as RunStepInput<CwolaHuntOptions>;
    const step = app.registries.steps.get('cwola-hunt');
    const artifact = (await step.run(input)) as unknown as HuntArtifact;
    return { artifact, files, warnings };
  } finally {
    sub.unsubscribe();
  }
}

describe('cwola-hunt step', () => {
  let app: HepuqApp;
  beforeAll(async () => {
    await selectBackend();
    app = await createHepuq({ plugins: [nnPlugin(), datasets(), cwola()] });
  });
  afterAll(() => app.dispose());

  it('finds an injected resonance in the right signal region, more significant as the selection tightens', async () => {
    const tensors = tf.memory().numTensors;
    // 60,000 events, 0.1% signal (60 events) at 3.5 TeV: S/sqrt(B) ~ 2 inclusively in the SR (B ~ 970), while its
    // jet masses and tau21 differ strongly from QCD, so a cut keeping 2% of the window is mostly signal
    const data = dijetToy.generate(60_000, { signal: { fraction: 0.001 } }, new Rng(11));
    const { artifact, files, warnings } = await hunt(app, data, {
      resonance: 'mjj', truth: 'is_signal', bins: BINS, folds: 3, classifier: CLASSIFIER, efficiencies: [0.1, 0.02],
      signalRegions: { windows: [[8, 9], [3, 4]], sideband: 2 },
    });
    const rows = files['hunt.json'] as HuntRow[];
    expect(rows).toEqual(artifact.hunt);
    expect(rows.map((r) => [r.sr, r.efficiency])).toEqual([[0, 1], [0, 0.1], [0, 0.02], [1, 1], [1, 0.1], [1, 0.02]]);
    // the kept fraction of the window is the efficiency (continuous scores: no ties to speak of)
    for (const r of rows) expect(Math.abs(r.kept - r.efficiency)).toBeLessThan(0.002);
    for (const r of rows) expect(Object.keys(r)).toEqual(expect.arrayContaining(['sr', 'efficiency', 'observed', 'expected', 'sigma_b', 'z', 'p0']));
    const signalSr = rows.filter((r) => r.sr === 0);
    expect(artifact.regions[0].sr_range[0]).toBeLessThan(3500);
    expect(artifact.regions[0].sr_range[1]).toBeGreaterThan(3500);
    // significance grows with the selection and is large at the tightest one; the empty region stays quiet
    expect(signalSr[1].z!).toBeGreaterThan(signalSr[0].z!);
    expect(signalSr[2].z!).toBeGreaterThan(signalSr[1].z!);
    expect(signalSr[2].z!).toBeGreaterThan(4);
    for (const r of rows.filter((row) => row.sr === 1)) expect(r.z!).toBeLessThan(3);
    // the out-of-fold signal-vs-background AUC of the signal region's networks: they learnt the signal
    expect(artifact.regions[0].training.signal_auc!.value).toBeGreaterThan(0.7);
    // features independent of m_jj: the background-only check finds nothing
    expect(artifact.correlation!.every((c) => !c.warn)).toBe(true);
    expect(warnings).toEqual([]);
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('warns when the features know the resonance variable (background jet masses growing with m_jj)', async () => {
    // k = 2: ln mj shifts by 2 x 0.13 between sidebands and signal region, a quarter of its width: AUC ~ 0.58
    const data = dijetToy.generate(60_000, { correlation: 2 }, new Rng(12));
    const { artifact, warnings } = await hunt(app, data, {
      truth: 'is_signal', bins: BINS, folds: 3, classifier: CLASSIFIER, efficiencies: [0.1], signalRegions: { windows: [[8, 9]], sideband: 2 },
    });
    expect(artifact.correlation![0].warn).toBe(true);
    expect(warnings.join('\n')).toMatch(/features know mjj/);
  });

  it('scans injected signal: more signal, more significance', async () => {
    const data = dijetToy.generate(60_000, { signal: { fraction: 0.002 } }, new Rng(13));
    const { artifact } = await hunt(app, data, {
      truth: 'is_signal', bins: BINS, folds: 3, classifier: CLASSIFIER, efficiencies: [0.02], signalRegions: { windows: [[8, 9]], sideband: 2 },
      injection: { signals: [0, 100] },
    });
    const [none, some] = artifact.injection!.points;
    expect(none.signal_sr).toBe(0);
    expect(some.signal_sr).toBeGreaterThan(70);
    expect(some.selections[1].z!).toBeGreaterThan(none.selections[1].z! + 2);
  });

  it('trains the networks as executor tasks (trainFold in a fresh app) with the same hunt as in-process', async () => {
    const data = dijetToy.generate(4000, { signal: { fraction: 0.01 } }, new Rng(15));
    const options = { truth: 'is_signal', bins: BINS, folds: 3, classifier: { use: 'mlp-classifier', options: { hidden: [4], epochs: 2 } }, efficiencies: [0.1], signalRegions: { windows: [[8, 9]], sideband: 2 } };
    const events = new EventBus();
    const done: number[] = [];
    events.events$.subscribe((e) => e.type === 'executor:task-done' && done.push(e.payload.done));
    // inline mode: the task module and the executor contract without worker start-up in a unit test
    const executor = new LocalExecutor(events, LocalExecutorOptions.parse({ mode: 'inline', concurrency: 2 }));
    try {
      const viaExecutor = await hunt(app, data, options, 3, executor);
      const inProcess = await hunt(app, data, options, 3);
      expect(viaExecutor.artifact.hunt).toEqual(inProcess.artifact.hunt);
      // 3 x 2 nested k-fold networks, 2 background-only networks of the correlation check, and the
      // health check's retrainings, through the executor too (these 2-epoch networks of 4 units can end
      // far off: here one scored a validation loss of 2.05 nats against its region's median 0.73 and
      // was retrained twice, to 1.02 and 0.63)
      const retrained = viaExecutor.artifact.regions[0].training.health!.retrained;
      expect(retrained).toEqual(inProcess.artifact.regions[0].training.health!.retrained);
      expect(done.length).toBe(8 + retrained.length);
    } finally {
      await executor.dispose();
    }
  });

  it('rejects signal regions without sidebands, unknown columns and the truth among the inputs', async () => {
    const data = dijetToy.generate(2_000, {}, new Rng(14));
    await expect(hunt(app, data, { bins: BINS, signalRegions: { windows: [[0, 1]], sideband: 2 } })).rejects.toThrow(/sideband/);
    await expect(hunt(app, data, { resonance: 'mass', bins: BINS })).rejects.toThrow(/no column "mass"/);
    await expect(hunt(app, data, { bins: BINS, truth: 'is_signal', features: ['mj1', 'is_signal'] })).rejects.toThrow(/cannot be a classifier input/);
    expect(() => CwolaHuntOptions.parse({ bins: BINS, injection: { signals: [10] } })).toThrow(/needs `truth`/);
    expect(() => CwolaHuntOptions.parse({ bins: BINS, fit: { sqrtS: 13 } })).toThrow(/below `fit.sqrtS`/);
    // checked before any network trains
    await expect(hunt(app, data.withWeights(new Float32Array(data.n).fill(2)), { bins: BINS })).rejects.toThrow(/weight 2/);
    await expect(hunt(app, dijetToy.generate(150, {}, new Rng(16)), { bins: BINS, folds: 10, signalRegions: { windows: [[10, 11]], sideband: 2 } })).rejects.toThrow(/test fold \d+, validation fold \d+: the training events hold no/);
    await expect(hunt(app, data, { bins: BINS, truth: 'is_signal', injection: { signals: [5] } })).rejects.toThrow(/5 signal events asked for, the data holds 0/);
  });
});
