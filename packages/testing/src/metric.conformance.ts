import { mapPrediction, type Metric, type MetricInput, type MetricOutput, type Prediction, type PredictionKind } from '@hepuq/core';
import { describe, expect, it } from 'vitest';
import { caught, expectCatalogError, matchesAny, snapshot } from './conformance-helpers.js';
import { syntheticRun } from './synthetic-run.js';

/** A value name (or pattern) the weights check skips, with the documented reason. */
export interface WeightExemption {
  name: string | RegExp;
  reason: string;
}

export interface MetricConformanceOptions {
  metric: Metric;
  /**
   * An input the metric applies to. Default: a calibrated synthetic input of the metric's task
   * (400 events; features x1, x2; 8 replicas; regression also a two-component mixture; multiclass
   * three classes, labels 0..2).
   */
  input?: () => MetricInput;
  /**
   * Relative tolerance of "integer weights equal repeated events" (default 1e-4, float32 sums); a value
   * with an error may also differ by a tenth of it (finite-sample corrections with the Kish size).
   */
  weightTolerance?: number;
  /** Values that legitimately differ between weighted and repeated events (e.g. event counts). */
  weightExemptions?: readonly WeightExemption[];
}

const KINDS: readonly PredictionKind[] = ['regression', 'classification', 'multiclass'];

/** A calibrated synthetic input whose prediction is of `kind` (`seed` varies the events). */
function syntheticInput(kind: PredictionKind, n = 400, seed = 17): MetricInput {
  const run = kind === 'multiclass'
    ? syntheticRun({ task: 'classification', classes: 3, n, seed })
    : syntheticRun({ task: kind, n, seed });
  const truth = kind === 'regression' ? run.test.target! : run.test.label!;
  return { prediction: run.prediction, truth, features: { ...run.test.features } };
}

/** Every event of `input` (features and extras too) repeated `k[i]` times, with unit weights (any weights of `input` are dropped). */
function repeated(input: MetricInput, k: Uint8Array): MetricInput {
  const rep = (col: Float32Array) => {
    const out: number[] = [];
    col.forEach((v, i) => {
      for (let j = 0; j < k[i]; j++) out.push(v);
    });
    return Float32Array.from(out);
  };
  const columns = (cols: Readonly<Record<string, Float32Array>> | undefined) => cols && Object.fromEntries(Object.entries(cols).map(([n, c]) => [n, rep(c)]));
  return { prediction: mapPrediction(input.prediction, rep), truth: rep(input.truth), features: columns(input.features), extras: columns(input.extras) };
}

/**
 * Event multiplicities 1..3 correlated with the residual (regression: |y - mu| > sigma, y > mu) or
 * with label and score (classification; multiclass: label 0 and p_y > 0.5), so that a metric ignoring
 * its weights moves by many errors.
 */
function eventMultiplicities(input: MetricInput): Uint8Array {
  const p = input.prediction;
  return Uint8Array.from(input.truth, (y, i) => {
    if (p.kind === 'regression') return 1 + (Math.abs(y - p.mean[i]) > p.sigmaTot[i] ? 1 : 0) + (y > p.mean[i] ? 1 : 0);
    if (p.kind === 'classification') return 1 + (y === 1 ? 1 : 0) + (p.prob[i] > 0.7 ? 1 : 0);
    return 1 + (y === 0 ? 1 : 0) + ((p.probs[y] ? p.probs[y][i] : 0) > 0.5 ? 1 : 0);
  });
}

/** Inputs with a prediction of every other kind, with the same number of events. */
function otherKinds(input: MetricInput): MetricInput[] {
  return KINDS.filter((k) => k !== input.prediction.kind).map((k) => syntheticInput(k, input.truth.length, 5));
}

/** `input` with `f` applied to its truth, its weights (unit when absent) or its main prediction column. */
function withColumn(input: MetricInput, column: 'truth' | 'weights' | 'main', f: (col: Float32Array) => Float32Array): MetricInput {
  const copy: MetricInput = { ...input, prediction: { ...input.prediction } as Prediction };
  if (column === 'truth') copy.truth = f(input.truth);
  else if (column === 'weights') copy.weights = f(input.weights ?? new Float32Array(input.truth.length).fill(1));
  else if (copy.prediction.kind === 'regression') copy.prediction.mean = f(copy.prediction.mean);
  else if (copy.prediction.kind === 'classification') copy.prediction.prob = f(copy.prediction.prob);
  // multiclass: the first class column (a NaN there also breaks sum_k p_k = 1)
  else copy.prediction.probs = [f(copy.prediction.probs[0]), ...copy.prediction.probs.slice(1)];
  return copy;
}

const nanAt = (col: Float32Array): Float32Array => {
  const out = Float32Array.from(col);
  out[Math.floor(out.length / 3)] = Number.NaN;
  return out;
};

/**
 * The contract every metric (first- or third-party) must meet: declared value names are produced,
 * values are finite with `error >= 0`; integer event weights give the same values as repeated
 * events (within `weightTolerance` or a tenth of the value's error, except documented
 * `weightExemptions`); a prediction of any other kind is rejected with a catalog error; NaN in the
 * truth (the label), the weights or the main prediction column (`mean`, `prob`, or the class columns
 * `probs` of a multiclass prediction) and columns of mismatched length are rejected with a catalog
 * error naming the column; `compute` is deterministic and leaves its input intact.
 * @example describeMetricConformance({ metric: pullsMetric })
 * @example describeMetricConformance({ metric: acmeMetric, input: () => myInput(), weightExemptions: [{ name: 'n_events', reason: 'counts events, not weight' }] })
 */
