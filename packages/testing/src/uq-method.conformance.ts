import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dataset, DirCheckpoints, EventBus, HepuqError, ofType, predictionArrays, Rng, selectBackend, type Prediction, type UQMethod } from '@hepuq/core';
import { describe, expect, it } from 'vitest';

export interface UqMethodConformanceOptions {
  method: UQMethod;
  /** Options for a quick fit (a few epochs): the suite tests plumbing, not calibration. */
  options: Record<string, unknown>;
  /** A small training set and a test set with the same features. */
  train: () => Dataset;
  test: () => Dataset;
  /** Replicas to request at prediction (methods with a posterior); default 0. */
  replicas?: number;
}

/** Every per-event column of a prediction (replicas and mixture components included). */
function columns(p: Prediction): Float32Array[] {
  return predictionArrays(p).map(([, col]) => col);
}

function withNaN(data: Dataset): Dataset {
  const name = data.featureNames[0];
  const broken = Float32Array.from(data.features[name]);
  broken[Math.floor(data.n / 2)] = Number.NaN;
  return new Dataset({ features: { ...data.features, [name]: broken }, targets: data.targets, label: data.label, source: 'nan-test' });
}

function head(data: Dataset, n: number): Dataset {
  const cut = (c?: Float32Array) => c?.slice(0, n);
  return new Dataset({
    features: Object.fromEntries(data.featureNames.map((f) => [f, data.features[f].slice(0, n)])),
    targets: data.targets.map((t) => ({ name: t.name, values: cut(t.values)! })), label: cut(data.label), weights: cut(data.weights), source: `first ${n} events`,
  });
}

/**
 * The contract every UQ method (first- or third-party) must meet: prediction shapes and finiteness,
 * reproducibility from the seed, no tensor leaks (failed fits included), save/load round trip, NaN
 * inputs and tiny samples rejected with catalog errors, fit events, and interruption: an aborted fit
 * stops with `Interrupted` and, resumed from its checkpoints, equals the uninterrupted fit exactly.
 * The options should give at least 2 epochs. Call it inside a spec file.
 * @example describeUqMethodConformance({ method: hetMlpMethod, options: { epochs: 2 }, train: () => toy(500), test: () => toy(200) })
 */
