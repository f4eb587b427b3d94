import { dirname } from 'node:path';
import { Command } from 'commander';
import {
  ArtifactStoreToken, checkOutputDir, createHepuq, HepuqError, measurementText, ProgressSinkToken, ReportWriterToken,
  type CommandDefinition, type HepuqApp,
} from '@hepuq/core';
import { asCatalogError } from './render/catalog-error.js';
import { formatPluginList, listPlugins } from './commands/plugins.command.js';
import { envPlugins, isPathRef, resolvePlugins, type PluginRequest } from './plugin-resolver.js';
import { exportCommand } from './commands/export.command.js';
import { predictCommand } from './commands/predict.command.js';
import { locateSavedRun, type SavedRun } from './saved/saved-run.js';
import { terminalProgressSink } from './render/progress-renderer.js';
import { executeRun } from './run/execute-run.js';
import { localArtifactStore } from './run/local-artifact-store.js';
import { readRunConfig } from './run/parse-run-config.js';
import type { RunConfig } from './run/run-config.js';
import { CLI_VERSION } from './version.js';
import { scanArgv } from './scan-argv.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  tty: boolean;
  /** Aborted on SIGINT/SIGTERM (reason: the signal's name): long work stops cleanly. */
  signal?: AbortSignal;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  tty: Boolean(process.stderr.isTTY),
};

interface GlobalOptions {
  backend?: string;
  seed?: string;
  json?: boolean;
  debug?: boolean;
  out?: string;
  plugin?: string[];
}

interface RunCommandOptions {
  overwrite?: boolean;
  checkpointEvery?: string;
  resume?: boolean;
}

/**
 * Run the CLI on `argv` (without the node and script entries) and return the exit code: 0 on
 * success; 2 with a catalog error (code, message, hint) for user errors; 130/143 when interrupted
 * by SIGINT/SIGTERM; 1 for internal faults (a bug: the message says where to report it, and the
 * stack is printed only with --debug). Under --json every error is one JSON line on stderr.
 * @example process.exitCode = await main(process.argv.slice(2))
 */
export async function main(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const scan = scanArgv(argv);
  const globals: GlobalOptions = { backend: scan.value('backend'), seed: scan.value('seed'), json: scan.has('json'), debug: scan.has('debug') };
  let app: HepuqApp | undefined;
  try {
    // one app per invocation: the first-party plugins, the run config's, --plugin's and HEPUQ_PLUGINS'
    const config = scan.command === 'run' && scan.operand && !scan.has('help') ? await readRunConfig(scan.operand) : undefined;
    // predict and export load the saved run's plugins (those named by package) and take its seed
    const saved = (scan.command === 'predict' || scan.command === 'export') && scan.operand && !scan.has('help') ? locateSavedRun(scan.operand) : undefined;
    const requests: PluginRequest[] = [
      ...(config?.plugins ?? []).map((ref) => ({ ref, baseDir: dirname(scan.operand!) })),
      ...(saved?.config?.plugins ?? []).filter((ref) => !isPathRef(typeof ref === 'string' ? ref : ref.name)).map((ref) => ({ ref, baseDir: process.cwd() })),
      ...scan.values('plugin').map((ref) => ({ ref, baseDir: process.cwd() })),
      ...envPlugins(env).map((ref) => ({ ref, baseDir: process.cwd() })),
    ];
    app = await createHepuq({
      plugins: await resolvePlugins(requests),
      backend: globals.backend ?? config?.backend,
      seed: globals.seed !== undefined ? seedOf(globals) : (config?.seed ?? saved?.seed),
      host: '@hepuq/cli',
      services: [
        { token: ArtifactStoreToken, value: localArtifactStore },
        { token: ProgressSinkToken, value: terminalProgressSink({ json: Boolean(globals.json), tty: io.tty, out: io.out, err: io.err }) },
      ],
    });
    let exitCode = 0;
    const program = buildProgram(app, { config, saved }, io, (code) => (exitCode = code));
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    return reportError(e, io, globals);
  } finally {
    app?.dispose();
  }
}

/** What main read before building the app: `run`'s config, or the saved run of `predict` and `export`. */
interface PreRead {
  config?: RunConfig;
  saved?: SavedRun;
}

