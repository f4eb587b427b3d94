import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HepuqError, isHepuqError, readValueFile, resolveTaskModule, stampPairs, TaskPool, valueBytes, versionDifferences, writeFileAtomic } from '@hepuq/core';
import { PLUGIN_META, PLUGIN_NAME } from '../plugin-meta.js';
import { AttemptRecord, readJsonFile, RunManifest, runDirFiles, writeJsonFile, type TaskFailure } from '../run-dir.js';

/** How one array element ended: done (its result written), or failed (its error file written). */
export type SlurmTaskOutcome = { ok: true; attempt: number } | { ok: false; attempt: number; error: HepuqError };

/**
 * Run task `index` of the run in `dir` (what `hepuq slurm-task` does in each array element): read
 * the manifest, check this node's versions of core, this package and the task's package against the
 * submitter's, resolve the task's module in this node's installation, read its input and attempt,
 * run it on a worker thread of core's `TaskPool` (as the local executor does) with its seed, and
 * write `result-<index>.v8` atomically. A failure writes `error-<index>.json` (its message, the
 * attempt, and a catalog code when it is not the task's own) and is returned, never thrown.
 * @example const outcome = await runSlurmTask('/shared/hepuq/slurm/5e0c1b9a27d4f3e8a6b1', 3)
 */
export async function runSlurmTask(dir: string, index: number): Promise<SlurmTaskOutcome> {
  const runDir = resolve(dir);
  const attempt = (await readJsonFile(join(runDir, runDirFiles.attempt(index)), AttemptRecord).catch(() => undefined))?.attempt ?? 1;
  const pool = new TaskPool('threads');
  try {
    const manifest = await readJsonFile(join(runDir, runDirFiles.manifest), RunManifest);
    if (!manifest) throw new HepuqError('FileUnreadable', `${join(runDir, runDirFiles.manifest)} does not exist: ${runDir} is not a hepuq Slurm run directory, or the store is not shared with this node`, { plugin: PLUGIN_NAME });
    const task = manifest.tasks[index];
    if (!task) throw new HepuqError('InvalidArgument', `run ${manifest.runId} has ${manifest.total} tasks (indices 0-${manifest.total - 1}), not ${index}`, { plugin: PLUGIN_NAME });
    const resolved = resolveTaskModule(task.module, [process.cwd(), fileURLToPath(new URL('.', import.meta.url))]);
    const differences = versionDifferences(stampPairs(manifest.versions, PLUGIN_META, { module: task.module, resolved }));
    if (differences.length > 0) throw new HepuqError('VersionMismatch', `node ${hostname()} cannot run run ${manifest.runId}: ${differences.join('; ')}`, { plugin: PLUGIN_NAME });
    const input = await readValueFile(join(runDir, runDirFiles.input(index)));
    let result: unknown;
    try {
      result = await pool.run({ module: resolved.url, export: task.export, input }, { seed: task.seed, attempt, index });
    } catch (e) {
      await writeFailure(runDir, index, { attempt, message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack, host: hostname() });
      return { ok: false, attempt, error: new HepuqError('TaskFailed', `task ${index} (${task.export}) of run ${manifest.runId} failed (attempt ${attempt}): ${(e as Error)?.message ?? String(e)}`, { plugin: PLUGIN_NAME, cause: e }) };
    }
    await writeFileAtomic(join(runDir, runDirFiles.result(index)), valueBytes(result));
    return { ok: true, attempt };
  } catch (e) {
    // not the task's own failure (a version, a module, a file): the submitter fails the run with its code, without retries
    const error = isHepuqError(e) ? e : new HepuqError('InternalError', (e as Error)?.message ?? String(e), { plugin: PLUGIN_NAME, cause: e });
    // no run directory here (not shared with this node, or a wrong path): nothing to write into
    if (existsSync(runDir)) await writeFailure(runDir, index, { attempt, message: error.message, stack: error.stack, code: error.code, host: hostname() }).catch(() => undefined);
    return { ok: false, attempt, error };
  } finally {
    await pool.dispose();
  }
}

function writeFailure(dir: string, index: number, failure: TaskFailure): Promise<void> {
  return writeJsonFile(join(dir, runDirFiles.error(index)), failure);
}
