import { join } from 'node:path';
import { EventBus, HepuqError, Rng, type CommandContext, type HepuqApp, type ReportDocument } from '@hepuq/core';

/** A command context whose output is captured, and what the command printed and reported. */
export interface CapturedCommand {
  ctx: CommandContext;
  lines: string[];
  reports: { dir: string; doc: ReportDocument }[];
}

/**
 * The context the CLI hands a command, with `print` and `writeReport` captured instead of touching
 * a terminal or disk; services, events and generator come from `app` (without one, every service
 * lookup fails with `MissingService`).
 * @example const { ctx, lines } = captureCommandContext(app, true); await command.run([], { input: 'p.csv' }, ctx);
 */
export function captureCommandContext(app?: HepuqApp, json = false): CapturedCommand {
  const lines: string[] = [];
  const reports: CapturedCommand['reports'] = [];
  const ctx: CommandContext = {
    services: app?.services ?? {
      resolve: (token) => {
        throw new HepuqError('MissingService', `no app: nothing provides ${token.description ?? String(token)}`);
      },
      has: () => false,
    },
    events: app?.events ?? new EventBus(),
    rng: app?.rng ?? new Rng(0),
    json,
    print: (line) => lines.push(line),
    writeReport: async (dir, doc) => {
      reports.push({ dir, doc });
      return [join(dir, 'report.html')];
    },
  };
  return { ctx, lines, reports };
}
