import type { Services } from '../di/services.js';
import type { Events } from '../events/event-bus.js';
import type { Rng } from '../random/rng.js';
import type { ReportWriter } from '../report-section.js';

export interface CommandOption {
  /** Commander-style flags, e.g. `--input <file>` or `--json`. */
  flags: string;
  description: string;
  default?: string | boolean;
  /**
   * The option names a directory the command writes (e.g. `--report <dir>`): the CLI checks that it
   * is, or can be created as, a writable directory before the command runs, so a bad path fails
   * before any work with a catalog error.
   */
  output?: 'directory';
}

export interface CommandContext {
  /** The app's services: `services.resolve(RegistriesToken)` for formats, metrics, methods, ... */
  services: Services;
  /** The event stream, scoped to the command's plugin. */
  events: Events;
  /** The command's seeded generator (forked from the run seed by the command name). */
  rng: Rng;
  /** Write a line to standard output (the CLI may capture it). */
  print(line: string): void;
  json: boolean;
  /** Render a report directory (provided by the CLI through @hepuq/report). */
  writeReport: ReportWriter;
  /**
   * Aborted when the user asks the command to stop (the CLI's first SIGINT/SIGTERM): a long-running
   * command (a queue worker, a scan) finishes its current step and returns.
   */
  signal?: AbortSignal;
}

/**
 * A CLI sub-command contributed by core or a plugin (`hepuq <name> ...`). `run` returns the exit code.
 * Commands throw HepuqError for user errors; the CLI renders it and exits non-zero.
 */
export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly arguments?: readonly { name: string; description: string; required?: boolean }[];
  readonly options: readonly CommandOption[];
  run(args: string[], options: Record<string, unknown>, ctx: CommandContext): Promise<number | void>;
}
