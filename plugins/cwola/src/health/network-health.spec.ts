import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHepuq, HepuqError, Rng, selectBackend, type Dataset, type Executor, type FittedModel, type HepuqApp, type RunStepInput, type TaskSpec, type UQMethod,
} from '@hepuq/core';
import { datasets, dijetToy } from '@hepuq/datasets';
import { nnPlugin } from '@hepuq/nn';
import { cwola } from '../cwola.plugin.js';
import type { HuntArtifact } from '../hunt/cwola-hunt.step.js';
import { fitAndScore, FOLD_TASK_MODULE, type FoldTaskInput } from '../hunt/fold.task.js';
import { CwolaHuntOptions } from '../hunt/hunt.options.js';

/** How the test double spoils a network: `saturate` c -> sigmoid(logit c + 4), `nan` scores NaN, `diverge` throws TrainingDiverged. */
type Fault = 'saturate' | 'nan' | 'diverge';

/**
 * What `flaky-classifier` (mlp-classifier with a fault) spoils: the first `times` fits with one of
 * `seeds`, and with `sticky` every later fit on the same training events, so the retrainings of that
 * network (new seeds, same events) fail too, and so does the network that trains on the same folds
 * with test and validation fold swapped.
 */
const fault = { kind: 'saturate' as Fault, seeds: new Set<number>(), sticky: false, times: 1, spoiled: 0, events: new Set<string>() };

function setFault(kind: Fault, seeds: number[], options: { sticky?: boolean; times?: number } = {}): void {
  Object.assign(fault, { kind, seeds: new Set(seeds), sticky: options.sticky ?? false, times: options.times ?? 1, spoiled: 0, events: new Set<string>() });
}

/** The training events of a fit, as one key. */
const eventsKey = (train: Dataset) => `${train.n}:${train.features[train.featureNames[0]].reduce((a, v) => a + v, 0)}`;

function flakyClassifier(base: UQMethod): UQMethod {
  return {
    ...base, key: 'flaky-classifier', warmStart: false,
    async fit(train, options, ctx) {
      const spoil = fault.spoiled < fault.times && (fault.seeds.has(ctx.rng.seed) || fault.events.has(eventsKey(train)));
      if (spoil) {
        fault.spoiled++;
        if (fault.sticky) fault.events.add(eventsKey(train));
        if (fault.kind === 'diverge') throw new HepuqError('TrainingDiverged', 'flaky-classifier: loss became NaN at epoch 2 (injected)');
      }
      const model = await base.fit(train, options, ctx);
      if (!spoil) return model;
      const spoilt = (p: number) => (fault.kind === 'nan' ? Number.NaN : 1 / (1 + ((1 - p) / p) * Math.exp(-4)));
      const wrapped: FittedModel = {
        method: 'flaky-classifier', task: 'classification',
        async predict(data, o) {
          const p = await model.predict(data, o);
          return p.kind === 'classification' ? { ...p, prob: p.prob.map(spoilt) } : p;
        },
        save: (dir) => model.save(dir),
        dispose: () => model.dispose(),
      };
      return wrapped;
    },
  };
}

/** An executor that trains every task in this process with `method` (a test app's method, which a worker could not load) and keeps the tasks. */
class RecordingExecutor implements Executor {
  readonly name = 'recording';
  readonly tasks: TaskSpec<FoldTaskInput>[] = [];
  constructor(private readonly method: UQMethod) {}
  async map<I, R>(tasks: TaskSpec<I>[]): Promise<R[]> {
    const out: R[] = [];
    for (const task of tasks) {
      this.tasks.push(task as unknown as TaskSpec<FoldTaskInput>);
      out.push((await fitAndScore(this.method, task.input as unknown as FoldTaskInput)) as R);
    }
    return out;
  }
  async dispose(): Promise<void> {}
}

/** 14 log bins over 2-5 TeV; the signal region 4-5 (2.60-2.96 TeV) holds a 2.75 TeV resonance. */
const BINS = { n: 14, min: 2000, max: 5000, scale: 'log' as const };
const SEED = 3;
/**
 * 4 folds: 3 networks per test fold (the fewest whose median tells which one is off), 12 in the
 * signal region. The spoiled network: test fold 0, validation fold 1 (validation_loss[0][0]).
 */
