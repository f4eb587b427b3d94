import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { HepuqError } from '../errors/hepuq-error.js';

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Write a file atomically: write a temp file beside it, then rename over the target, so readers
 * never see a half-written file.
 * @example await writeFileAtomic('runs/demo/metrics.json', JSON.stringify(metrics))
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempName(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new HepuqError('OutputWriteFailed', `cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * Build a directory atomically: `fill` writes into a temp directory which then replaces `dir`.
 * If `fill` throws, nothing is left behind and an existing `dir` is untouched.
 * @example await writeDirAtomic('runs/demo/model', async (tmp) => { await writeFile(join(tmp, 'model.json'), json) })
 */
export async function writeDirAtomic(dir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  const tmp = tempName(dir);
  const old = `${tmp}.old`;
  await mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  try {
    await rename(dir, old).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    await rename(tmp, dir);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw new HepuqError('OutputWriteFailed', `cannot move output into ${dir}: ${(e as Error).message}`, { cause: e });
  }
}
