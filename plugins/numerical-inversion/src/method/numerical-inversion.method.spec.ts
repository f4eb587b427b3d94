import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dataset, HepuqError, Rng, type HepuqApp, type MethodContext, type RegressionPrediction, type UQMethod } from '@hepuq/core';
import { invertMedianResponse, medianResponse, relativeResolution, responseToy } from '@hepuq/datasets';
import { DETECTOR, ORACLE_STAT, oracleApp } from './oracle-response.spec-helpers.js';
import { NUMERICAL_INVERSION } from './numerical-inversion.options.js';
import { numericalInversionMethod } from './numerical-inversion.method.js';

let app: HepuqApp;
let ctx: MethodContext;
let warnings: string[];
let ni: UQMethod;
beforeAll(async () => {
  ({ app, ctx, warnings } = await oracleApp());
  ni = app.registries.methods.get(NUMERICAL_INVERSION);
});
afterAll(() => app.dispose());

const ORACLE = { use: 'oracle-response', options: {} };
const fit = (data: Dataset, options: Record<string, unknown> = {}) => ni.fit(data, ni.options.parse({ inner: ORACLE, ...options }), ctx);
const predict = async (model: Awaited<ReturnType<typeof fit>>, data: Dataset) => (await model.predict(data)) as RegressionPrediction;

async function thrown(fn: () => Promise<unknown>): Promise<HepuqError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof HepuqError) return e;
    throw e;
  }
  throw new Error('expected a HepuqError');
}

/** f'(y) of x = R(y, z) y = y - a' sqrt(y). */
const slope = (y: number, z = 0) => 1 - (DETECTOR.offset * (1 + DETECTOR.zDependence * z * z)) / (2 * Math.sqrt(y));

