import { constants } from 'node:fs';
import { access, lstat, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { HepuqError } from '../errors/hepuq-error.js';
import { errnoOf, fileSystemError } from './fs-error.js';

/**
 * Check, before any work, that a directory can be written at `dir`: it is a directory or can be
 * created (its nearest existing ancestor is a writable directory). Creates nothing, so a command
 * that fails later leaves no empty directory behind. `what` names the option in messages.
 * @example await checkOutputDir(options.report, '--report')
 */
export async function checkOutputDir(dir: string, what: string): Promise<void> {
  let path = resolve(dir);
  for (;;) {
    let stat;
    try {
      stat = await lstat(path);
    } catch (e) {
      if (errnoOf(e) !== 'ENOENT' && errnoOf(e) !== 'ENOTDIR') throw fileSystemError(e, `use ${what}`, dir);
      const parent = dirname(path);
      if (parent === path) throw new HepuqError('OutputWriteFailed', `${what} ${dir}: no part of the path exists`);
      path = parent;
      continue;
    }
    if (!stat.isDirectory()) {
      const which = path === resolve(dir) ? 'is a file, not a directory' : `cannot be created: ${path} is a file, not a directory`;
      throw new HepuqError('OutputWriteFailed', `${what} ${dir} ${which}`, { hint: 'Choose a directory path whose parents are directories.' });
    }
    try {
      await access(path, constants.W_OK | constants.X_OK);
    } catch (e) {
      throw fileSystemError(e, `write into ${what}`, path === resolve(dir) ? dir : `${dir} (its existing parent ${path})`);
    }
    return;
  }
}

/**
 * `checkOutputDir`, then create the directory (and its parents): every failure is a catalog error
 * naming `what` and the path.
 * @example await ensureOutputDir('runs', '--out')
 */
export async function ensureOutputDir(dir: string, what: string): Promise<void> {
  await checkOutputDir(dir, what);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw fileSystemError(e, `create ${what}`, dir);
  }
}
