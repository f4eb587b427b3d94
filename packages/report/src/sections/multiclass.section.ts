import { escapeHtml, type MetricValue, type MulticlassPrediction, type PlotSpec, type ReportContext, type ReportSection } from '@hepuq/core';
import { classSuffixes } from '@hepuq/stats';
import { measurementHtml } from '../html/report-html.js';
import { classwiseReliabilityPlot, topLabelReliabilityPlot } from '../plots/multiclass-reliability.plot.js';
import { sigmaProbHistogramPlot } from '../plots/sigma-prob-histogram.plot.js';

export const MULTICLASS_SECTION = 'multiclass';

/** The multiclass metric values the summary table shows, in order, with what they mean. */
const SUMMARY: [string, string][] = [
  ['accuracy', 'accuracy (argmax = label)'],
  ['brier', 'Brier score (multi-category, [0, 2])'],
  ['log_loss', 'log loss'],
  ['ece_top_label', 'top-label ECE'],
  ['ece_classwise', 'classwise ECE'],
];

type Format = (m: MetricValue) => string;

/** A p-value to two significant digits (test statistics carry no error; the table says so). */
const pText = (p: number) => (p === 0 ? '< 1e-300' : p >= 0.01 ? p.toFixed(2) : p.toExponential(1));
const chi2Html: Format = (m) => escapeHtml(m.value.toFixed(1));
const ndfHtml: Format = (m) => escapeHtml(String(Math.round(m.value)));
const pHtml: Format = (m) => escapeHtml(pText(m.value));

/** Per-class columns: value-name prefix (`<prefix>_<class>`), header, format. */
const PER_CLASS: [string, string, Format][] = [
  ['ece_class', 'ECE of p_k', measurementHtml], ['calibration_chi2', 'χ²', chi2Html], ['calibration_ndf', 'ndf', ndfHtml], ['calibration_p', 'p-value', pHtml],
];

const cell = (m: MetricValue | undefined, format: Format = measurementHtml) => `<td class="num">${m ? format(m) : ''}</td>`;

function anyNonZero(cols: readonly Float32Array[]): boolean {
  return cols.some((c) => c.some((v) => v !== 0));
}

/** The summary and per-class tables of the multiclass metrics in ctx.metrics (empty when none). */
function multiclassTables(ctx: ReportContext): string {
  const m = ctx.metrics;
  const pred = ctx.prediction as MulticlassPrediction;
  const rows = SUMMARY.filter(([name]) => m[name]).map(([name, title]) => `<tr><th scope="row">${escapeHtml(title)}</th>${cell(m[name])}</tr>`);
  if (m.calibration_chi2 && m.calibration_ndf) {
    const p = m.calibration_p ? `, p = ${pHtml(m.calibration_p)}` : '';
    rows.push('<tr><th scope="row">classwise calibration χ²/ndf (all classes; p approximate: the classes are correlated)</th>'
      + `<td class="num">${chi2Html(m.calibration_chi2)}/${ndfHtml(m.calibration_ndf)}${p}</td></tr>`);
  }
  const suffixes = classSuffixes(pred.classes);
  const classRows = pred.classes.flatMap((name, k) => {
    const values = PER_CLASS.map(([prefix]) => m[`${prefix}_${suffixes[k]}`]);
    return values.some(Boolean) ? [`<tr><th scope="row">${escapeHtml(name)}</th>${values.map((v, j) => cell(v, PER_CLASS[j][2])).join('')}</tr>`] : [];
  });
  const summary = rows.length
    ? `<table class="metrics"><thead><tr><th scope="col">metric</th><th scope="col">value ± error (1σ)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '';
  const perClass = classRows.length
    ? `<table class="metrics"><thead><tr><th scope="col">class</th>${PER_CLASS.map(([, h]) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${classRows.join('')}</tbody></table>`
      + '<p>χ², ndf and p test "P(y = k | p_k) = p_k" per class (test statistics: no error); ECE carries a bootstrap error.</p>'
    : '';
  return summary + perClass;
}

function multiclassPlots(ctx: ReportContext): PlotSpec[] {
  const test = ctx.test!;
  const pred = ctx.prediction as MulticlassPrediction;
  const input = { probs: pred.probs, label: test.label!, classes: pred.classes, weights: test.weights };
  const plots = [classwiseReliabilityPlot(input), topLabelReliabilityPlot(input)];
  if (anyNonZero(pred.sigmaProbs)) plots.push(sigmaProbHistogramPlot({ sigmaProbs: pred.sigmaProbs, classes: pred.classes, weights: test.weights }));
  return plots;
}

/**
 * Report section for K-class classification runs: the multiclass metrics with errors (overall and per
 * class), a classwise reliability diagram (one colour per class, errors a calibrated model would have,
 * chi2/ndf per class), a top-label reliability diagram, and the σ_pred of each class probability where
 * the method gives one.
 * @example registries.reportSections.add(MULTICLASS_SECTION, multiclassSection())
 */
export function multiclassSection(): ReportSection {
  return {
    key: MULTICLASS_SECTION,
    title: 'Multiclass classification',
    order: 20,
    applies: (ctx) => ctx.prediction?.kind === 'multiclass' && ctx.test?.label !== undefined && ctx.test.n > 0,
    plots: multiclassPlots,
    html: multiclassTables,
  };
}
