import { randomBytes } from 'node:crypto';
import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { HepuqError } from '../errors/hepuq-error.js';
import { errnoOf, fileSystemError } from './fs-error.js';
import { processAlive } from './stale-temps.js';

/** A lock file held by this process; `assertHeld` before committing output, `release` at the end. */
export interface OutputLock {
  readonly path: string;
  assertHeld(): Promise<void>;
  release(): Promise<void>;
}

interface LockRecord {
  pid: number;
  token: string;
  startedAt: string;
}

/** A lock file younger than this with unreadable content is being written by its owner right now. */
const FRESH_MS = 5_000;

/**
 * Take the lock file `path` (created exclusively) so that two processes writing the same output
 * cannot interleave: the second fails with `OutputLocked` naming the holder's pid. A lock left by a
 * dead process (SIGKILL) is taken over. Taking over races only with another taker; the loser sees a
 * token that is not its own at `assertHeld` and fails cleanly before writing anything.
 * @example const lock = await acquireOutputLock('runs/.demo.lock', 'run "demo"'); try { ... await lock.assertHeld() } finally { await lock.release() }
 */
export async function acquireOutputLock(path: string, what: string): Promise<OutputLock> {
  const record: LockRecord = { pid: process.pid, token: randomBytes(8).toString('hex'), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, JSON.stringify(record), { flag: 'wx' });
      return heldLock(path, what, record.token);
    } catch (e) {
      if (errnoOf(e) !== 'EEXIST') throw fileSystemError(e, 'create the lock file', path);
    }
    const holder = await readLock(path);
    if (holder === 'gone') continue;
    if (holder === 'fresh' || (holder !== 'stale' && processAlive(holder.pid))) {
      const who = typeof holder === 'object' ? `process ${holder.pid} (since ${holder.startedAt})` : 'another process';
      throw new HepuqError('OutputLocked', `${what} is being written by ${who}; lock file ${path}`);
    }
    await unlink(path).catch(() => undefined);
  }
  throw new HepuqError('OutputLocked', `${what}: could not take the lock file ${path} after 3 attempts (other processes keep taking it)`);
}

function heldLock(path: string, what: string, token: string): OutputLock {
  let released = false;
  return {
    path,
    async assertHeld() {
      const holder = await readLock(path);
      if (typeof holder !== 'object' || holder.token !== token) {
        throw new HepuqError('OutputLocked', `${what}: another process took over the lock file ${path}; this run writes nothing`);
      }
    },
    async release() {
      if (released) return;
      released = true;
      const holder = await readLock(path);
      if (typeof holder === 'object' && holder.token === token) await unlink(path).catch(() => undefined);
    },
  };
}

/** The lock's record; `gone` if it vanished, `fresh`/`stale` if its content cannot be read (yet). */
async function readLock(path: string): Promise<LockRecord | 'gone' | 'fresh' | 'stale'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return 'gone';
    throw fileSystemError(e, 'read the lock file', path);
  }
  try {
    const r = JSON.parse(text) as LockRecord;
    if (Number.isInteger(r.pid) && typeof r.token === 'string') return r;
  } catch {
    // a lock being written right now, or garbage: decide by age below
  }
  const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => Infinity);
  return age < FRESH_MS ? 'fresh' : 'stale';
}
