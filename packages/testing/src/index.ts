export { describeUqMethodConformance, type UqMethodConformanceOptions } from './uq-method.conformance.js';
export { describePluginConformance, type PluginConformanceOptions } from './plugin.conformance.js';
export { captureCommandContext, type CapturedCommand } from './command-context.js';
