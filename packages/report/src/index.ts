export { report, report as default, REPORT_PLUGIN_NAME, REPORT_VERSION, ReportPluginOptions } from './report.plugin.js';

export { renderSvg } from './render/render-svg.js';
export { svgToPng, rasterizeSvg, type RasterOptions } from './render/svg-to-png.js';
export { REPORT_FONT_FAMILY, REPORT_FONT_STACK, reportFontFiles } from './render/report-font.js';
export { PLOT_THEME } from './render/plot-theme.js';

export { writeReport } from './write-report.js';
export { buildRunReport } from './build-run-report.js';
export { renderReportHtml, measurementHtml, flattenMetadata } from './html/report-html.js';
/** Measurement formatting and HTML escaping live in core (one home for every package); re-exported for existing imports. */
export { formatMeasurement, measurementText, escapeHtml, type FormattedMeasurement } from '@hepuq/core';

export { REGRESSION_SECTION, regressionSection, type StandardSectionOptions } from './sections/regression.section.js';
export { CLASSIFICATION_SECTION, classificationSection } from './sections/classification.section.js';
export { METRIC_PLOTS_SECTION, metricPlotsSection } from './sections/metric-plots.section.js';
export { MULTICLASS_SECTION, multiclassSection } from './sections/multiclass.section.js';
export { REFIT_SCANS_SECTION, refitScansSection } from './sections/refit-scans.section.js';
export { CLOSURE_SECTION, closureSection } from './sections/closure.section.js';

export { MAX_PLOT_POINTS, strideIndices } from './plots/plot-data.js';
export { plotAxisTitles } from './plots/axis-titles.js';
export { COLORS, CLASS_COLORS } from './plots/vega-lite-helpers.js';
export {
  pullHistogramPlot, pullHistogramSpec, unitGaussianCurve, type PullHistogramInput, type PullHistogramBin, type PullHistogramSpecInput,
} from './plots/pull-histogram.plot.js';
/** Core's pull definition, re-exported for code that imported it from the report. */
export { pulls } from '@hepuq/stats';
export {
  calibrationCurvePlot, calibrationSpec, coverageCurve, type CalibrationCurveInput, type CalibrationPoint, type CalibrationSeries,
} from './plots/calibration-curve.plot.js';
export { predictionBandPlot, type PredictionBandInput } from './plots/prediction-band.plot.js';
export { predictedVsTruePlot, type PredictedVsTrueInput } from './plots/predicted-vs-true.plot.js';
export { sigmaVsFeaturePlot, type SigmaVsFeatureInput } from './plots/sigma-vs-feature.plot.js';
export {
  reliabilityDiagramPlot, reliabilitySpec, reliabilitySeriesSpec, reliabilityBins,
  type ReliabilityInput, type ReliabilityBin, type ReliabilitySeries, type ReliabilitySpecOptions,
} from './plots/reliability-diagram.plot.js';
export {
  classwiseReliabilityPlot, classwiseReliabilitySpec, topLabelReliabilityPlot, topLabelReliabilitySpec, type MulticlassReliabilityInput,
} from './plots/multiclass-reliability.plot.js';
export { sigmaProbHistogramPlot, type SigmaProbHistogramInput } from './plots/sigma-prob-histogram.plot.js';
export { rocCurvePlot, rocSpec, rocCurve, type RocInput, type RocSpecOptions } from './plots/roc-curve.plot.js';
export { muSigmaPlot, type MuSigmaInput } from './plots/mu-sigma.plot.js';
export { histogramPlot, replicaSpread, type HistogramPlotInput, type HistogramSeries } from './plots/histogram.plot.js';
export { heatmapPlot, type HeatmapInput } from './plots/heatmap.plot.js';
export { linePlot, type LinePlotInput, type LineSeries } from './plots/line.plot.js';
export { closurePlot, type ClosurePlotInput, type ClosureSeries } from './plots/closure.plot.js';
export { binnedMeanMap } from './plots/binned-mean-map.js';
export { weightedHistogram, uniformEdges, effectiveSampleSize, type WeightedHistogram } from './plots/weighted-histogram.js';
