export { inferencePlugin, inferencePlugin as default, INFERENCE_PLUGIN_NAME } from './inference.plugin.js';
export { inferenceStep } from './inference-step.js';

// workspace format and model
export {
  WorkspaceSpec, ChannelSpec, SampleSpec, ModifierSpec, ObservationSpec, MeasurementSpec, ParameterConfigSpec,
  type ModifierType,
} from './workspace.schema.js';
export { parseWorkspace, formatJsonPath } from './parse-workspace.js';
export { HistFactoryModel, type ModelOptions, type Objective } from './histfactory-model.js';
export { type ParameterSet, type ConstraintKind, staterrorSigmas, shapesysFactors } from './model-parameters.js';
export { NormsysInterpolator, code4Coefficients, type NormsysCode } from './normsys-interpolation.js';
export { HistosysInterpolator, type HistosysCode } from './histosys-interpolation.js';
export { uncorrelatedBackground, type UncorrelatedBackgroundInput } from './simple-models.js';
export { poissonLogPdf, normalLogPdf } from './special-functions.js';

// fits
export { fitConfig, withFixedParameter, type FitConfig, type FitOverrides } from './fit-config.js';
export { minimizeBounded, type MinimizeOptions, type MinimizeResult } from './minimize-bounded.js';
export { numericalHessian } from './numerical-hessian.js';
export { minimizeNll, fixedPoiFit, type MinimumResult } from './maximum-likelihood.js';
export { hesse, type HesseResult } from './hesse.js';
export { mleFit, type FitResult } from './mle-fit.js';

// tests, limits, scans
export { tmu, qmu, qmuTilde, q0, testStatistic, TEST_STATISTICS, type TestStatistic, type TestStatValue } from './test-statistics.js';
export {
  asimovData, asymptoticStatistic, asymptoticPValues, expectedPValues, EXPECTED_SIGMAS,
  type AsymptoticOptions, type AsymptoticStatistic,
} from './asymptotic-calculator.js';
export { hypotest, type HypotestResult } from './hypotest.js';
export { brentRoot, type RootOptions } from './brent-root.js';
export { upperLimit, type UpperLimitOptions, type UpperLimitResult } from './upper-limit.js';
export { profileScan1D, profileScan2D, linspace, type ProfileScan1D, type ProfileScan2D } from './profile-scan.js';

// registry entries and commands
export { FIT, FitInput, fitProcedure, type FitOutput } from './fit.procedure.js';
export { SCAN, ScanInput, scanProcedure, type ScanOutput } from './scan.procedure.js';
export { HYPOTEST, HypotestInput, hypotestProcedure, type HypotestOutput } from './hypotest.procedure.js';
export { UPPER_LIMIT, UpperLimitInput, upperLimitProcedure, type UpperLimitOutput } from './upper-limit.procedure.js';
export { ModelInput } from './inference-input.js';
export { fitCommand } from './fit.command.js';
export { scanCommand } from './scan.command.js';
export { hypotestCommand } from './hypotest.command.js';
export { limitCommand } from './limit.command.js';
export { scanPlot } from './scan-plot.js';
