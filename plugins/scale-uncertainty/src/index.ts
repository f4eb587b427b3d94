// plugin
export { scaleUncertainty, default } from './scale-uncertainty.plugin.js';
export {
  SCALE_PULLS, ScaleUncertaintyOptions, ScalePullsSettings, PullDefinition, PullMethod, EnvelopeChoice,
  type ResolvedScaleUncertaintyOptions,
} from './scale-uncertainty.options.js';
export { PLUGIN_NAME, PLUGIN_VERSION } from './plugin-meta.js';

// tables
export { parseTable, readTable, TABLE_LAYOUTS } from './tables/parse-table.js';
export { SHIPPED_TABLES } from './tables/shipped-tables.js';
export { THREE_POINT, SEVEN_POINT, scaleColumn, type ScalePoint } from './tables/scale-points.js';
export type { ProcessRow, ProcessTable, TableLayoutName, EnvelopeKind } from './tables/process-row.js';
export type { TableLayout, TableOptions } from './tables/table-layout.js';
export type { TableFormat } from './tables/read-records.js';

// physics
export { scaleEnvelope, type ScaleEnvelope } from './physics/scale-envelope.js';
export { htHalf, htHalfPerEvent, type FourMomenta } from './physics/ht-half.js';
export { classifyFinalState, type FinalState, type FinalStateGroup } from './physics/final-state.js';
export { pull, asymmetricPull, symmetrisedPull } from './physics/pull.js';
export { summarisePulls, TAIL_THRESHOLDS, type PullSummary, type TailFraction } from './physics/pull-summary.js';
export { gaussianTailFraction } from './physics/gaussian-tails.js';
export { qcdPerParticleAverage, referenceUncertainty, type PerParticleAverage } from './physics/reference-process.js';

// analysis
export { analyseScalePulls, type AnalysisSettings } from './analysis/scale-pulls.analysis.js';
export { runScalePulls } from './analysis/run-scale-pulls.js';
export { comparePublishedPulls, type PullAgreement, type PullAgreementRow } from './analysis/published-agreement.js';
export {
  SCALE_PULLS_RESULT_KIND, type ScalePullsResult, type ProcessPull, type TailProcess, type GroupSummaries, type PullReduction, type ReferenceProcess,
} from './analysis/scale-pulls.result.js';

// CLI, run step, report
export { scalePullsCommand } from './command/scale-pulls.command.js';
export { formatScalePulls } from './command/format-text.js';
export { scalePullsStep } from './step/scale-pulls.step.js';
export { scalePullsReportSection, findScalePullsResult } from './report/scale-pulls.report-section.js';
export { scalePullsReport, scalePullsPlots, scalePullsMetrics } from './report/scale-pulls.report.js';
export { pullHistogramPlot } from './report/pull-histogram.plot.js';
export { uncertaintyVsNPlot } from './report/uncertainty-vs-n.plot.js';
export { processTableHtml } from './report/process-table.html.js';
