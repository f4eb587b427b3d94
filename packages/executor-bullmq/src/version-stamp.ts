import { CORE_VERSION, z } from '@hepuq/core';
import { PLUGIN_NAME, PLUGIN_VERSION } from './plugin-meta.js';

/** The versions a submitting machine ran with; a worker runs a task only with the same ones. */
export const VersionStamp = z.object({ core: z.string().min(1), executor: z.string().min(1) }).strict();
export type VersionStamp = z.infer<typeof VersionStamp>;

/** This process's versions of @hepuq/core and this package. */
export function localVersions(): VersionStamp {
  return { core: CORE_VERSION, executor: PLUGIN_VERSION };
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

/** The core and executor pairs of a stamp against this process. */
export function stampPairs(stamp: VersionStamp, here: VersionStamp = localVersions()): VersionPair[] {
  return [
    { name: '@hepuq/core', submitted: stamp.core, here: here.core },
    { name: PLUGIN_NAME, submitted: stamp.executor, here: here.executor },
  ];
}
