import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ioError } from './io-error.js';

/**
 * Write a file atomically by streaming into a temp file beside it and renaming it over `path`, so a
 * large output never has to sit in memory and readers never see it half-written.
 * @example await writeStreamAtomic('preds.csv', async (fh) => { await fh.write('a,b\n') })
 */
export async function writeStreamAtomic(path: string, fill: (handle: FileHandle) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  let handle: FileHandle | undefined;
  try {
    await mkdir(dirname(path), { recursive: true });
    handle = await open(tmp, 'w');
    await fill(handle);
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw ioError('OutputWriteFailed', `cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
}
