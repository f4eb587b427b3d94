import { main } from '@hepuq/cli';

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