const OPTIONS = {
  resonance: 'mjj', truth: 'is_signal', bins: BINS, folds: 4, efficiencies: [0.1, 0.02], signalRegions: { windows: [[4, 5]], sideband: 2 },
  classifier: { use: 'flaky-classifier', options: { hidden: [32, 32], epochs: 10, batchSize: 256 } },
};
const TARGET = new Rng(SEED).fork('networks').fork('sr:0').fork('fold:0:1').nextSeed();

let app: HepuqApp;
let data: Dataset;
beforeAll(async () => {
  await selectBackend();
  app = await createHepuq({ plugins: [nnPlugin(), datasets(), cwola()] });
  app.registries.methods.add('flaky-classifier', flakyClassifier(app.registries.methods.get('mlp-classifier')), { owner: 'network-health.spec' });
  // 20,000 events with 1% signal at 2.75 TeV, 2300 of them in the signal region: the 12 networks'
  // validation losses agree to 0.03 nats, and they learn the signal (out-of-fold signal AUC ~1)
  data = dijetToy.generate(20_000, { signal: { fraction: 0.01, mass: 2750 } }, new Rng(21));
});
afterAll(() => app.dispose());

/** Run the step as a run would (cf. cwola-hunt.step.spec.ts), with the log messages. */
async function hunt(options: Record<string, unknown> = {}, executor?: Executor) {
  const log: string[] = [];
  const subs = (['log:warn', 'log:info'] as const).map((type) => app.events.on(type, 'test', (e) => { log.push(e.payload.message); }));
  try {
    const { train, test } = data.split(SEED, 0.5);
    const input = {
      options: CwolaHuntOptions.parse({ ...OPTIONS, ...options }), train, test, services: app.services, rng: new Rng(SEED), events: app.events, executor,
      files: { json: () => undefined, text: () => undefined },
    } as unknown as RunStepInput<CwolaHuntOptions>;
    const artifact = (await app.registries.steps.get('cwola-hunt').run(input)) as unknown as HuntArtifact;
    return { artifact, log };
  } finally {
    for (const s of subs) s.unsubscribe();
  }
}

