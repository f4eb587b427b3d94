import type { GenEvalResult } from '../evaluate/gen-eval.result.js';
import { prdcEvents } from '../metrics/prdc.metric.js';
import type { SummaryRow } from './summary-row.js';

export type { SummaryRow } from './summary-row.js';

/** |pull| above this marks a deviation (3 sigma). */
export const DEVIATION_THRESHOLD = 3;

function row(aspect: SummaryRow['aspect'], metric: string, value: number, error: number, ideal: number | null, idealError = 0): SummaryRow {
  const total = Math.hypot(error, idealError);
  const pull = ideal === null || !(total > 0) ? null : (value - ideal) / total;
  const verdict = pull === null ? 'n/a' : Math.abs(pull) > DEVIATION_THRESHOLD ? 'deviates' : 'compatible';
  return { aspect, metric, value, error, ideal, pull, verdict };
}

/**
 * A handful of orthogonal numbers instead of one black box (Kansal et al. 2211.10295, section 6):
 * bulk = mean marginal W1 against its noise floor (two reference batches), tails = the worst tail-
 * fraction ratio, correlations = FPD_inf (means and covariances), kernel = KPD (higher moments),
 * manifold = coverage, classifier = AUC, timing = the best ms/event. Batch-averaged metrics (W1,
 * KPD) appear as mean +- standard error of the mean, so the pull tests the mean over batches.
 * @example summaryTable(result).map((r) => `${r.aspect}: ${r.value} ± ${r.error} (${r.verdict})`)
 */
export function summaryTable(result: Omit<GenEvalResult, 'summary'>): SummaryRow[] {
  const rows: SummaryRow[] = [];
  if (result.w1) {
    const { mean, noiseFloor } = result.w1;
    rows.push(row('bulk', 'W1 (mean over marginals)', mean.value, mean.meanError, noiseFloor.value, noiseFloor.meanError));
  }
  if (result.tails) {
    const w = result.tails.worst;
    rows.push(row('tails', `tail ratio (${w.feature}, ${w.side} ${result.tails.quantile})`, w.ratio, w.error, 1));
  }
  if (result.fpd) rows.push(row('correlations', 'FPD_inf', result.fpd.value, result.fpd.error, 0));
  if (result.kpd) rows.push(row('kernel', `KPD (degree ${result.kpd.degree}, mean of batches)`, result.kpd.mean, result.kpd.meanError, 0));
  if (result.prdc) rows.push(row('manifold', `coverage (k=${result.prdc.k}, ${prdcEvents(result.prdc)})`, result.prdc.coverage.value, result.prdc.coverage.error, null));
  if (result.classifier) rows.push(row('classifier', `AUC (${result.classifier.method})`, result.classifier.auc.value, result.classifier.auc.error, 0.5));
  if (result.timing) rows.push(row('timing', `ms/event (batch ${result.timing.best.batchSize})`, result.timing.best.msPerEvent, result.timing.best.error, null));
  return rows;
}
