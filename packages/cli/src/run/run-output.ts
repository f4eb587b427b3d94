import { createHash } from 'node:crypto';
import { lstat, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  acquireOutputLock, assertReplaceable, DirCheckpoints, ensureOutputDir, HepuqError, sweepStaleTemps, writeFileAtomic,
  type Events, type OutputLock,
} from '@hepuq/core';

/** Marker kind of run directories: only a directory marked so is ever replaced by a run. */
export const RUN_KIND = 'run';

/** How `hepuq run` treats its output: replace an earlier run, checkpoint, resume. */
export interface RunOutputOptions {
  /** Replace an earlier hepuq run of the same name (kept otherwise: OutputExists). */
  overwrite?: boolean;
  /** Save training checkpoints every this many epochs. */
  checkpointEvery?: number;
  /**
   * Continue from the checkpoints of an interrupted run with the same config, seed and backend
   * (a checkpoint of another run is an error; no checkpoint at all starts from the beginning).
   */
  resume?: boolean;
}

/** A run's claim on `<outRoot>/<name>`: the lock, and the checkpoints when asked for. */
export interface RunOutput {
  outDir: string;
  lock: OutputLock;
  checkpoints?: DirCheckpoints;
  /** The run finished and its directory is in place: drop its checkpoints. */
  complete(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Everything about the output that can fail, checked before any work: `outRoot` is (or can be) a
 * writable directory; `<outRoot>/<name>` is absent, or an earlier hepuq run and `overwrite` is set;
 * no other process writes the same run (lock file `.<name>.lock`); leftovers of killed runs are
 * swept. With checkpointing, `.<name>.checkpoint/` holds the loops' states and a fingerprint of
 * config, seed and backend that `resume` must match.
 */
export async function claimRunOutput(outRoot: string, name: string, fingerprint: unknown, options: RunOutputOptions, events: Events): Promise<RunOutput> {
  const root = resolve(outRoot);
  await ensureOutputDir(root, '--out');
  await sweepStaleTemps(root);
  const outDir = join(root, name);
  await assertReplaceable(outDir, RUN_KIND, options.overwrite ?? false).catch((e: unknown) => {
    if (e instanceof HepuqError && e.code === 'OutputExists' && !options.overwrite) {
      throw new HepuqError('OutputExists', `${e.message}; it is kept`, { hint: 'Pass --overwrite to replace it (it is moved aside first and deleted only once the new run is in place), or choose another name.' });
    }
    throw e;
  });
  const lock = await acquireOutputLock(join(root, `.${name}.lock`), `run "${name}" in ${root}`);
  try {
    const checkpointDir = join(root, `.${name}.checkpoint`);
    const checkpoints = await openCheckpoints(checkpointDir, fingerprint, options, events);
    return {
      outDir,
      lock,
      checkpoints,
      complete: () => rm(checkpointDir, { recursive: true, force: true }).catch(() => undefined),
      release: () => lock.release(),
    };
  } catch (e) {
    await lock.release();
    throw e;
  }
}

interface CheckpointManifest {
  fingerprint: string;
  every: number;
}

async function openCheckpoints(dir: string, fingerprint: unknown, options: RunOutputOptions, events: Events): Promise<DirCheckpoints | undefined> {
  const hash = createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex');
  const manifestPath = join(dir, 'run.json');
  const exists = await lstat(dir).then(() => true, () => false);
  if (options.resume && exists) {
    let manifest: CheckpointManifest;
    try {
      manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as CheckpointManifest;
    } catch (e) {
      throw new HepuqError('CheckpointMismatch', `--resume: ${manifestPath} cannot be read (${(e as Error).message}); the checkpoint is incomplete`, { hint: 'Start afresh without --resume (the incomplete checkpoint is then discarded).' });
    }
    if (manifest.fingerprint !== hash) {
      throw new HepuqError('CheckpointMismatch', `--resume: the checkpoint at ${dir} was written by a run with another config, seed or backend`);
    }
    return new DirCheckpoints(dir, options.checkpointEvery ?? manifest.every);
  }
  // the same command line starts a run and restarts it (e.g. a requeued batch job): nothing to resume is no error
  if (options.resume) events.emit('log:warn', { message: `--resume: no checkpoint at ${dir}; starting from the beginning` }, 'run');
  if (exists) await rm(dir, { recursive: true, force: true });
  if (options.checkpointEvery === undefined) return undefined;
  await ensureOutputDir(dir, 'the checkpoint directory');
  await writeFileAtomic(manifestPath, JSON.stringify({ fingerprint: hash, every: options.checkpointEvery } satisfies CheckpointManifest));
  return new DirCheckpoints(dir, options.checkpointEvery);
}