describe('network health: a spoiled nested k-fold network is found and retrained', () => {
  it('a saturated network fails on validation loss, is retrained with a new seed, and the hunt recovers', async () => {
    setFault('saturate', []);
    const clean = await hunt();
    setFault('saturate', [TARGET]);
    const healed = await hunt();
    expect(fault.spoiled).toBe(1);
    setFault('saturate', [TARGET]);
    const unchecked = await hunt({ health: { check: false } });
    // without the fault nothing fails at the default tolerances
    expect(clean.artifact.health).toMatchObject({ networks_retrained: 0, networks_unhealthy: 0 });
    const h = healed.artifact.regions[0].training.health!;
    expect(h.retrained).toHaveLength(1);
    expect(h.retrained[0]).toMatchObject({ test_fold: 0, validation_fold: 1, round: 1, reason: 'loss', kept: true });
    expect(h.retrained[0].seed).not.toBe(TARGET);
    // a classifier pushed 4 logits towards the signal region costs ~1 nat/event of validation loss
    expect(h.retrained[0].loss_before - h.retrained[0].loss_after).toBeGreaterThan(0.5);
    expect(h.unhealthy).toEqual([]);
    expect(healed.artifact.health).toMatchObject({ networks_retrained: 1, networks_unhealthy: 0 });
    expect(healed.log.some((m) => m.includes('network of signal region 0 (bins 4-5), test fold 0, validation fold 1 failed the health check'))).toBe(true);
    expect(healed.log.some((m) => m.includes('test fold 0, validation fold 1 passes the health check after retraining round 1'))).toBe(true);
    // the retrained network is a new draw of the same network on the same events: the hunt ends where it
    // ends without the fault (the 12 clean networks' validation losses spread over 0.67-0.69 nats, one
    // network's scores are averaged with 2 others in its test fold)
    const vl = (a: HuntArtifact) => a.regions[0].training.validation_loss;
    expect(Math.abs(vl(healed.artifact)[0][0]! - vl(clean.artifact)[0][0]!)).toBeLessThan(0.03);
    expect(vl(healed.artifact).slice(1)).toEqual(vl(clean.artifact).slice(1));
    const auc = (a: HuntArtifact) => a.regions[0].training.signal_auc!.value;
    expect(Math.abs(auc(healed.artifact) - auc(clean.artifact))).toBeLessThan(0.005);
    healed.artifact.hunt.forEach((row, i) => expect(Math.abs(row.signal! - clean.artifact.hunt[i].signal!)).toBeLessThanOrEqual(2));
    // unchecked, the saturated network stays in test fold 0's average, 1.3 nats/event worse than the others
    expect(unchecked.artifact.health).toBeUndefined();
    expect(unchecked.artifact.regions[0].training.health).toBeUndefined();
    expect(vl(unchecked.artifact)[0][0]! - vl(clean.artifact)[0][0]!).toBeGreaterThan(1);
  }, 120_000);

  it('networks spoiled at every attempt are retrained `retries` times through the executor, reported unhealthy and kept as their best attempt', async () => {
    // spoiled by their training events (folds 2 and 3): networks 0/1 and 1/0 (test/validation fold)
    setFault('saturate', [TARGET], { sticky: true, times: Infinity });
    const executor = new RecordingExecutor(app.registries.methods.get('flaky-classifier'));
    const { artifact, log } = await hunt({ health: { retries: 2 } }, executor);
    expect(fault.spoiled).toBe(6);
    // 12 nested k-fold networks, two retrainings per round, then the 2 networks of the correlation check
    const tasks = executor.tasks;
    expect(tasks).toHaveLength(18);
    const original = tasks.find((t) => t.seed === TARGET)!;
    for (const rerun of [tasks[12], tasks[14]]) {
      expect(rerun).toMatchObject({ module: FOLD_TASK_MODULE, export: 'trainFold' });
      expect(rerun.input.train).toEqual(original.input.train);
      expect(rerun.input.validation).toEqual(original.input.validation);
      expect(rerun.input.reportDivergence).toBe(true);
    }
    expect(new Set([TARGET, tasks[12].seed, tasks[14].seed]).size).toBe(3);
    const h = artifact.regions[0].training.health!;
    expect(h.retrained.map((r) => [r.test_fold, r.validation_fold, r.round, r.reason])).toEqual([[0, 1, 1, 'loss'], [1, 0, 1, 'loss'], [0, 1, 2, 'loss'], [1, 0, 2, 'loss']]);
    expect(h.unhealthy).toEqual([{ test_fold: 0, validation_fold: 1, reason: 'loss' }, { test_fold: 1, validation_fold: 0, reason: 'loss' }]);
    expect(artifact.health).toMatchObject({ networks_retrained: 2, networks_unhealthy: 2 });
    expect(artifact.health!.network_loss_excess_max!).toBeGreaterThan(1);
    // each keeps the best of its three attempts (validation_loss[t][j], j = v - 1 for v > t, else v)
    for (const [t, v, j] of [[0, 1, 0], [1, 0, 0]]) {
      const mine = h.retrained.filter((r) => r.test_fold === t && r.validation_fold === v);
      expect(artifact.regions[0].training.validation_loss[t][j]).toBe(Math.min(mine[0].loss_before, ...mine.map((r) => r.loss_after)));
    }
    expect(log.some((m) => /validation fold 1 \(validation loss \+[\d.]+ nats\/event.*still failing the health check after 2 retraining round\(s\)/.test(m))).toBe(true);
  }, 120_000);

  it('a network with non-finite scores is retrained instead of failing the hunt; one that diverges at every attempt fails it, and so does the first without the check', async () => {
    setFault('nan', [TARGET]);
    const { artifact, log } = await hunt();
    expect(artifact.regions[0].training.health!.retrained).toMatchObject([{ test_fold: 0, validation_fold: 1, round: 1, reason: 'diverged', kept: true }]);
    expect(artifact.hunt.every((row) => row.z === null || Number.isFinite(row.z))).toBe(true);
    expect(log.some((m) => m.includes('validation fold 1 diverged (classifier "flaky-classifier" scored an event NaN'))).toBe(true);
    // networks 0/1 and 1/0 (same training events) diverge at both attempts
    setFault('diverge', [TARGET], { sticky: true, times: Infinity });
    await expect(hunt({ health: { retries: 1 } })).rejects.toMatchObject({ code: 'TrainingDiverged', message: expect.stringContaining('test fold 0, validation fold 1 diverged in all 2 attempts') });
    expect(fault.spoiled).toBe(4);
    setFault('nan', [TARGET]);
    await expect(hunt({ health: { check: false } })).rejects.toMatchObject({ code: 'NonFiniteValue' });
  }, 120_000);
});
