import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root and the built CLI the worker processes run (tests kill real processes). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_BIN = fileURLToPath(new URL('../../cli/dist/bin.js', import.meta.url));

/** Fail with the build command when the CLI has not been built (`npm test` builds before testing). */
export function assertCliBuilt(): void {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} does not exist: run \`npx tsc -b tsconfig.build.json\` first (\`npm test\` builds before testing)`);
}

/** A `hepuq worker` child process with its output so far. */
export interface WorkerProcess {
  child: ChildProcess;
  /** stdout lines (JSON log entries with --json). */
  lines: string[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (the worker finishes its running tasks) and wait for the exit. */
  stop: () => Promise<void>;
}

/**
 * Start `hepuq worker --json <args>` from the built CLI (its threads load TypeScript task modules,
 * as vitest hands them over, through tsx).
 */
export function startWorkerProcess(args: string[], options: { cwd?: string } = {}): WorkerProcess {
  const child = spawn(process.execPath, [CLI_BIN, 'worker', '--json', ...args], { cwd: options.cwd ?? REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  return {
    child, lines, stderr: () => err, exited,
    stop: async () => {
      process.off('exit', kill);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The JSON log entries of a worker so far. */
export function workerLog(w: WorkerProcess): { event: string; [key: string]: unknown }[] {
  return w.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string });
}

/** Wait until `predicate` holds (polled every 20 ms), or fail after `ms` naming `what`. */
export async function waitFor(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
