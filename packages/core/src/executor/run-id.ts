import { createHash } from 'node:crypto';
import type { TaskModuleRef } from './task-module.js';
import type { VersionStamp } from './version-stamp.js';

/** What identifies one task of a run: everything that decides its result. */
export interface RunTaskIdentity {
  module: TaskModuleRef;
  export: string;
  seed: number;
  /** The serialized input. */
  input: Uint8Array;
}

/**
 * A run's id: a hash of its tasks (module, export, seed, input bytes) and the versions that run
 * them. The same run submitted again gets the same id, so its finished jobs are found and reused;
 * any change to a task, a seed or a version gives a new id (and a fresh training).
 * @example const id = runId(tasks, localVersions()) // '5e0c1b9a27d4f3e8a6b1'
 */
export function runId(tasks: readonly RunTaskIdentity[], versions: VersionStamp): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ v: 1, versions, count: tasks.length }));
  for (const t of tasks) {
    const where = t.module.package ? `${t.module.package.name}@${t.module.package.version}/${t.module.package.path}` : t.module.url;
    hash.update(JSON.stringify({ module: where, export: t.export, seed: t.seed }));
    hash.update(createHash('sha256').update(t.input).digest());
  }
  return hash.digest('hex').slice(0, 20);
}