export function describeMetricConformance(c: MetricConformanceOptions): void {
  const { metric } = c;
  const input = c.input ?? (() => syntheticInput(metric.task));
  const main = { regression: { title: 'mean', words: ['mean'] }, classification: { title: 'prob', words: ['prob'] }, multiclass: { title: 'probs[0]', words: ['probs', 'prob'] } }[metric.task];
  // classification metrics may call their truth column the label (MetricInput.truth holds the 0/1 or 0..K-1 labels)
  const truthWords = metric.task === 'regression' ? ['truth'] : ['truth', 'label'];
  const columns = [
    { column: 'truth', title: 'truth', words: truthWords },
    { column: 'weights', title: 'weights', words: ['weight'] },
    { column: 'main', title: `prediction.${main.title}`, words: main.words },
  ] as const;

  describe(`metric conformance: ${metric.key}`, () => {
    it('describes itself and applies to the conformance input', () => {
      expect(metric.key).toMatch(/^(?:[a-z0-9][a-z0-9-]*\/)?[a-z0-9][a-z0-9.-]*$/);
      expect(KINDS).toContain(metric.task);
      expect(metric.description.trim(), 'description').not.toBe('');
      expect(metric.definition.trim(), 'definition (the exact convention)').not.toBe('');
      const data = input();
      expect(data.prediction.kind, 'the input must be of the metric\'s task').toBe(metric.task);
      expect(metric.applies?.(data) ?? true, 'the metric must apply to the conformance input (pass `input` with what it needs)').toBe(true);
    });

    it('returns its declared values, finite, with errors >= 0', () => {
      const out: MetricOutput = metric.compute(input());
      const names = Object.keys(out.values);
      expect(names.length, 'at least one value').toBeGreaterThan(0);
      for (const declared of metric.valueNames ?? []) expect(names, `declared value "${declared}"`).toContain(declared);
      for (const [name, v] of Object.entries(out.values)) {
        expect(name, 'value names are snake_case').toMatch(/^[a-z][a-z0-9_]*$/);
        expect(Number.isFinite(v.value), `${name}.value = ${v.value}`).toBe(true);
        if (v.error !== undefined) {
          expect(Number.isFinite(v.error) && v.error >= 0, `${name}.error = ${v.error}`).toBe(true);
        }
      }
      if (out.plots !== undefined) expect(typeof out.plots).toBe('object');
    });

    it('is deterministic and does not modify its input', () => {
      const data = input();
      const before = snapshot(data);
      const a = metric.compute(data);
      const b = metric.compute(data);
      expect(b.values).toEqual(a.values);
      expect(snapshot(data), 'the input is unchanged').toBe(before);
    });

    it('treats integer event weights as repeated events', () => {
      const data = input();
      const k = eventMultiplicities(data);
      const weighted = metric.compute({ ...data, weights: Float32Array.from(k) }).values;
      const expanded = metric.compute(repeated(data, k)).values;
      const rel = c.weightTolerance ?? 1e-4;
      const exempt = c.weightExemptions ?? [];
      for (const e of exempt) expect(e.reason.trim(), `exemption ${String(e.name)} needs a reason`).not.toBe('');
      const checked = Object.keys(weighted).filter((name) => !matchesAny(name, exempt.map((e) => e.name)));
      const mismatches = checked.flatMap((name) => {
        const [w, r] = [weighted[name], expanded[name]];
        if (r === undefined) return [`${name}: missing with repeated events`];
        // float rounding, or a tenth of the statistical error: finite-sample corrections that use the
        // Kish size W^2/sum w^2 instead of the event count (Bessel factors) differ at O(1/N), 2% of the
        // error for pull_std on 400 events and 7% in 40-event slices, while ignored weights move values
        // by many errors
        const tol = Math.max(rel * Math.max(1, Math.abs(r.value)), 0.1 * (w.error ?? 0));
        return Math.abs(w.value - r.value) <= tol ? [] : [`${name}: weighted ${w.value}, repeated ${r.value} (tolerance ${tol})`];
      });
      expect(mismatches.join('\n'), 'values that differ between weighted and repeated events').toBe('');
    });

    it('does not compute a prediction of another kind', async () => {
      for (const other of otherKinds(input())) {
        expectCatalogError(await caught(() => metric.compute(other)), `${metric.task} metric on a ${other.prediction.kind} prediction`);
      }
    });

    for (const { column, title, words } of columns) {
      it(`rejects NaN in ${title} with a catalog error naming it`, async () => {
        const err = await caught(() => metric.compute(withColumn(input(), column, nanAt)));
        expectCatalogError(err, `NaN in ${title}`, { code: ['NonFiniteValue', 'InvalidArgument'], mentionsOneOf: words });
      });
    }

    for (const { column, title, words } of columns.slice(0, 2)) {
      it(`rejects ${title} of the wrong length with a catalog error naming it`, async () => {
        const err = await caught(() => metric.compute(withColumn(input(), column, (col) => col.slice(1))));
        expectCatalogError(err, `short ${title}`, { code: ['ShapeMismatch', 'InvalidArgument'], mentionsOneOf: words });
      });
    }
  });
}
