import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWNER_MARKER, writeDirAtomic, writeFileAtomic } from './atomic-write.js';
import { checkOutputDir } from './check-output-dir.js';
import { fileSystemError } from './fs-error.js';
import { acquireOutputLock } from './output-lock.js';
import { sweepStaleTemps } from './stale-temps.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hepuq-atomic-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** The pid of a process that has exited (so temp entries named with it count as stale). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

const fill = (text: string) => async (tmp: string) => writeFile(join(tmp, 'a.txt'), text);

describe('writeDirAtomic', () => {
  it('marks what it writes and replaces only its own kind, and only when allowed', async () => {
    const out = join(dir, 'run');
    await writeDirAtomic(out, fill('one'), { kind: 'run' });
    expect(JSON.parse(await readFile(join(out, OWNER_MARKER), 'utf8')).kind).toBe('run');
    await writeDirAtomic(out, fill('two'), { kind: 'run' });
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('two');
    await expect(writeDirAtomic(out, fill('three'), { kind: 'run', replace: false })).rejects.toMatchObject({ code: 'OutputExists' });
    await expect(writeDirAtomic(out, fill('three'), { kind: 'model' })).rejects.toMatchObject({ code: 'OutputExists', message: expect.stringContaining('holds a hepuq run') });
    expect(await readFile(join(out, 'a.txt'), 'utf8')).toBe('two');
    expect((await readdir(dir)).sort()).toEqual(['run']);
  });

  it('never replaces a directory or file it did not write; an empty directory is fair game', async () => {
    await mkdir(join(dir, 'mine'));
    await writeFile(join(dir, 'mine', 'thesis.tex'), 'precious');
    await expect(writeDirAtomic(join(dir, 'mine'), fill('x'), { kind: 'run' })).rejects.toMatchObject({ code: 'OutputExists', message: expect.stringContaining('not written by hepuq') });
    await writeFile(join(dir, 'file'), 'precious');
    await expect(writeDirAtomic(join(dir, 'file'), fill('x'), { kind: 'run' })).rejects.toMatchObject({ code: 'OutputExists', message: expect.stringContaining('not a directory') });
    await mkdir(join(dir, 'empty'));
    await writeDirAtomic(join(dir, 'empty'), fill('x'), { kind: 'run' });
    expect(await readFile(join(dir, 'mine', 'thesis.tex'), 'utf8')).toBe('precious');
    expect(await readFile(join(dir, 'file'), 'utf8')).toBe('precious');
    expect((await readdir(dir)).sort()).toEqual(['empty', 'file', 'mine']);
  });

  it('fails with OutputWriteFailed naming the cause when a parent is a file, leaving nothing behind', async () => {
    await writeFile(join(dir, 'f'), 'x');
    await expect(writeDirAtomic(join(dir, 'f', 'run'), fill('x'), { kind: 'run' })).rejects.toMatchObject({ code: 'OutputWriteFailed', message: expect.stringContaining('is a file') });
    await expect(writeFileAtomic(join(dir, 'f', 'a.json'), '{}')).rejects.toMatchObject({ code: 'OutputWriteFailed', message: expect.stringContaining('is a file') });
    expect(await readdir(dir)).toEqual(['f']);
  });
});

describe('sweepStaleTemps', () => {
  it('removes temp entries of dead processes, restores a directory set aside mid-swap, leaves live ones', async () => {
    const dead = deadPid();
    await mkdir(join(dir, `.run.tmp-${dead}-0123abcd`));
    await mkdir(join(dir, `.gone.old-${dead}-0123abcd`));
    await writeFile(join(dir, `.gone.old-${dead}-0123abcd`, 'a.txt'), 'old run');
    await writeFile(join(dir, `.m.json.tmp-${dead}-deadbeef`), 'half');
    await mkdir(join(dir, `.live.tmp-${process.pid}-0123abcd`));
    await mkdir(join(dir, '.not-ours'));
    await sweepStaleTemps(dir);
    expect((await readdir(dir)).sort()).toEqual([`.live.tmp-${process.pid}-0123abcd`, '.not-ours', 'gone']);
    expect(await readFile(join(dir, 'gone', 'a.txt'), 'utf8')).toBe('old run');
  });
});

describe('acquireOutputLock', () => {
  it('lets one holder in, refuses a second, and takes over a lock whose process died', async () => {
    const path = join(dir, '.run.lock');
    const lock = await acquireOutputLock(path, 'run "x"');
    await expect(acquireOutputLock(path, 'run "x"')).rejects.toMatchObject({ code: 'OutputLocked', message: expect.stringContaining(`process ${process.pid}`) });
    await lock.assertHeld();
    await lock.release();
    await writeFile(path, JSON.stringify({ pid: deadPid(), token: 'old', startedAt: 'then' }));
    const next = await acquireOutputLock(path, 'run "x"');
    await next.assertHeld();
    // someone else takes the lock over: the old holder must notice before it commits anything
    await writeFile(path, JSON.stringify({ pid: process.pid, token: 'other', startedAt: 'now' }));
    await expect(next.assertHeld()).rejects.toMatchObject({ code: 'OutputLocked' });
    await next.release();
    expect(await readdir(dir)).toEqual(['.run.lock']); // not ours any more: left for its holder
  });
});

describe('file-system errors', () => {
  it('turn every errno into a catalog error with a specific hint', () => {
    for (const [errno, words] of [['ENOSPC', 'disk is full'], ['EACCES', 'Permission denied'], ['EROFS', 'read-only'], ['ENOTDIR', 'is a file'], ['EEXIST', 'already exists']]) {
      const e = Object.assign(new Error(`${errno}: oops, open '/x'`), { code: errno });
      const err = fileSystemError(e, 'write', '/x/y');
      expect(err.code).toBe('OutputWriteFailed');
      expect(err.message).toContain(`cannot write /x/y: ${errno}`);
      expect(err.hint).toContain(words);
    }
  });

  it('checkOutputDir accepts a creatable path and refuses files, creating nothing', async () => {
    await checkOutputDir(join(dir, 'a', 'b'), '--out');
    await writeFile(join(dir, 'f'), 'x');
    await expect(checkOutputDir(join(dir, 'f'), '--out')).rejects.toMatchObject({ code: 'OutputWriteFailed', message: expect.stringContaining('is a file') });
    await expect(checkOutputDir(join(dir, 'f', 'sub'), '--report')).rejects.toMatchObject({ code: 'OutputWriteFailed', message: expect.stringContaining('--report') });
    expect(await readdir(dir)).toEqual(['f']);
  });
});
