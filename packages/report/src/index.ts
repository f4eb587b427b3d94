export { report, report as default, REPORT_PLUGIN_NAME, ReportPluginOptions } from './report.plugin.js';
export { REPORT_VERSION } from './version.js';

export { renderSvg } from './render/render-svg.js';
export { svgToPng, rasterizeSvg, type RasterOptions } from './render/svg-to-png.js';
export { REPORT_FONT_FAMILY, REPORT_FONT_STACK, reportFontFiles } from './render/report-font.js';
export { PLOT_THEME } from './render/plot-theme.js';

export { writeReport } from './write-report.js';
export { buildRunReport } from './build-run-report.js';
export { renderReportHtml, measurementHtml, flattenMetadata } from './html/report-html.js';
export { formatMeasurement, measurementText, type FormattedMeasurement } from './html/format-measurement.js';
export { escapeHtml } from './html/escape-html.js';

export { REGRESSION_SECTION, regressionSection, type StandardSectionOptions } from './sections/regression.section.js';
export { CLASSIFICATION_SECTION, classificationSection } from './sections/classification.section.js';

export { MAX_PLOT_POINTS, strideIndices } from './plots/plot-data.js';
export { plotAxisTitles } from './plots/axis-titles.js';
export { pullHistogramPlot, type PullHistogramInput } from './plots/pull-histogram.plot.js';
/** Core's pull definition, re-exported for code that imported it from the report. */
export { pulls } from '@hepuq/stats';
export { calibrationCurvePlot, coverageCurve, type CalibrationCurveInput } from './plots/calibration-curve.plot.js';
export { predictionBandPlot, type PredictionBandInput } from './plots/prediction-band.plot.js';
export { predictedVsTruePlot, type PredictedVsTrueInput } from './plots/predicted-vs-true.plot.js';
export { sigmaVsFeaturePlot, type SigmaVsFeatureInput } from './plots/sigma-vs-feature.plot.js';
export { reliabilityDiagramPlot, reliabilityBins, type ReliabilityInput } from './plots/reliability-diagram.plot.js';
export { rocCurvePlot, rocCurve, type RocInput } from './plots/roc-curve.plot.js';
export { muSigmaPlot, type MuSigmaInput } from './plots/mu-sigma.plot.js';
export { histogramPlot, replicaSpread, type HistogramPlotInput, type HistogramSeries } from './plots/histogram.plot.js';
export { heatmapPlot, type HeatmapInput } from './plots/heatmap.plot.js';
export { linePlot, type LinePlotInput, type LineSeries } from './plots/line.plot.js';
export { binnedMeanMap } from './plots/binned-mean-map.js';
export { weightedHistogram, uniformEdges, effectiveSampleSize, type WeightedHistogram } from './plots/weighted-histogram.js';
