import { main } from '@hepuq/cli';
import { expect } from 'vitest';

/** What an in-process CLI call returned: exit code, stdout and stderr lines. */
export interface CliResult {
  code: number;
  out: string[];
  err: string[];
}

/**
 * Run the CLI in-process (no build, no child process), capturing its output lines.
 * @example const { code, out } = await hepuqInProcess(['bump-fit', '--counts', path, '--sr', '9:10', '--json'])
 */
export async function hepuqInProcess(args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), tty: false });
  return { code, out, err };
}

/**
 * `hepuqInProcess`, expecting exit code `expectedCode` (the message shows the CLI's output when it differs).
 * @example const { out } = await hepuqExpecting(['predict', runDir, '--data', file, '--out', 'p.csv'])
 */
export async function hepuqExpecting(args: string[], expectedCode = 0): Promise<CliResult> {
  const result = await hepuqInProcess(args);
  expect(result.code, [...result.out, ...result.err].join('\n')).toBe(expectedCode);
  return result;
}
