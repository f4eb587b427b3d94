import type { PlotSpec } from '@hepuq/core';
import type { CalibrationCurve } from '../metrics/regression/calibration-curve.js';
import type { pullHistogram } from '../metrics/regression/pulls.metric.js';
import type { reliabilityData } from '../metrics/classification/ece.metric.js';
import type { rocCurve } from '../metrics/classification/auc.metric.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
const DIAGONAL = { mark: { type: 'line', color: '#888', strokeDash: [4, 4] }, data: { values: [{ a: 0, b: 0 }, { a: 1, b: 1 }] }, encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } } };
const q = (field: string, title: string, extra: Record<string, unknown> = {}) => ({ field, type: 'quantitative', title, ...extra });

/** Weighted pull histogram (density with sqrt(sum w^2) errors) and the unit Gaussian it should follow. */
export function pullHistogramSpec(h: ReturnType<typeof pullHistogram>): PlotSpec {
  const half = (h.center[1] - h.center[0]) / 2;
  const rows = h.center.map((c, b) => ({ lo: c - half, hi: c + half, center: c, density: h.density[b], low: h.density[b] - h.densityError[b], high: h.density[b] + h.densityError[b], gauss: h.gaussian[b] }));
  return {
    name: 'pull-histogram',
    title: 'Pulls (y − μ)/σ_tot against the unit Gaussian',
    spec: {
      $schema: SCHEMA, width: 420, height: 300, data: { values: rows },
      layer: [
        { mark: { type: 'rect', opacity: 0.6 }, encoding: { x: q('lo', 'pull (y − μ)/σ_tot'), x2: { field: 'hi' }, y: q('density', 'density'), y2: { datum: 0 } } },
        { mark: 'rule', encoding: { x: q('center', 'pull (y − μ)/σ_tot'), y: q('low', 'density'), y2: { field: 'high' } } },
        { mark: { type: 'line', color: '#d62728' }, encoding: { x: q('center', 'pull (y − μ)/σ_tot'), y: q('gauss', 'density') } },
      ],
    },
  };
}

/** Observed against expected proportion for the interval and quantile (PIT) variants, with the diagonal. */
export function calibrationCurveSpec(interval: CalibrationCurve, quantile: CalibrationCurve, name = 'calibration-curve'): PlotSpec {
  const rows = [
    ...interval.expected.map((e, j) => ({ variant: 'central interval', expected: e, observed: interval.observed[j], low: interval.observed[j] - interval.observedError[j], high: interval.observed[j] + interval.observedError[j] })),
    ...quantile.expected.map((e, j) => ({ variant: 'quantile (PIT)', expected: e, observed: quantile.observed[j], low: quantile.observed[j] - quantile.observedError[j], high: quantile.observed[j] + quantile.observedError[j] })),
  ];
  return {
    name,
    title: 'Calibration curve: observed against expected proportion',
    spec: {
      $schema: SCHEMA, width: 360, height: 360,
      layer: [
        DIAGONAL,
        { data: { values: rows }, mark: { type: 'area', opacity: 0.25 }, encoding: { x: q('expected', 'expected proportion'), y: q('low', 'observed proportion'), y2: { field: 'high' }, color: { field: 'variant', type: 'nominal' } } },
        { data: { values: rows }, mark: 'line', encoding: { x: q('expected', 'expected proportion', { scale: { domain: [0, 1] } }), y: q('observed', 'observed proportion', { scale: { domain: [0, 1] } }), color: { field: 'variant', type: 'nominal', legend: { orient: 'top' } } } },
      ],
    },
  };
}

/** Reliability diagram: observed frequency of y = 1 against mean predicted probability per bin. */
export function reliabilitySpec(r: ReturnType<typeof reliabilityData>): PlotSpec {
  const rows = r.meanProb.map((p, b) => ({ p, f: r.frequency[b], low: r.frequency[b] - r.frequencyError[b], high: r.frequency[b] + r.frequencyError[b], weight: r.weight[b] }));
  return {
    name: 'reliability-diagram',
    title: 'Reliability diagram (equal-width bins)',
    spec: {
      $schema: SCHEMA, width: 360, height: 360,
      layer: [
        DIAGONAL,
        { data: { values: rows }, mark: 'rule', encoding: { x: q('p', 'mean predicted probability'), y: q('low', 'observed frequency of y = 1'), y2: { field: 'high' } } },
        { data: { values: rows }, mark: { type: 'line', point: true }, encoding: { x: q('p', 'mean predicted probability', { scale: { domain: [0, 1] } }), y: q('f', 'observed frequency of y = 1', { scale: { domain: [0, 1] } }) } },
      ],
    },
  };
}

/** ROC curve (weighted true- against false-positive rate) with the chance diagonal. */
export function rocSpec(roc: ReturnType<typeof rocCurve>, auc?: number): PlotSpec {
  const rows = roc.fpr.map((f, j) => ({ fpr: f, tpr: roc.tpr[j] }));
  return {
    name: 'roc-curve',
    title: auc === undefined ? 'ROC curve' : `ROC curve (AUC = ${auc.toFixed(4)})`,
    spec: {
      $schema: SCHEMA, width: 360, height: 360,
      layer: [
        DIAGONAL,
        { data: { values: rows }, mark: 'line', encoding: { x: q('fpr', 'false-positive rate', { scale: { domain: [0, 1] } }), y: q('tpr', 'true-positive rate', { scale: { domain: [0, 1] } }) } },
      ],
    },
  };
}
