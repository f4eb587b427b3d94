import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HepuqError } from '../errors/hepuq-error.js';
import { ensureOutputDir } from './check-output-dir.js';
import { errnoOf, fileSystemError } from './fs-error.js';
import { sweepStaleTemps, tempSibling } from './stale-temps.js';

/** The file that marks a directory as written by hepuq, and with what (`run`, `model`, ...). */
export const OWNER_MARKER = '.hepuq';

export interface WriteDirOptions {
  /** What the directory holds; stored in its marker, and required of any directory it replaces. */
  kind: string;
  /** Whether an existing directory of the same kind may be replaced (default true). */
  replace?: boolean;
  /** Runs just before the swap (e.g. to check a lock is still held); throwing aborts the write. */
  beforeSwap?: () => Promise<void>;
}

/**
 * Write a file atomically: write a temp file beside it, then rename over the target, so readers
 * never see a half-written file. Every failure is an `OutputWriteFailed` naming the path.
 * @example await writeFileAtomic('runs/demo/metrics.json', JSON.stringify(metrics))
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempSibling(path, 'tmp');
  await ensureOutputDir(dirname(path), 'output directory');
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await removeQuietly(tmp);
    throw fileSystemError(e, 'write', path);
  }
}

/**
 * Build a directory atomically: `fill` writes into a temp directory beside `dir`, the owner marker
 * goes in last, and the temp directory then takes `dir`'s place. If anything fails, nothing is left
 * behind and an existing `dir` is untouched. An existing `dir` is replaced only if hepuq wrote it
 * with the same `kind` (or it is empty), and only when `replace` allows: anything else is an
 * `OutputExists` error, so a mistyped path can never delete a user's directory. During the swap the
 * old directory is moved aside first; a process killed between the two renames leaves it aside,
 * and the next write in the same parent puts it back (`sweepStaleTemps`).
 * @example await writeDirAtomic('runs/demo/model', async (tmp) => { await writeFile(join(tmp, 'model.json'), json) }, { kind: 'model' })
 */
export async function writeDirAtomic(dir: string, fill: (tmpDir: string) => Promise<void>, options: WriteDirOptions): Promise<void> {
  const replace = options.replace ?? true;
  await ensureOutputDir(dirname(dir), 'output directory');
  await sweepStaleTemps(dirname(dir));
  await assertReplaceable(dir, options.kind, replace);
  const tmp = tempSibling(dir, 'tmp');
  try {
    await mkdir(tmp);
    await fill(tmp);
    await writeFile(join(tmp, OWNER_MARKER), JSON.stringify({ kind: options.kind, createdAt: new Date().toISOString() }));
    await options.beforeSwap?.();
    await assertReplaceable(dir, options.kind, replace);
  } catch (e) {
    await removeQuietly(tmp);
    throw errnoOf(e) ? fileSystemError(e, 'write', dir) : e;
  }
  await swapIn(tmp, dir);
}

/**
 * Fail with `OutputExists` unless `dir` is absent, empty, or (when `replace`) a directory hepuq
 * wrote with this `kind`. Exported so callers can check before long work, not only at the end.
 */
export async function assertReplaceable(dir: string, kind: string, replace: boolean): Promise<void> {
  const state = await ownerOf(dir);
  if (state === 'absent' || state === 'empty') return;
  if (state === 'not-a-directory') throw new HepuqError('OutputExists', `${dir} exists and is not a directory; refusing to replace it`);
  if (state === 'foreign') throw new HepuqError('OutputExists', `${dir} exists and was not written by hepuq (no ${OWNER_MARKER} marker); refusing to replace it`, { hint: 'hepuq replaces only directories it created. Choose another name or output directory.' });
  if (state !== kind) throw new HepuqError('OutputExists', `${dir} holds a hepuq ${state}, not a ${kind}; refusing to replace it`);
  if (!replace) throw new HepuqError('OutputExists', `${dir} already holds a ${kind}`);
}

/** What is at `dir`: nothing, an empty directory, a hepuq directory of some kind, or something else. */
export async function ownerOf(dir: string): Promise<'absent' | 'empty' | 'not-a-directory' | 'foreign' | string> {
  let stat;
  try {
    stat = await lstat(dir);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return 'absent';
    throw fileSystemError(e, 'inspect', dir);
  }
  if (!stat.isDirectory()) return 'not-a-directory';
  try {
    const marker = JSON.parse(await readFile(join(dir, OWNER_MARKER), 'utf8')) as { kind?: unknown };
    return typeof marker.kind === 'string' && marker.kind ? marker.kind : 'foreign';
  } catch {
    const entries = await readdir(dir).catch((e: unknown) => {
      throw fileSystemError(e, 'inspect', dir);
    });
    return entries.length === 0 ? 'empty' : 'foreign';
  }
}

/** Move `dir` aside, rename `tmp` into its place, drop the old copy; undo on failure. */
async function swapIn(tmp: string, dir: string): Promise<void> {
  const aside = tempSibling(dir, 'old');
  let movedAside = false;
  try {
    try {
      await rename(dir, aside);
      movedAside = true;
    } catch (e) {
      if (errnoOf(e) !== 'ENOENT') throw e;
    }
    await rename(tmp, dir);
  } catch (e) {
    if (movedAside) await rename(aside, dir).catch(() => undefined);
    await removeQuietly(tmp);
    throw fileSystemError(e, `move the output into`, dir);
  }
  if (movedAside) await removeQuietly(aside);
}

/** Best-effort cleanup that never hides the error being handled. */
export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true }).catch(() => undefined);
}
