import { formatNumber, VEGA_LITE_SCHEMA, type PlotSpec } from '@hepuq/core';
import type { AmplificationResult, AmplificationSetting } from '../amplification/amplification.result.js';
import type { Equivalent } from '../amplification/equivalent-events.js';
import { formatEquivalent } from '../amplification/format-equivalent.js';

/** Lower ends of error bars on a log axis stop at this fraction of the value. */
const LOG_FLOOR = 1e-3;

const logAxis = (field: string, title: string) => ({ field, type: 'quantitative', title, scale: { type: 'log' } });
const series = { field: 'sample', type: 'nominal', title: null, legend: { orient: 'bottom' } };

/**
 * Quantile MSE against the number of events: the generated (and fitted) samples' curves of growing
 * subsamples, the training sample, and the expectation s (1/n + 1/N_truth) for events drawn from the
 * truth (dashed). Where the generated sample's level meets the dashed line sits its equivalent size.
 * @example mseVersusEventsPlot(result.amplification.settings[1], result.amplification)
 */
export function mseVersusEventsPlot(s: AmplificationSetting, a: AmplificationResult): PlotSpec {
  const point = (sample: string, n: number, mse: number, error: number) => ({ sample, n, mse, lo: Math.max(mse - error, LOG_FLOOR * mse), hi: mse + error });
  const measured = [
    ...s.generated.curve.map((c) => point('generated', c.n, c.mse, c.error)),
    ...(s.fit?.curve ?? []).map((c) => point('fit', c.n, c.mse, c.error)),
    point('training sample', s.train.n, s.train.mse, s.train.mseError),
  ];
  const ns = measured.map((p) => p.n);
  const [lo, hi] = [Math.min(...ns), Math.max(...ns)];
  const expected = Array.from({ length: 40 }, (_, k) => lo * (hi / lo) ** (k / 39)).map((n) => ({ sample: 'drawn from the truth (expected)', n, mse: s.noise * (1 / n + 1 / a.truth.n) }));
  const x = logAxis('n', 'events in the sample');
  const y = logAxis('mse', `quantile MSE (${s.quantiles} quantiles per feature, ${s.cells} cells)`);
  return {
    name: `amplification-mse-q${s.quantiles}`,
    title: `Amplification: quantile MSE against sample size, ${s.quantiles} quantiles`,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: {
        text: `Quantile MSE vs events (${s.quantiles} quantiles per feature)`,
        subtitle: [
          `generated: ${formatEquivalent(s.generated.nEquiv)} equivalent events, factor ${formatEquivalent(s.generated.factor)} (plateau ${formatEquivalent(s.generated.asymptotic.factor)})`,
          `dashed: s (1/n + 1/N_truth) with s = ${formatNumber(s.noise)}, N_truth = ${Math.round(a.truth.n)}`,
        ],
      },
      width: 460,
      height: 300,
      layer: [
        { data: { values: expected }, mark: { type: 'line', strokeDash: [6, 3], color: 'black' }, encoding: { x, y } },
        { data: { values: measured }, mark: { type: 'errorbar' }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: series } },
        { data: { values: measured }, mark: { type: 'line', point: { filled: true } }, encoding: { x, y, color: series } },
      ],
    },
  };
}

/**
 * Amplification factor against the number of quantiles per feature for the generated sample (at its
 * size and at the plateau) and the fit, with the training sample's own factor (expected 1) and the line 1.
 * Points without an upper bound are drawn at their lower bound as triangles.
 * @example factorVersusQuantilesPlot(result.amplification)
 */
export function factorVersusQuantilesPlot(a: AmplificationResult): PlotSpec {
  const row = (sample: string, q: number, e: Equivalent) => ({
    sample, quantiles: q, factor: e.value ?? e.low, lo: e.low, hi: e.high ?? e.value ?? e.low, bound: e.value === null ? 'lower bound only' : 'measured',
  });
  const values = a.settings.flatMap((s) => [
    row('generated', s.quantiles, s.generated.factor),
    row('generated, plateau', s.quantiles, s.generated.asymptotic.factor),
    ...(s.fit ? [row('fit', s.quantiles, s.fit.factor)] : []),
    row('training sample', s.quantiles, s.train.factor),
  ]);
  const x = logAxis('quantiles', 'quantiles per feature');
  const y = logAxis('factor', 'equivalent truth events / training events');
  return {
    name: 'amplification-factors',
    title: 'Amplification factor against the number of quantiles',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title: { text: 'Amplification factor vs quantiles', subtitle: 'above 1: the sample is worth more than the training events; bars: 68% intervals' },
      width: 460,
      height: 300,
      layer: [
        { data: { values: [{ factor: 1 }] }, mark: { type: 'rule', color: 'grey', strokeDash: [4, 4] }, encoding: { y } },
        { data: { values }, mark: { type: 'errorbar' }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color: series } },
        { data: { values }, mark: { type: 'point', filled: true, size: 60 }, encoding: { x, y, color: series, shape: { field: 'bound', type: 'nominal', title: null, scale: { domain: ['measured', 'lower bound only'], range: ['circle', 'triangle-up'] } } } },
      ],
    },
  };
}

/**
 * The amplification plots: the factors against the quantiles, then one MSE-vs-events plot per quantile setting.
 * @example amplificationPlots(result.amplification).map((p) => p.name) // ['amplification-factors', 'amplification-mse-q5', ...]
 */
export function amplificationPlots(a: AmplificationResult): PlotSpec[] {
  return [factorVersusQuantilesPlot(a), ...a.settings.map((s) => mseVersusEventsPlot(s, a))];
}