describe('numerical-inversion on an exactly known response', () => {
  it('inverts it to the exact y, with sigma_y = sigma_x / f\'(y) for stat and syst', async () => {
    const train = responseToy.generate(500, { prior: { shape: 'flat' } }, new Rng(1));
    const test = responseToy.generate(2000, { prior: { shape: 'flat' } }, new Rng(2));
    const model = await fit(train);
    const p = await predict(model, test);
    let inside = 0;
    for (let i = 0; i < test.n; i++) {
      const exact = invertMedianResponse(test.features.x[i], 0, DETECTOR);
      if (exact < 20.5 || exact > 199) continue;
      inside++;
      // 128 log-spaced grid points and a cubic inverse: 1e-5 relative (float32 output: 6e-8)
      expect(Math.abs(p.mean[i] / exact - 1)).toBeLessThan(1e-5);
      const sx = medianResponse(exact, 0, DETECTOR) * exact;
      expect(p.sigmaSyst[i] / ((sx * relativeResolution(exact, DETECTOR)) / slope(exact))).toBeCloseTo(1, 3);
      expect(p.sigmaStat[i] / ((sx * ORACLE_STAT) / slope(exact))).toBeCloseTo(1, 3);
    }
    expect(inside).toBeGreaterThan(1700);
    model.dispose();
  });

  it('inverts each coherent replica of the response: their spread is sigma_stat, their mean the calibrated value', async () => {
    const train = responseToy.generate(300, { prior: { shape: 'flat' } }, new Rng(15));
    const test = responseToy.generate(200, { prior: { shape: 'flat' } }, new Rng(16));
    const model = await fit(train);
    const p = (await model.predict(test, { replicas: 400, seed: 3 })) as RegressionPrediction;
    expect(p.replicas).toHaveLength(400);
    for (let i = 0; i < test.n; i += 7) {
      const draws = p.replicas!.map((r) => r[i]);
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const sd = Math.sqrt(draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1));
      // 400 draws: their std is known to 1/sqrt(800) = 3.5%, their mean to sigma/20; allow 4 of each
      expect(Math.abs(sd / p.sigmaStat[i] - 1)).toBeLessThan(0.14);
      expect(Math.abs(mean - p.mean[i])).toBeLessThan(0.2 * p.sigmaStat[i]);
    }
    expect(model.diagnostics!(test, p)).toMatchObject({ inversion_replicas_repaired: { value: 0 } });
    // without replicas asked for, none
    expect(((await model.predict(test)) as RegressionPrediction).replicas).toBeUndefined();
    model.dispose();
  });

  it('inverts at fixed z, one grid per event, when the response depends on a further feature', async () => {
    const train = responseToy.generate(500, { z: true, prior: { shape: 'flat' } }, new Rng(3));
    const test = responseToy.generate(700, { z: true, prior: { shape: 'flat' } }, new Rng(4));
    const model = await fit(train, { grid: { points: 96 } });
    const p = await predict(model, test);
    for (let i = 0; i < test.n; i++) {
      const exact = invertMedianResponse(test.features.x[i], test.features.z[i], DETECTOR);
      if (exact > 21 && exact < 199) expect(Math.abs(p.mean[i] / exact - 1)).toBeLessThan(2e-5);
    }
    // ignoring z would miss by up to R(y, 1)/R(y, 0) - 1: tens of percent at low y
    expect(medianResponse(30, 1, DETECTOR) / medianResponse(30, 0, DETECTOR)).toBeLessThan(0.8);
    model.dispose();
  });

  it('saves and loads: the same predictions from model.json and the inner model\'s directory', async () => {
    const train = responseToy.generate(300, {}, new Rng(5));
    const test = responseToy.generate(300, {}, new Rng(6));
    const model = await fit(train, { outside: 'clamp' });
    const dir = await mkdtemp(join(tmpdir(), 'ni-'));
    try {
      await model.save(join(dir, 'model'));
      const loaded = await ni.load(join(dir, 'model'), ctx);
      expect(Array.from((await predict(loaded, test)).mean)).toEqual(Array.from((await predict(model, test)).mean));
      await writeFile(join(dir, 'model', 'model.json'), '{"method": "het-mlp"}');
      const err = await thrown(() => ni.load(join(dir, 'model'), ctx));
      expect(err.code).toBe('ModelLoadFailed');
      expect(err.message).toMatch(/"het-mlp" model, not "numerical-inversion"/);
    } finally {
      model.dispose();
      await rm(dir, { recursive: true });
    }
  });

  it('extrapolates (default) or clamps beyond the learned range, and counts those events', async () => {
    const train = responseToy.generate(400, {}, new Rng(7));
    const test = new Dataset({ features: { x: Float32Array.of(2, 50, 400) }, target: Float32Array.of(10, 70, 450), source: 'edge' });
    const ext = await fit(train);
    const clamp = await fit(train, { outside: 'clamp' });
    const [pe, pc] = [await predict(ext, test), await predict(clamp, test)];
    const [lo, hi] = (ext as unknown as { spec: { range: [number, number] } }).spec.range;
    expect(pe.mean[0]).toBeLessThan(lo);
    expect(pe.mean[2]).toBeGreaterThan(hi);
    expect(pc.mean[0]).toBeCloseTo(lo, 4);
    expect(pc.mean[2]).toBeCloseTo(hi, 3);
    expect(pe.mean[1]).toBe(pc.mean[1]);
    expect(ext.diagnostics!(test, pe)).toEqual({ inversion_outside: { value: 2 / 3, error: Math.sqrt(2 * (1 / 3)) / 3 } });
    ext.dispose();
    clamp.dispose();
  });
});

