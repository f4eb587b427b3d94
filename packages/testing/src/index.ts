// plugins and methods
export { describePluginConformance, type PluginConformanceOptions } from './plugin.conformance.js';
export { describeUqMethodConformance, type UqMethodConformanceOptions } from './uq-method.conformance.js';

// statistics: metrics and recalibrations
export { describeMetricConformance, type MetricConformanceOptions, type WeightExemption } from './metric.conformance.js';
export { describeRecalibrationConformance, type RecalibrationConformanceOptions } from './recalibration.conformance.js';

// inference procedures and run steps
export { describeInferenceProcedureConformance, type InferenceProcedureConformanceOptions } from './inference-procedure.conformance.js';
export { describeRunStepConformance, type RunStepConformanceOptions, type RunStepFixture } from './run-step.conformance.js';

// data: toys and formats
export { describeToyConformance, TOY_TRUTH_COLUMNS, type ToyConformanceOptions } from './toy.conformance.js';
export { describeDataFormatConformance, type DataFormatConformanceOptions, type DataFormatFixture, type DataFormatKnownIssues } from './data-format.conformance.js';

// CLI commands, report sections, executors
export { describeCommandConformance, commanderAttribute, CLI_GLOBAL_FLAGS, type CommandConformanceOptions, type CommandInvocation } from './command.conformance.js';
export { describeReportSectionConformance, type ReportSectionConformanceOptions } from './report-section.conformance.js';
export { describeExecutorConformance, type ExecutorConformanceOptions } from './executor.conformance.js';

// fixtures and assertions
export { caught, expectCatalogError, type CatalogErrorExpectation } from './conformance-helpers.js';
export { captureCommandContext, type CapturedCommand } from './command-context.js';
export { syntheticRun, syntheticReportContext, HOSTILE_TEXT, type SyntheticRun, type SyntheticRunOptions } from './synthetic-run.js';
