import 'reflect-metadata';

// plugin
export { numericalInversion, numericalInversion as default, NumericalInversionPluginOptions } from './numerical-inversion.plugin.js';
export { PLUGIN_NAME } from './plugin-meta.js';

// the method, its key and options
export { NUMERICAL_INVERSION, NumericalInversionOptions, InnerChoice, InversionGrid, DEFAULT_INNER } from './method/numerical-inversion.options.js';
export { numericalInversionMethod } from './method/numerical-inversion.method.js';
export { resolveInner, type ResolvedInner } from './method/inner-choice.js';
export { responseLayout, responseTrainingData, gridData, innerTargetName, type ResponseLayout } from './method/response-data.js';
export { NumericalInversionModel, readInversionSpec, RESPONSE_DIR, INVERSION_SPEC_FILE, type NumericalInversionSpec } from './model/numerical-inversion.model.js';

// the response and its inversion
export { responsePoints, type ResponsePoints, type ResponseStatistic } from './response/response-statistic.js';
export {
  responseTargetValue, measuredFromTarget, measuredPerTarget, inputValue, fromInput, type ResponseTarget, type InputScale,
} from './response/parameterisation.js';
export { MonotoneInverse } from './inversion/monotone-inverse.js';
export { nonMonotoneRanges, monotoneRepair, rangesText, type NonMonotoneRange } from './inversion/monotonicity.js';
export { responseCurve, invertAt, type ResponseCurve, type CurveContext, type InvertedValue } from './inversion/response-curve.js';
export { gridRange, gridPoints } from './inversion/grid.js';
