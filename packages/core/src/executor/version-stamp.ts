import { z } from 'zod';
import { CORE_VERSION } from '../version.js';
import type { ResolvedTaskModule, TaskModuleRef } from './task-module.js';

/** The versions a submitting machine ran with; a worker runs a task only with the same ones. */
export const VersionStamp = z.object({ core: z.string().min(1), executor: z.string().min(1) }).strict();
export type VersionStamp = z.infer<typeof VersionStamp>;

/** A distributed executor's package: its npm name and installed version. */
export interface ExecutorPackage {
  name: string;
  version: string;
}

/**
 * This process's versions of @hepuq/core and of the executor package `executor`.
 * @example const versions = localVersions(PLUGIN_META) // { core: '0.1.0', executor: '0.1.0' }
 */
export function localVersions(executor: ExecutorPackage): VersionStamp {
  return { core: CORE_VERSION, executor: executor.version };
}

/** One package whose version is compared: its name, the submitter's version and this machine's (absent: unknown here). */
export interface VersionPair {
  name: string;
  submitted: string;
  here?: string;
}

/**
 * The pairs that differ, each as `name <here> here, <submitted> on the submitting machine`; empty
 * when every version agrees. Versions must be equal, not just compatible: the same seed gives the
 * same numbers only with the same code.
 * @example versionDifferences([{ name: '@hepuq/core', submitted: '0.2.0', here: '0.1.0' }]) // ['@hepuq/core 0.1.0 here, 0.2.0 on the submitting machine']
 */
export function versionDifferences(pairs: readonly VersionPair[]): string[] {
  return pairs
    .filter((p) => p.here !== undefined && p.here !== p.submitted)
    .map((p) => `${p.name} ${p.here} here, ${p.submitted} on the submitting machine`);
}

/**
 * The core and executor pairs of a stamp against this process, and, for a task whose module
 * belongs to a package, that package's submitted version against the one it resolved to here.
 * @example versionDifferences(stampPairs(data.versions, PLUGIN_META, { module: data.module, resolved }))
 */
export function stampPairs(stamp: VersionStamp, executor: ExecutorPackage, task?: { module: TaskModuleRef; resolved: ResolvedTaskModule }): VersionPair[] {
  const here = localVersions(executor);
  const pairs: VersionPair[] = [
    { name: '@hepuq/core', submitted: stamp.core, here: here.core },
    { name: executor.name, submitted: stamp.executor, here: here.executor },
  ];
  const pkg = task?.module.package;
  if (pkg) pairs.push({ name: pkg.name, submitted: pkg.version, here: task.resolved.version });
  return pairs;
}
