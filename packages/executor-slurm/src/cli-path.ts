import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from './plugin-meta.js';

const CLI_PACKAGE = '@hepuq/cli';

function packageName(dir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/** The directory of the @hepuq/cli package holding `file`, if any. */
function cliPackageOf(file: string): string | undefined {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return packageName(dir) === CLI_PACKAGE ? dir : undefined;
  }
  return undefined;
}

/** @hepuq/cli's executable in an installation found from `base` upwards, as Node looks up packages. */
function installedCli(base: string): string | undefined {
  for (let dir = resolve(base); ; dir = dirname(dir)) {
    const root = join(dir, 'node_modules', CLI_PACKAGE);
    if (existsSync(join(root, 'package.json'))) {
      const bin = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string> }).bin?.hepuq ?? 'bin/hepuq.js';
      const file = join(root, bin);
      if (existsSync(file)) return realpathSync(file);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The hepuq CLI the array's tasks run: `configured` when given; else the script this process runs
 * when it is the CLI (`hepuq run`); else the @hepuq/cli installed above the working directory or
 * this package. Resolved to a real path, which the compute nodes must see at the same place (a
 * project on the shared file system). None found: an `InvalidConfig` error asking for `cli`.
 * @example hepuqCliPath(undefined) // '/home/alice/project/node_modules/@hepuq/cli/bin/hepuq.js'
 */
export function hepuqCliPath(configured: string | undefined): string {
  if (configured) return resolve(configured);
  const running = process.argv[1] ? realpathOr(process.argv[1]) : undefined;
  if (running && cliPackageOf(running)) return running;
  const found = installedCli(process.cwd()) ?? installedCli(fileURLToPath(new URL('.', import.meta.url)));
  if (found) return found;
  throw new HepuqError('InvalidConfig', 'executor "slurm": cannot find the hepuq CLI for the array\'s tasks (@hepuq/cli is not installed above the working directory)', {
    plugin: PLUGIN_NAME,
    hint: 'Install @hepuq/cli in the project, or give its executable as executor.options.cli (a path the compute nodes see, e.g. /home/alice/project/node_modules/@hepuq/cli/bin/hepuq.js).',
  });
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
