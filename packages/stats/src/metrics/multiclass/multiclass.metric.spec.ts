import { describe, expect, it } from 'vitest';
import { defaultClassNames, isHepuqError, type MetricInput, type MulticlassPrediction } from '@hepuq/core';
import { multiclassAccuracyMetric } from './accuracy.metric.js';
import { classSuffixes } from './class-suffixes.js';
import { createClasswiseCalibrationMetric } from './classwise-calibration.metric.js';
import { logLossMetric } from './log-loss.metric.js';
import { multiclassBrierMetric } from './multiclass-brier.metric.js';
import { createMulticlassEceMetric, multiclassEceMetric } from './multiclass-ece.metric.js';

/** Events as rows [p0, p1, p2] (powers of two: exact in float32). */
function input(rows: number[][], label: number[], weights?: number[], classes?: string[]): MetricInput {
  const k = rows[0].length;
  const probs = Array.from({ length: k }, (_, c) => Float32Array.from(rows, (r) => r[c]));
  const prediction: MulticlassPrediction = {
    kind: 'multiclass', probs, sigmaProbs: probs.map((p) => new Float32Array(p.length)), classes: classes ?? defaultClassNames(k),
  };
  return { prediction, truth: Float32Array.from(label), weights: weights && Float32Array.from(weights) };
}

// 1: correct; 2: predicts 1, label 2; 3: correct; 4: tie 0/1 goes to class 0, label 1; 5: certain and wrong (p_y = 0)
const ROWS = [[0.5, 0.25, 0.25], [0.25, 0.5, 0.25], [0.125, 0.125, 0.75], [0.5, 0.5, 0], [0, 0, 1]];
const LABELS = [0, 2, 2, 1, 0];
const W = [2, 1, 1, 3, 1];
const REPEATED = ROWS.flatMap((r, i) => Array.from({ length: W[i] }, () => r));
const REPEATED_LABELS = LABELS.flatMap((y, i) => Array.from({ length: W[i] }, () => y));

const all = [multiclassAccuracyMetric, multiclassBrierMetric, logLossMetric, multiclassEceMetric, createClasswiseCalibrationMetric()];

describe('multiclass accuracy, brier and log loss', () => {
  it('pin a five-event hand case', () => {
    const data = input(ROWS, LABELS);
    const acc = multiclassAccuracyMetric.compute(data).values.accuracy;
    expect(acc.value).toBeCloseTo(0.4, 12);
    expect(acc.error).toBeCloseTo(Math.sqrt((0.4 * 0.6) / 5), 12);
    // per event sum_k (p_k - 1[y=k])^2: 0.375, 0.875, 0.09375, 0.5, 2
    expect(multiclassBrierMetric.compute(data).values.brier.value).toBeCloseTo(3.84375 / 5, 7);
    // -log of 0.5, 0.25, 0.75, 0.5 and of the floor 1e-15
    const ll = (Math.log(2) + Math.log(4) - Math.log(0.75) + Math.log(2) - Math.log(1e-15)) / 5;
    expect(logLossMetric.compute(data).values.log_loss.value).toBeCloseTo(ll, 6);
  });

  it('weights count as repeated events', () => {
    for (const m of [multiclassAccuracyMetric, multiclassBrierMetric, logLossMetric]) {
      const [name] = m.valueNames!;
      const weighted = m.compute(input(ROWS, LABELS, W)).values[name].value;
      expect(weighted, m.key).toBeCloseTo(m.compute(input(REPEATED, REPEATED_LABELS)).values[name].value, 6);
    }
    // weighted accuracy: events 1 and 3 correct, (2 + 1) / 8
    expect(multiclassAccuracyMetric.compute(input(ROWS, LABELS, W)).values.accuracy.value).toBeCloseTo(3 / 8, 12);
  });
});

describe('multiclass-ece', () => {
  const ece = createMulticlassEceMetric({ bins: 4 });

  it('pins top-label and classwise ECE in four bins', () => {
    const v = ece.compute(input(ROWS, LABELS)).values;
    // confidence 0.5 (events 1, 2, 4; 1 correct) -> |1/3 - 1/2| 3/5; 0.75 and 1 (events 3, 5; 1 correct) -> |1/2 - 7/8| 2/5
    expect(v.ece_top_label.value).toBeCloseTo(0.1 + 0.15, 6);
    // class 0: bins {0.125, 0 | y=0 once}, {0.25}, {0.5, 0.5}: 0.4375*2/5 + 0.25/5 + 0
    expect(v.ece_class_0.value).toBeCloseTo(0.225, 6);
    expect(v.ece_class_1.value).toBeCloseTo(0.075, 6);
    expect(v.ece_class_2.value).toBeCloseTo(0.25, 6);
    expect(v.ece_classwise.value).toBeCloseTo(0.55 / 3, 6);
    expect(v.ece_top_label.error).toBeGreaterThan(0);
  });

  it('names per-class values and plots by the class names, and weights are repeated events', () => {
    const out = ece.compute(input(ROWS, LABELS, W, ['b-jet', 'c jet', 'light']));
    expect(Object.keys(out.values)).toEqual(['ece_top_label', 'ece_classwise', 'ece_class_b_jet', 'ece_class_c_jet', 'ece_class_light']);
    expect(Object.keys(out.plots!)).toEqual(['reliability_top_label', 'reliability_class_b_jet', 'reliability_class_c_jet', 'reliability_class_light']);
    expect((out.plots!.reliability_class_c_jet as { class: string }).class).toBe('c jet');
    const rep = ece.compute(input(REPEATED, REPEATED_LABELS, undefined, ['b-jet', 'c jet', 'light'])).values;
    for (const [name, v] of Object.entries(out.values)) expect(v.value, name).toBeCloseTo(rep[name].value, 6);
    expect(createMulticlassEceMetric({ bootstrap: 0 }).compute(input(ROWS, LABELS)).values.ece_top_label.error).toBeUndefined();
  });

  it('gives unique snake_case suffixes for any class names', () => {
    expect(classSuffixes(['b-jet', 'B jet', '', '<script>'])).toEqual(['b_jet', 'b_jet_1', '2', 'script']);
  });
});

