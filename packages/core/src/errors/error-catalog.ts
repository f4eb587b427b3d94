/**
 * The hepuq error catalog. Codes are permanent: never rename or reuse one; add new codes at the end
 * of their group. `docs/errors.md` is generated from this table (`npm run docs:errors`).
 */
export const ERROR_CATALOG = {
  // configuration and plugins
  InvalidConfig: { title: 'Invalid configuration', hint: 'Check the key named in the message against docs/run-config.md.' },
  InvalidPluginOptions: { title: 'Invalid plugin options', hint: 'Check the option named in the message against the plugin README.' },
  UnknownKey: { title: 'Unknown registry key', hint: 'Run `hepuq plugins` to list every registered key, or add the plugin that provides it to `plugins:`.' },
  MissingService: { title: 'No provider for a service', hint: 'Load the plugin that provides it (`hepuq plugins` lists the providers), or provide it with `ctx.provide(Token, value)` or `createHepuq({ services })`.' },
  DuplicateKey: { title: 'Duplicate registry key', hint: 'Pass { override: true } to replace an entry deliberately, or namespace third-party keys as `vendor/name`.' },
  PluginLoadFailed: { title: 'Plugin could not be loaded', hint: 'Install the package next to @hepuq/cli and check that it exports a plugin factory.' },
  IncompatiblePlugin: { title: 'Plugin built for another core version', hint: 'Upgrade the plugin or @hepuq/core so that meta.core accepts the installed core version.' },
  InvalidPlugin: { title: 'Not a hepuq plugin', hint: 'A plugin is an object { meta: { name, version, core }, register(ctx) } returned by a factory.' },
  InvalidCommandLine: { title: 'Invalid command line', hint: 'Run `hepuq --help` or `hepuq <command> --help` for the accepted arguments and options.' },
  // data
  MissingColumn: { title: 'Missing column', hint: 'Check the column names in the config against the file header.' },
  NonFiniteValue: { title: 'NaN or Inf in data', hint: 'Remove or impute the offending rows before training; hepuq never drops them silently.' },
  ShapeMismatch: { title: 'Shape mismatch', hint: 'Check that every column and array has the number of rows and features the model expects.' },
  EmptyDataset: { title: 'Dataset too small', hint: 'Provide more events, or lower the split fractions.' },
  FileUnreadable: { title: 'File cannot be read', hint: 'Check the path, permissions and that the file is complete (not truncated).' },
  ParseError: { title: 'File cannot be parsed', hint: 'The file is malformed at the position named in the message; fix or regenerate it.' },
  UnsupportedFormat: { title: 'Unsupported file format', hint: 'Use a supported extension or set `format:` explicitly.' },
  EmptySet: { title: 'Event without particles', hint: 'Drop the events whose particle set is empty before training, or select them with a cut on the multiplicity; a set network has nothing to pool for them.' },
  // training and models
  TrainingDiverged: { title: 'Training diverged', hint: 'Lower the learning rate or check the inputs for outliers; the last good checkpoint was kept.' },
  ModelNotFitted: { title: 'Model not fitted', hint: 'Call fit() (or load a saved model) before predict().' },
  ModelLoadFailed: { title: 'Saved model cannot be loaded', hint: 'The model directory is incomplete or was written by an incompatible version; retrain or re-save it.' },
  BackendUnavailable: { title: 'Tensor backend unavailable', hint: 'Install the backend package, or choose another with --backend / HEPUQ_BACKEND (wasm is always available).' },
  UnsupportedNetwork: { title: 'Network body not supported here', hint: 'Choose a network body this method or exporter supports (docs/networks.md has the table; `hepuq plugins` lists the registered bodies).' },
  ExportUnsupported: { title: 'Model cannot be exported', hint: 'docs/export.md lists the methods and network bodies each export format supports; `hepuq predict` applies any saved model.' },
  NotInvertible: { title: 'Learned function cannot be inverted', hint: 'The function is not monotone in the range named in the message, so its inverse is ambiguous there: train it on more events or longer, narrow the range it is inverted on, or accept an isotonic fit with a warning where the method offers one (numerical-inversion: `strict: false`).' },
  // execution
  TaskFailed: { title: 'Task failed', hint: 'The task failed after all retries; its own error is in the message.' },
  OutputWriteFailed: { title: 'Output cannot be written', hint: 'Check that the output directory is writable and has free space.' },
  OutputExists: { title: 'Output already exists', hint: 'Choose another run name, or pass --overwrite to replace an earlier hepuq run (hepuq never replaces a directory it did not create).' },
  OutputLocked: { title: 'Output in use', hint: 'Another hepuq process is writing this run; wait for it to finish or choose another run name.' },
  Interrupted: { title: 'Interrupted', hint: 'Nothing half-written was kept. With --checkpoint-every, rerun the same command with --resume to continue from the last checkpoint.' },
  CheckpointMismatch: { title: 'Checkpoint does not match the run', hint: 'Resume with exactly the config, seed and backend that wrote the checkpoint, or start afresh without --resume.' },
  InternalError: { title: 'Internal error', hint: 'This is a bug in hepuq or a plugin: please report it on the hepuq issue tracker (`npm bugs @hepuq/cli`) with the command, the config and the output of the same command with --debug.' },
  ExecutorUnreachable: { title: 'Executor engine unreachable', hint: 'Start the engine the executor names (e.g. `redis-server`) or correct its address (`executor.options`, `hepuq worker --redis`); the submitting run and every worker must reach the same server (docs/distributed.md).' },
  VersionMismatch: { title: 'Worker runs other versions', hint: 'Install the same versions of @hepuq/core and the plugins on every worker as on the machine that submits the run (`hepuq plugins` lists them), then restart the workers (docs/distributed.md).' },
  // statistics and inference
  InvalidArgument: { title: 'Invalid argument', hint: 'Check the value named in the message against the function documentation.' },
  FitFailed: { title: 'Fit did not converge', hint: 'Check bounds and initial values, or simplify the model.' },
  InvalidWorkspace: { title: 'Invalid likelihood workspace', hint: 'The pyhf/HistFactory JSON does not follow the schema at the path named in the message.' },
  MissingItem: { title: 'Missing item in file', hint: 'Check the tree, dataset or group after the ":" in the path (file.root:Events, file.h5:/group); the message lists what the file holds.' },
} as const satisfies Record<string, { title: string; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