export function describeUqMethodConformance(c: UqMethodConformanceOptions): void {
  const options = c.method.options.parse(c.options);
  const fit = (seed: number, events = new EventBus()) => c.method.fit(c.train(), options, { rng: new Rng(seed), events });
  const predictOpts = { replicas: c.replicas ?? 0, seed: 11 };

  describe(`UQ method conformance: ${c.method.key}`, () => {
    it('predicts finite values of the right shape and kind', async () => {
      await selectBackend();
      const model = await fit(1);
      const test = c.test();
      const p = await model.predict(test, predictOpts);
      // a classifier trained on labels 0..K-1 with K > 2 predicts per-class probabilities
      const multiclass = c.train().label?.some((y) => y > 1) ?? false;
      expect(p.kind).toBe(c.method.task === 'classification' ? (multiclass ? 'multiclass' : 'classification') : 'regression');
      for (const col of columns(p)) {
        expect(col.length).toBe(test.n);
        expect(col.every(Number.isFinite)).toBe(true);
      }
      if (p.kind === 'regression') {
        p.sigmaTot.forEach((s, i) => expect(Math.abs(s - Math.hypot(p.sigmaStat[i], p.sigmaSyst[i]))).toBeLessThan(1e-4 * (1 + s)));
      } else if (p.kind === 'classification') {
        expect(p.prob.every((q) => q >= 0 && q <= 1)).toBe(true);
      } else {
        for (let i = 0; i < test.n; i++) expect(Math.abs(p.probs.reduce((s, col) => s + col[i], 0) - 1)).toBeLessThan(1e-5);
      }
      if (predictOpts.replicas > 0) {
        expect(p.replicas?.length).toBe(predictOpts.replicas);
      }
      model.dispose();
    });

    it('gives identical predictions for the same seed', async () => {
      const [a, b] = [await fit(5), await fit(5)];
      const [pa, pb] = [await a.predict(c.test(), predictOpts), await b.predict(c.test(), predictOpts)];
      columns(pa).forEach((col, i) => expect(Array.from(col)).toEqual(Array.from(columns(pb)[i])));
      a.dispose();
      b.dispose();
    });

    it('leaks no tensors across fit, predict and dispose', async () => {
      await selectBackend();
      const before = tf.memory().numTensors;
      const model = await fit(2);
      await model.predict(c.test(), predictOpts);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('round-trips through save and load with identical predictions', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'hepuq-conformance-'));
      try {
        const model = await fit(3);
        await model.save(join(dir, 'model'));
        const loaded = await c.method.load(join(dir, 'model'), { rng: new Rng(3), events: new EventBus() });
        const [p, q] = [await model.predict(c.test(), predictOpts), await loaded.predict(c.test(), predictOpts)];
        columns(p).forEach((col, i) => expect(Array.from(columns(q)[i])).toEqual(Array.from(col)));
        model.dispose();
        loaded.dispose();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('rejects NaN inputs with the NonFiniteValue catalog error, in fit and in predict', async () => {
      const err = await c.method.fit(withNaN(c.train()), options, { rng: new Rng(1), events: new EventBus() }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HepuqError);
      expect((err as HepuqError).code).toBe('NonFiniteValue');
      const model = await fit(1);
      const perr = await model.predict(withNaN(c.test()), predictOpts).catch((e: unknown) => e);
      expect((perr as HepuqError).code).toBe('NonFiniteValue');
      expect((perr as HepuqError).message).toMatch(/row \d+/);
      model.dispose();
    });

    it('frees every tensor when a fit fails (NaN feature, too few events)', async () => {
      await selectBackend();
      const before = tf.memory().numTensors;
      for (const bad of [withNaN(c.train()), head(c.train(), 3)]) {
        const err = await c.method.fit(bad, options, { rng: new Rng(1), events: new EventBus() }).then((m) => m.dispose(), (e: unknown) => e);
        expect(err, `fit on "${bad.source}" must fail with a catalog error`).toBeInstanceOf(HepuqError);
        expect(tf.memory().numTensors, `tensors left after the failed fit on "${bad.source}"`).toBe(before);
      }
    });

    it('stops an aborted fit with Interrupted and resumes from its checkpoints to the uninterrupted result', async () => {
      await selectBackend();
      const dir = await mkdtemp(join(tmpdir(), 'hepuq-resume-'));
      try {
        const epochsOf = (bus: EventBus) => {
          const seen = { epochs: 0, resumed: 0 };
          bus.events$.subscribe((e) => {
            if (e.type === 'fit:epoch') seen.epochs++;
            if (e.type === 'fit:start' && e.payload.resumedAt !== undefined) seen.resumed++;
          });
          return seen;
        };
        const referenceEvents = new EventBus();
        const full = epochsOf(referenceEvents);
        const reference = await fit(7, referenceEvents);
        const expected = await reference.predict(c.test(), predictOpts);
        reference.dispose();
        const before = tf.memory().numTensors;
        const abort = new AbortController();
        const events = new EventBus();
        // stop after the first completed epoch (with >= 2 epochs in all, some training remains)
        events.events$.pipe(ofType('fit:epoch')).subscribe(() => abort.abort());
        const err = await c.method.fit(c.train(), options, { rng: new Rng(7), events, signal: abort.signal, checkpoints: new DirCheckpoints(dir, 1) })
          .then((m) => m.dispose(), (e: unknown) => e);
        expect(err, 'the fit must stop when aborted (give options with at least 2 epochs)').toMatchObject({ code: 'Interrupted' });
        expect(tf.memory().numTensors).toBe(before);
        expect((await readdir(dir)).length).toBeGreaterThan(0);
        const resumeEvents = new EventBus();
        const rest = epochsOf(resumeEvents);
        const resumed = await c.method.fit(c.train(), options, { rng: new Rng(7), events: resumeEvents, checkpoints: new DirCheckpoints(dir, 1) });
        // it really continued: some loop started from a checkpoint and fewer epochs were trained
        expect(rest.resumed).toBeGreaterThan(0);
        expect(rest.epochs).toBeLessThan(full.epochs);
        const got = await resumed.predict(c.test(), predictOpts);
        resumed.dispose();
        columns(got).forEach((col, i) => expect(Array.from(col)).toEqual(Array.from(columns(expected)[i])));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('emits fit:start, fit:epoch and fit:end', async () => {
      const events = new EventBus();
      const seen: string[] = [];
      events.events$.subscribe((e) => seen.push(e.type));
      const model = await fit(4, events);
      expect(seen[0]).toBe('fit:start');
      expect(seen).toContain('fit:epoch');
      expect(seen.filter((t) => t === 'fit:end').length).toBeGreaterThanOrEqual(1);
      expect(seen.lastIndexOf('fit:end')).toBeGreaterThan(seen.lastIndexOf('fit:epoch'));
      model.dispose();
    });
  });
}
