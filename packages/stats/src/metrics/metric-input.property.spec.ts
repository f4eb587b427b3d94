import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HepuqError, isHepuqError, regressionPrediction, type Prediction, type MetricInput } from '@hepuq/core';
import { computeMetrics } from './compute-metrics.js';
import { builtinMetrics } from './default-metrics.js';

// Property tests over every built-in metric: valid inputs of any size never throw anything but a
// catalog error (a metric may refuse too few events, by name); an input with one bad value always
// throws a catalog error naming its 1-based row. Fixed seeds; 60-100 runs each keep this < 2 s.
const metrics = builtinMetrics();
const finite = fc.float({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });
const positive = fc.float({ min: Math.fround(1e-3), max: 1e3, noNaN: true, noDefaultInfinity: true });
// MC weights may be negative; a non-positive total is a catalog error 
const weight = fc.float({ min: -1, max: 1e3, noNaN: true, noDefaultInfinity: true });
const f32 = (xs: number[]) => Float32Array.from(xs);

const regression = fc.integer({ min: 1, max: 120 }).chain((n) => fc.record({
  truth: fc.array(finite, { minLength: n, maxLength: n }),
  mean: fc.array(finite, { minLength: n, maxLength: n }),
  sigma: fc.array(positive, { minLength: n, maxLength: n }),
  weights: fc.option(fc.array(weight, { minLength: n, maxLength: n }), { nil: undefined }),
}));

const classification = fc.integer({ min: 1, max: 120 }).chain((n) => fc.record({
  prob: fc.array(fc.float({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
  label: fc.array(fc.constantFrom(0, 1), { minLength: n, maxLength: n }),
  weights: fc.option(fc.array(weight, { minLength: n, maxLength: n }), { nil: undefined }),
}));

function regressionInput(r: { truth: number[]; mean: number[]; sigma: number[]; weights?: number[] }): MetricInput {
  return { prediction: regressionPrediction(f32(r.mean), new Float32Array(r.mean.length), f32(r.sigma)), truth: f32(r.truth), weights: r.weights && f32(r.weights) };
}

function classificationInput(c: { prob: number[]; label: number[]; weights?: number[] }): MetricInput {
  const prediction: Prediction = { kind: 'classification', prob: f32(c.prob), sigmaProb: new Float32Array(c.prob.length) };
  return { prediction, truth: f32(c.label), weights: c.weights && f32(c.weights) };
}

/** Run every metric of the input's kind; only catalog errors may come out. */
function runAll(input: MetricInput): void {
  const keys = metrics.filter((m) => m.task === input.prediction.kind && (!m.applies || m.applies(input))).map((m) => m.key);
  for (const key of keys) {
    try {
      computeMetrics(metrics, input, [key]);
    } catch (e) {
      if (!isHepuqError(e)) throw new Error(`metric "${key}" threw a non-catalog error: ${(e as Error).stack}`);
    }
  }
}

/** The catalog error `f` throws (failing the property when it throws nothing or something else). */
function catalogError(f: () => unknown): HepuqError {
  try {
    f();
  } catch (e) {
    if (isHepuqError(e)) return e;
    throw new Error(`non-catalog error: ${(e as Error).stack}`);
  }
  throw new Error('no error for an invalid input');
}

describe('metric inputs (property-based)', () => {
  it('valid regression and classification inputs give values or catalog errors, nothing else', () => {
    fc.assert(fc.property(regression, (r) => runAll(regressionInput(r))), { seed: 42, numRuns: 60 });
    fc.assert(fc.property(classification, (c) => runAll(classificationInput(c))), { seed: 43, numRuns: 60 });
  });

  it('one NaN/Inf or non-positive sigma anywhere is a catalog error naming its 1-based row', () => {
    const bad = fc.constantFrom(Number.NaN, Infinity, -Infinity);
    const broken = regression.chain((r) => fc.record({
      r: fc.constant(r),
      at: fc.integer({ min: 0, max: r.truth.length - 1 }),
      column: fc.constantFrom('truth', 'mean', 'sigma'),
      value: bad,
      zeroSigma: fc.boolean(),
    }));
    fc.assert(fc.property(broken, ({ r, at, column, value, zeroSigma }) => {
      const copy = { ...r, [column]: [...r[column as 'truth']] };
      copy[column as 'truth'][at] = column === 'sigma' && zeroSigma ? 0 : value;
      const error = catalogError(() => computeMetrics(metrics, regressionInput(copy), ['rmse']));
      expect(error.message).toMatch(new RegExp(`row ${at + 1}\\b`));
    }), { seed: 44, numRuns: 100 });
  });

  it('a probability outside [0, 1] or a label other than 0/1 is a catalog error naming its 1-based row', () => {
    const broken = classification.chain((c) => fc.record({
      c: fc.constant(c),
      at: fc.integer({ min: 0, max: c.prob.length - 1 }),
      prob: fc.boolean(),
      value: fc.constantFrom(-0.5, 1.5, 2, Number.NaN),
    }));
    fc.assert(fc.property(broken, ({ c, at, prob, value }) => {
      const copy = { ...c, prob: [...c.prob], label: [...c.label] };
      (prob ? copy.prob : copy.label)[at] = value;
      const error = catalogError(() => computeMetrics(metrics, classificationInput(copy), ['brier']));
      expect(error.message).toMatch(new RegExp(`row ${at + 1}\\b`));
    }), { seed: 45, numRuns: 100 });
  });
});
