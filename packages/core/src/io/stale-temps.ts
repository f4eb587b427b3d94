import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** `.<name>.<tag>-<pid>-<8 hex>`: the one shape of every temp entry hepuq makes beside an output. */
const TEMP_NAME = /^\.(.+)\.(tmp|old)-(\d+)-[0-9a-f]{8}$/;

/**
 * A hidden sibling of `path` for a temp file (`tmp`) or a directory moved aside (`old`), named
 * with this process's id so a later process can tell whether its owner is still alive.
 */
export function tempSibling(path: string, tag: 'tmp' | 'old'): string {
  return join(dirname(path), `.${basename(path)}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Whether process `pid` exists (EPERM: it exists but belongs to another user). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Clean up after hepuq processes that died mid-write in `dir` (SIGKILL, power loss): remove their
 * temp entries, and move a directory they had set aside during a swap back into place when nothing
 * took its place. Entries of live processes are left alone. Best effort: never throws.
 * @example await sweepStaleTemps('runs')
 */
export async function sweepStaleTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || processAlive(Number(m[3]))) continue;
    const path = join(dir, name);
    if (m[2] === 'old' && !(await exists(join(dir, m[1])))) {
      await rename(path, join(dir, m[1])).catch(() => undefined);
      continue;
    }
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}
