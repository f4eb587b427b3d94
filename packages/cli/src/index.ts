export { main, type CliIo } from './main.js';
export { executeRun, type RunResult, type RunStepInput } from './run/execute-run.js';
export { RunConfig, DataSource, ToySource, FileSource, PluginRef } from './run/run-config.js';
export { readRunConfig, parseRunConfig } from './run/parse-run-config.js';
export { loadData, loadTrainTest } from './run/load-data.js';
export { resolvePlugin, resolvePlugins, DEFAULT_PLUGINS } from './plugin-resolver.js';
export { renderEvents, type RendererOptions } from './render/progress-renderer.js';
export { listPlugins, formatPluginList } from './commands/plugins.command.js';
export { CLI_VERSION } from './version.js';