function buildProgram(app: HepuqApp, { config, saved }: PreRead, io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('hepuq')
    .description('Calibrated uncertainties for machine learning in particle physics')
    .version(CLI_VERSION)
    .option('--backend <name>', 'tensor backend: wasm | cpu | tensorflow | tensorflow-gpu (default: automatic; env HEPUQ_BACKEND)')
    .option('--seed <n>', 'run seed (overrides the config)')
    .option('--json', 'machine-readable output: JSON lines of events, one JSON result object')
    .option('--debug', 'print the stack trace of internal errors')
    .option('--out <path>', 'run: parent directory of run outputs (default runs); predict, export: the file to write', 'runs')
    .option('--plugin <name-or-dir>', 'load a plugin by package name or directory (repeatable; env HEPUQ_PLUGINS, comma-separated)', (v: string, all: string[] = []) => [...all, v])
    .exitOverride()
    // commander's own error lines are replaced by catalog errors (reportError), so --json stays JSON
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()), outputError: () => undefined });
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('run <config>')
    .description('run a config (YAML/JSON): fit, predict, metrics, report into <out>/<name>/')
    .option('--overwrite', 'replace an earlier hepuq run of the same name (kept otherwise)')
    .option('--checkpoint-every <epochs>', 'save training checkpoints every <epochs> epochs, for --resume')
    .option('--resume', 'continue an interrupted run from its last checkpoint (same config, seed and backend)')
    .action(async (_configPath: string, runOptions: RunCommandOptions) => {
      const g = globals();
      const checkpointEvery = positiveInt(runOptions.checkpointEvery, '--checkpoint-every');
      if (!config) throw new HepuqError('InternalError', 'the run config was not read before the app was built');
      await withProgress(app, async () => {
        const result = await executeRun(app, { ...config, seed: app.seed }, {
          outRoot: g.out, overwrite: runOptions.overwrite, resume: runOptions.resume, checkpointEvery, signal: io.signal,
        });
        if (g.json) io.out(JSON.stringify({ outDir: result.outDir, metrics: result.metrics, backend: app.backend.name }));
        else {
          io.out(`run ${config.name} (backend ${app.backend.name}, seed ${app.seed}) -> ${result.outDir}`);
          for (const [k, v] of Object.entries(result.metrics)) io.out(`  ${k.padEnd(14)} ${measurementText(v.value, v.error)}`);
        }
      });
    });

  /** `--out` names a file for predict and export: given explicitly, never the runs/ default. */
  const outFile = (command: string): string => {
    if (program.getOptionValueSource('out') !== 'cli') throw new HepuqError('InvalidCommandLine', `${command} needs --out <file>`);
    return globals().out!;
  };
  const savedRun = (): SavedRun => {
    if (!saved) throw new HepuqError('InternalError', 'the saved run was not located before the app was built');
    return saved;
  };

  program
    .command('predict <dir>')
    .description('apply a saved model (a run directory or its model/) to new data; writes the columns of the run\'s predictions.csv to --out <file>')
    .requiredOption('--data <source>', 'a data file (read with the run\'s columns), an inline data source \'{path: f.csv, features: [x]}\', or a YAML file holding one')
    .option('--replicas <n>', 'coherent replicas to add as replica_<r> columns (default: the run\'s replicas)')
    .action(async (_dir: string, opts: { data: string; replicas?: string }) => {
      const summary = await withProgress(app, () => predictCommand(app, { saved: savedRun(), data: opts.data, out: outFile('predict'), replicas: nonNegativeInt(opts.replicas, '--replicas') }));
      io.out(globals().json ? JSON.stringify(summary) : `predicted ${summary.events} events with ${summary.method} -> ${summary.out} (${summary.columns.length} columns)`);
    });

  program
    .command('export <dir>')
    .description('write a saved model (a run directory or its model/) as a graph file for other runtimes, e.g. ONNX, to --out <file>')
    .option('--format <key>', 'exporter: onnx (`hepuq plugins` lists the exporters)', 'onnx')
    .option('--replicas <n>', 'as predict --replicas: the draws of a Bayesian model held in the graph (default: the run\'s replicas)')
    .action(async (_dir: string, opts: { format: string; replicas?: string }) => {
      const summary = await withProgress(app, () => exportCommand(app, { saved: savedRun(), format: opts.format, out: outFile('export'), replicas: nonNegativeInt(opts.replicas, '--replicas') }));
      if (globals().json) io.out(JSON.stringify(summary));
      else {
        io.out(`exported ${summary.method} as ${summary.format} -> ${summary.out}`);
        for (const t of summary.inputs) io.out(`  input  ${t.name} [${t.shape.join(', ')}]: ${t.description}`);
        for (const t of summary.outputs) io.out(`  output ${t.name} [${t.shape.join(', ')}]: ${t.description}`);
      }
    });

  program
    .command('plugins')
    .description('list loaded plugins, every registered key by kind with its owner, and who provides each service')
    .action(() => {
      const list = listPlugins(app);
      io.out(globals().json ? JSON.stringify(list) : formatPluginList(list));
    });

  for (const { value } of app.registries.commands.entries()) addRegistryCommand(program, value, { app, io, globals, setExitCode });
  return program;
}

