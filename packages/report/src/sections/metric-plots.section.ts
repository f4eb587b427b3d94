import { measurementText, type MetricOutput, type PlotSpec, type ReportContext, type ReportSection } from '@hepuq/core';
import { METRIC_OUTPUTS_ARTIFACT, type CalibrationCurve, type ClasswiseCalibrationBins, type pullHistogram, type reliabilityData, type rocCurve } from '@hepuq/stats';
import { calibrationSpec, type CalibrationPoint } from '../plots/calibration-curve.plot.js';
import { classwiseReliabilitySpec, topLabelReliabilitySpec } from '../plots/multiclass-reliability.plot.js';
import { MAX_PLOT_POINTS } from '../plots/plot-data.js';
import { pullHistogramSpec, unitGaussianCurve } from '../plots/pull-histogram.plot.js';
import { reliabilitySpec } from '../plots/reliability-diagram.plot.js';
import { rocSpec } from '../plots/roc-curve.plot.js';

export const METRIC_PLOTS_SECTION = 'metric-plots';

type Outputs = Record<string, MetricOutput>;

const points = (c: CalibrationCurve): CalibrationPoint[] => c.expected.map((expected, j) => ({ expected, observed: c.observed[j], error: c.observedError[j] }));

/** The calibration curves (central interval and quantile/PIT) of a calibration metric's output. */
function calibrationPlot(plots: Record<string, unknown>, name: string, title: string): PlotSpec {
  const series = [{ label: 'central interval', points: points(plots.intervalCalibration as CalibrationCurve) }];
  if (plots.quantileCalibration) series.push({ label: 'quantile (PIT)', points: points(plots.quantileCalibration as CalibrationCurve) });
  return calibrationSpec(series, { name, title, xTitle: 'expected proportion', yTitle: 'observed proportion' });
}

/** The standard plots of metric outputs (the data in `MetricOutput.plots`), in a fixed order. */
function metricPlots(outputs: Outputs, maxPoints: number): PlotSpec[] {
  const plotsOf = (key: string) => outputs[key]?.plots;
  const plots: PlotSpec[] = [];
  const h = plotsOf('pulls')?.pullHistogram as ReturnType<typeof pullHistogram> | undefined;
  if (h) {
    const half = (h.center[1] - h.center[0]) / 2;
    const bins = h.center.map((c, b) => ({ lo: c - half, hi: c + half, value: h.density[b], error: h.densityError[b] }));
    plots.push(pullHistogramSpec({ bins, gaussian: unitGaussianCurve(bins[bins.length - 1].hi) }));
  }
  for (const key of ['calibration', 'mixture-calibration', 'sample-calibration']) {
    const p = plotsOf(key);
    if (!p?.intervalCalibration) continue;
    const base = key === 'calibration';
    plots.push(calibrationPlot(p, base ? 'calibration-curve' : `${key}-curve`, `${base ? 'Calibration' : key}: observed against expected proportion`));
  }
  const r = plotsOf('ece')?.reliability as ReturnType<typeof reliabilityData> | undefined;
  if (r) plots.push(reliabilitySpec(r.meanProb.map((predicted, b) => ({ predicted, observed: r.frequency[b], error: r.frequencyError[b] }))));
  const roc = plotsOf('auc')?.roc as ReturnType<typeof rocCurve> | undefined;
  if (roc) {
    const auc = outputs.auc.values.auc;
    plots.push(rocSpec(roc, { maxPoints, title: auc ? `ROC curve (AUC = ${measurementText(auc.value, auc.error)})` : 'ROC curve' }));
  }
  const classwise = plotsOf('classwise-calibration');
  if (classwise) plots.push(classwiseReliabilitySpec(Object.values(classwise) as ClasswiseCalibrationBins[]));
  const top = plotsOf('multiclass-ece')?.reliability_top_label as ReturnType<typeof reliabilityData> | undefined;
  if (top) plots.push(topLabelReliabilitySpec(top));
  return plots;
}

/**
 * Report section drawing the plot data of metric outputs (pulls, calibration curves including the
 * quantile/PIT variant, reliability, ROC; for multiclass the classwise and top-label reliability), for reports made from predictions alone: `hepuq metrics
 * --report` puts its outputs in `artifacts[METRIC_OUTPUTS_ARTIFACT]`. Runs with a test set get the
 * regression and classification sections instead.
 * @example registries.reportSections.add(METRIC_PLOTS_SECTION, metricPlotsSection())
 */
export function metricPlotsSection(options: { maxPoints?: number } = {}): ReportSection {
  const maxPoints = options.maxPoints ?? MAX_PLOT_POINTS;
  const outputs = (ctx: ReportContext) => ctx.artifacts[METRIC_OUTPUTS_ARTIFACT] as Outputs | undefined;
  return {
    key: METRIC_PLOTS_SECTION,
    title: 'Metric plots',
    order: 30,
    applies: (ctx) => outputs(ctx) !== undefined,
    plots: (ctx) => metricPlots(outputs(ctx)!, maxPoints),
  };
}