describe('classwise-calibration (hand case)', () => {
  const metric = createClasswiseCalibrationMetric({ bins: 4 });

  it('pins chi2, ndf and p per class and combined', () => {
    const out = metric.compute(input(ROWS, LABELS));
    const v = out.values;
    // class 0: bin 0 (p 0.125, 0; one y=0): 0.4375^2 / (0.125*0.875/4) = 7; bin 1 (p 0.25, y != 0): 1/3; bin 2: f = pbar = 0.5
    expect(v.calibration_chi2_0.value).toBeCloseTo(7 + 1 / 3, 5);
    expect(v.calibration_ndf_0.value).toBe(3);
    expect(v.calibration_chi2_1.value).toBeCloseTo(1 / 7 + 1 / 3, 5);
    // class 2: bin 0 holds p = 0 only (variance 0: left out); bin 1: 0.25^2 / (2*0.1875/4) = 2/3; bin 3: 0.375^2 / (0.1875/4) = 3
    expect(v.calibration_chi2_2.value).toBeCloseTo(11 / 3, 5);
    expect(v.calibration_ndf_2.value).toBe(2);
    expect(v.calibration_chi2.value).toBeCloseTo(7 + 1 / 3 + 1 / 7 + 1 / 3 + 11 / 3, 5);
    expect(v.calibration_ndf.value).toBe(8);
    // scipy.stats.chi2.sf
    expect(v.calibration_p_2.value).toBeCloseTo(0.1598797460796939, 5);
    expect(v.calibration_p_0.value).toBeCloseTo(0.061999075736943826, 5);
    expect(v.calibration_p_1.value).toBeCloseTo(0.9240902440390156, 5);
    expect(v.calibration_p.value).toBeCloseTo(0.17614916358354574, 5);
    // the p = 0 bin is drawn (error 0) but not counted
    const bins2 = out.plots!.calibration_class_2 as { meanProb: number[]; frequencyError: number[]; pull: number[] };
    expect(bins2.meanProb).toHaveLength(3);
    expect(bins2.frequencyError[0]).toBe(0);
    expect(bins2.pull[2]).toBeCloseTo(-Math.sqrt(3), 5);
  });

  it('uses the Bernoulli variance sum w^2 p (1 - p) of weighted events', () => {
    // class 2, bin 1: event 1 with weight 2 and event 2: f = 1/3, pbar = 1/4, var = (4 + 1) 0.1875 / 9 -> chi2 = 1/15
    const v = metric.compute(input(ROWS, LABELS, [2, 1, 1, 1, 1])).values;
    expect(v.calibration_chi2_2.value).toBeCloseTo(3 + 1 / 15, 5);
  });
});

describe('multiclass input validation', () => {
  const codeOf = (m: (typeof all)[number], data: MetricInput) => {
    try {
      m.compute(data);
    } catch (e) {
      return isHepuqError(e) ? `${e.code}: ${e.message}` : `not a HepuqError: ${String(e)}`;
    }
    return 'no error';
  };
  const cases: [string, MetricInput, RegExp][] = [
    ['label 3 with K = 3', input(ROWS, [0, 2, 3, 1, 0]), /^InvalidArgument: .*label is 3 at row 3; labels must be integers 0\.\.2/],
    ['a label 1.5', input(ROWS, [0, 2, 1.5, 1, 0]), /^InvalidArgument: .*label is 1\.5/],
    ['probabilities summing to 1.25', input([...ROWS.slice(0, 4), [0.25, 0, 1]], LABELS), /^InvalidArgument: .*prediction\.probs sum to 1\.25 at row 5/],
    ['NaN in a class column', input([...ROWS.slice(0, 2), [0.125, Number.NaN, 0.75], ...ROWS.slice(3)], LABELS), /^NonFiniteValue: .*prediction\.probs\[1\] is NaN at row 3/],
    ['a probability above 1', input([[1.5, -0.25, -0.25], ...ROWS.slice(1)], LABELS), /^InvalidArgument: .*prediction\.probs\[0\] is 1\.5 at row 1/],
    ['NaN weight', input(ROWS, LABELS, [1, 1, Number.NaN, 1, 1]), /^NonFiniteValue: .*weight is NaN/],
    ['weights summing to 0', input(ROWS, LABELS, [1, -1, 1, -1, 0]), /^InvalidArgument: .*sum of event weights/],
    ['a short label column', input(ROWS, LABELS.slice(1)), /^ShapeMismatch: .*prediction\.probs\[0\] has 5 entries, truth has 4/],
    ['four class names for three columns', input(ROWS, LABELS, undefined, ['a', 'b', 'c', 'd']), /^ShapeMismatch: .*prediction\.classes/],
  ];
  for (const [what, data, expected] of cases) {
    it(`rejects ${what} with a catalog error naming the column, in every metric`, () => {
      for (const m of all) expect(codeOf(m, data), m.key).toMatch(expected);
    });
  }

  it('rejects a binary prediction', () => {
    const binary: MetricInput = { prediction: { kind: 'classification', prob: new Float32Array(2), sigmaProb: new Float32Array(2) }, truth: new Float32Array(2) };
    for (const m of all) expect(codeOf(m, binary), m.key).toMatch(/^InvalidArgument: .*needs a multiclass prediction, got classification/);
  });
});