/** Mount a command contributed through the registry (core statistics, inference, plugins). */
interface MountContext {
  app: HepuqApp;
  io: CliIo;
  globals: () => GlobalOptions;
  setExitCode: (code: number) => void;
}

function addRegistryCommand(program: Command, def: CommandDefinition, { app, io, globals, setExitCode }: MountContext): void {
  const args = (def.arguments ?? []).map((a) => (a.required === false ? `[${a.name}]` : `<${a.name}>`)).join(' ');
  const cmd = program.command(`${def.name}${args ? ` ${args}` : ''}`).description(def.description);
  for (const o of def.options) cmd.option(o.flags, o.description, o.default as string | boolean | undefined);
  cmd.action(async (...params: unknown[]) => {
    const command = params[params.length - 1] as Command;
    const positional = command.args;
    const opts = command.opts();
    const json = Boolean(globals().json) || Boolean(opts.json);
    for (const o of def.options) {
      const value = opts[command.options.find((c) => c.flags === o.flags)?.attributeName() ?? ''];
      if (o.output === 'directory' && typeof value === 'string') await checkOutputDir(value, o.flags.split(' ')[0]);
    }
    const code = await def.run(positional, { ...opts, json }, {
      services: app.services, events: app.events, rng: app.rng, print: io.out, json,
      writeReport: (dir, doc) => app.services.resolve(ReportWriterToken)(dir, doc), signal: io.signal,
    });
    setExitCode(typeof code === 'number' ? code : 0);
  });
}

/** Run `work` with the app's progress sink showing its events (progress bars, warnings). */
async function withProgress<T>(app: HepuqApp, work: () => Promise<T>): Promise<T> {
  const detach = app.services.resolve(ProgressSinkToken).attach(app.events);
  try {
    return await work();
  } finally {
    detach();
  }
}

function seedOf(g: GlobalOptions): number | undefined {
  if (g.seed === undefined) return undefined;
  const seed = Number(g.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new HepuqError('InvalidCommandLine', `--seed must be a non-negative integer, got "${g.seed}"`);
  return seed;
}

function nonNegativeInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new HepuqError('InvalidCommandLine', `${flag} must be a non-negative integer, got "${value}"`);
  return n;
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new HepuqError('InvalidCommandLine', `${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** Render any failure as one catalog error (JSON under --json) and choose the exit code. */
function reportError(e: unknown, io: CliIo, globals: GlobalOptions): number {
  const code = (e as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
  if (code === 'commander.help') return 2; // no command given: the help went to stderr already
  const error = asCatalogError(e);
  if (error.code === 'Interrupted' && typeof io.signal?.reason === 'string') error.message += ` (${io.signal.reason})`;
  io.err(globals.json ? JSON.stringify({ error: error.toJSON() }) : error.format());
  if (globals.debug) {
    // the whole chain: a plugin's error arrives wrapped (attributed), its own stack is the cause's
    for (let c: unknown = e, depth = 0; c !== undefined && depth < 8; c = (c as Error).cause, depth++) {
      io.err(`${depth ? 'caused by: ' : ''}${(c as Error)?.stack ?? String(c)}`);
    }
  }
  if (error.code === 'InternalError') return 1;
  if (error.code === 'Interrupted') return io.signal?.reason === 'SIGTERM' ? 143 : 130;
  return 2;
}