describe('numerical-inversion: a response that does not rise', () => {
  it('is a NotInvertible error naming the y range where it falls (strict, the default)', async () => {
    const train = responseToy.generate(300, {}, new Rng(8));
    const err = await thrown(() => fit(train, { inner: { use: 'oracle-response', options: { dip: 0.3 } } }));
    expect(err.code).toBe('NotInvertible');
    // x = y (R(y) - 0.3 exp(-(y - 65)^2 / 18)) falls from y = 58 to 65 (where the dip deepens faster than y R rises)
    expect(err.message).toMatch(/the learned median response x\(y\) does not rise with y for y in \[5[6-9](\.\d+)?, 6[4-6](\.\d+)?\] \(x falls by [0-9.]+\)/);
    expect(err.hint).toMatch(/strict: false/);
    expect(err.plugin).toBe('@hepuq/plugin-numerical-inversion');
  });

  it('with strict: false warns once, inverts the isotonic fit and reports the repaired events', async () => {
    const train = responseToy.generate(300, { prior: { shape: 'flat' } }, new Rng(9));
    const test = responseToy.generate(400, { prior: { shape: 'flat' } }, new Rng(10));
    const before = warnings.length;
    const model = await fit(train, { strict: false, inner: { use: 'oracle-response', options: { dip: 0.3 } } });
    const p = await predict(model, test);
    expect(warnings.slice(before)).toHaveLength(1);
    expect(warnings[before]).toMatch(/does not rise with y for y in \[.*inverting its isotonic fit instead \(strict: false\)/);
    for (let i = 0; i < test.n; i++) expect(Number.isFinite(p.mean[i]) && p.sigmaTot[i] > 0 && Number.isFinite(p.sigmaTot[i])).toBe(true);
    // far from the dip the inversion is the exact one
    const far = [...test.features.x.keys()].filter((i) => invertMedianResponse(test.features.x[i], 0, DETECTOR) > 120 && test.features.x[i] < 170);
    for (const i of far) expect(Math.abs(p.mean[i] / invertMedianResponse(test.features.x[i], 0, DETECTOR) - 1)).toBeLessThan(1e-4);
    expect(model.diagnostics!(test, p)).toMatchObject({ inversion_repaired: { value: 1 } });
    model.dispose();
  });

  it('per event: the error names the event\'s z and row', async () => {
    const train = responseToy.generate(300, { z: true }, new Rng(11));
    const test = responseToy.generate(5, { z: true, prior: { shape: 'flat' } }, new Rng(12));
    const model = await fit(train, { inner: { use: 'oracle-response', options: { dip: 0.3 } }, grid: { points: 64 } });
    const err = await thrown(() => model.predict(test));
    expect(err.code).toBe('NotInvertible');
    expect(err.message).toMatch(/at z = -?[0-9.]+ \(row 1 of toy:response\) does not rise/);
    model.dispose();
  });
});

describe('numerical-inversion: bad input', () => {
  const train = responseToy.generate(200, {}, new Rng(13));

  it('needs a regression as its inner method, and a methods registry', async () => {
    expect((await thrown(() => fit(train, { inner: { use: 'oracle-classifier' } }))).message).toMatch(/inner\.use: "oracle-classifier" is a classification method/);
    expect((await thrown(() => fit(train, { inner: { use: NUMERICAL_INVERSION } }))).message).toMatch(/is numerical-inversion itself/);
    expect((await thrown(() => fit(train, { inner: { use: 'oracle-response', options: { dip: -1 } } }))).message).toMatch(/inner\.options.*dip/);
    const bare = numericalInversionMethod();
    const err = await thrown(() => bare.fit(train, bare.options.parse({ inner: ORACLE }), { rng: new Rng(1), events: ctx.events }));
    expect(err.message).toMatch(/method context has none/);
  });

  it('names the row where y <= 0 meets a log input or a ratio, and where x/y <= 0 meets log-ratio', async () => {
    const y = Float32Array.from(train.target!);
    y[6] = -1;
    const bad = new Dataset({ features: { x: train.features.x }, target: y, source: 'bad.csv' });
    const err = await thrown(() => fit(bad));
    expect(err.message).toMatch(/bad\.csv: the true y is -1 at row 7, and `inputScale: log` needs y > 0/);
    expect(err.hint).toMatch(/inputScale: linear/);
    const x = Float32Array.from(train.features.x);
    x[3] = -2;
    const err2 = await thrown(() => fit(new Dataset({ features: { x }, target: train.target, source: 'neg.csv' }), { target: 'log-ratio' }));
    expect(err2.message).toMatch(/neg\.csv: x\/y = -0\.\d+ at row 4, and `target: log-ratio` needs a positive ratio/);
  });

  it('names a missing measured feature, a missing z at prediction, and several targets', async () => {
    const missing = await thrown(() => fit(train, { measured: 'pt' }));
    expect([missing.code, missing.message]).toEqual(['MissingColumn', 'method.options.measured: toy:response has no feature "pt" to calibrate']);
    expect(missing.hint).toMatch(/Name one of its features \(x\)/);
    const model = await fit(responseToy.generate(200, { z: true }, new Rng(14)), { grid: { points: 16 } });
    const noZ = new Dataset({ features: { x: Float32Array.of(50) }, source: 'data.csv' });
    const err = await thrown(() => model.predict(noZ));
    expect([err.code, err.message]).toEqual(['MissingColumn', 'data.csv: numerical-inversion needs the feature "z" it was trained with']);
    model.dispose();
    const two = new Dataset({ features: { x: train.features.x }, targets: [{ name: 'a', values: train.target! }, { name: 'b', values: train.target! }] });
    expect((await thrown(() => fit(two))).message).toMatch(/calibrates one target, dataset has 2/);
  });
});
