import { parseOrThrow, type Metric, type MetricInput, type MetricOutput, type MetricTableRow, type MetricValue } from '@hepuq/core';
import { ClosureOptions } from '../../closure/closure-options.js';
import { closureEdges, closureResiduals, closureTable, type ClosureRow, type ClosureTable } from '../../closure/closure-table.js';
import { reweightedWeights } from '../../closure/closure-weights.js';
import { regressionArrays } from '../metric-input.js';

export const CLOSURE = 'closure';

/** The values every closure returns (with `reweight` also closure_mean_reweighted and closure_median_reweighted). */
const VALUE_NAMES = ['closure_mean', 'closure_median', 'closure_mean_maxabs', 'closure_median_maxabs', 'closure_mean_chi2_ndf', 'closure_median_chi2_ndf'];

/** The row whose `field` is furthest from 0, as a value with its error. */
function maxAbs(rows: readonly ClosureRow[], field: 'mean' | 'median'): MetricValue {
  const finite = rows.filter((r) => Number.isFinite(r[field]));
  if (finite.length === 0) return { value: Number.NaN };
  const worst = finite.reduce((a, b) => (Math.abs(b[field]) > Math.abs(a[field]) ? b : a));
  return { value: worst[field], error: worst[`${field}_error`] };
}

/** chi^2/ndf of the bins against 0 (sum of (v_b / e_b)^2 over B bins, / B) with its spread sqrt(2/B) for a closing prediction. */
function chi2PerBin(rows: readonly ClosureRow[], field: 'mean' | 'median'): MetricValue {
  const used = rows.filter((r) => Number.isFinite(r[field]) && r[`${field}_error`] > 0);
  if (used.length === 0) return { value: Number.NaN };
  const chi2 = used.reduce((s, r) => s + (r[field] / r[`${field}_error`]) ** 2, 0);
  return { value: chi2 / used.length, error: Math.sqrt(2 / used.length) };
}

const value = (r: ClosureRow, field: 'mean' | 'median'): MetricValue => ({ value: r[field], error: r[`${field}_error`] });
const table = (t: ClosureTable): MetricTableRow[] => t.rows.map((r) => ({ ...r }));

const DEFINITION =
  'In bins of the true y (quantile or equal-width bins, or given edges; last bin closed), the weighted mean and median of the residual '
  + 'r = (prediction - y)/y (relative; needs y > 0) or prediction - y (absolute): mean error = Kish-Bessel std / sqrt(Neff), median error = '
  + '1/(2 f(m) sqrt(Neff)) with 1/f(m) = (q(1/2+h) - q(1/2-h))/(2h), h = min(2/sqrt(Neff), 1/4), weighted quantiles by the averaged inverse CDF. Values: closure_mean/closure_median over every '
  + 'event in the bins, the bin furthest from 0 (closure_*_maxabs), chi^2/ndf of the bins against 0 with its spread sqrt(2/B) for a closing '
  + 'prediction, and with `reweight` the overall values under the reweighted test prior. Tables (metrics.json arrays): closure and closure_reweighted, '
  + 'one row { low, high, n, neff, y_mean, mean, mean_error, median, median_error } per bin.';

/**
 * The closure of a regression ("closure plot", Nachman 2020, "Calibration — a regression task"): in
 * bins of the true y, the mean and median of (prediction - y)/y with errors, and optionally the same
 * under a reweighted test prior. A calibration closes where both are 0 within errors; numerical
 * inversion of a median response closes for the median by construction. Asked for by name
 * (`metrics: [closure]` or `{ use: closure, options }`), never a default.
 * @example createClosureMetric({ bins: 8, reweight: { prior: { shape: 'power-law', index: 3 } } }).compute(input).tables?.closure
 */
export function createClosureMetric(options: unknown = {}): Metric {
  const opts = parseOrThrow(ClosureOptions, options, { code: 'InvalidConfig', where: `metric "${CLOSURE}"`, path: 'options' });
  return {
    key: CLOSURE,
    task: 'regression',
    description: 'Closure in bins of the true y: mean and median of (prediction - y)/y with errors, optionally under a reweighted test prior',
    definition: DEFINITION,
    valueNames: VALUE_NAMES,
    options: ClosureOptions,
    configure: (o) => createClosureMetric(o),
    applies: (input: MetricInput) => input.prediction.kind === 'regression' && !input.prediction.targets && (opts.residual === 'absolute' || input.truth.every((y) => y > 0)),
    compute(input: MetricInput): MetricOutput {
      const where = `metric "${CLOSURE}"`;
      const { mean, truth, w } = regressionArrays(CLOSURE, input);
      const r = closureResiduals(mean, truth, opts.residual, where);
      const edges = closureEdges(truth, w, opts);
      const plain = closureTable(truth, r, w, edges);
      const values: Record<string, MetricValue> = {
        closure_mean: value(plain.overall, 'mean'), closure_median: value(plain.overall, 'median'),
        closure_mean_maxabs: maxAbs(plain.rows, 'mean'), closure_median_maxabs: maxAbs(plain.rows, 'median'),
        closure_mean_chi2_ndf: chi2PerBin(plain.rows, 'mean'), closure_median_chi2_ndf: chi2PerBin(plain.rows, 'median'),
      };
      const tables: Record<string, MetricTableRow[]> = { closure: table(plain) };
      if (opts.reweight) {
        const reweighted = closureTable(truth, r, reweightedWeights(input, w, opts.reweight, where), edges);
        values.closure_mean_reweighted = value(reweighted.overall, 'mean');
        values.closure_median_reweighted = value(reweighted.overall, 'median');
        tables.closure_reweighted = table(reweighted);
      }
      return { values, tables, plots: { closure: { residual: opts.residual, edges, ...tables } } };
    },
  };
}

/** The `closure` metric with its default options (10 quantile bins of the true y, relative residual, no reweighting). */
export const closureMetric: Metric = createClosureMetric();
