import { TaskModuleRef, TaskPayload, VersionStamp, z } from '@hepuq/core';

/** The BullMQ job name of a hepuq task (other producers may share a queue; workers skip nothing by name). */
export const TASK_JOB = 'hepuq-task';

/**
 * What a task job carries: the core `TaskSpec` (module, export, input, seed) made portable, its
 * place in the run, the store it reads and writes, the inline limit for its result, and the
 * submitter's versions. Workers validate it before running anything.
 */
export const TaskJobData = z
  .object({
    v: z.literal(1),
    runId: z.string().min(1),
    index: z.number().int().nonnegative(),
    total: z.number().int().positive(),
    module: TaskModuleRef,
    export: z.string().min(1),
    seed: z.number().int(),
    input: TaskPayload,
    /** The store root on the submitting machine (a worker's `--store` replaces it). */
    store: z.string().min(1),
    inlineBytes: z.number().int().nonnegative(),
    versions: VersionStamp,
  })
  .strict();
export type TaskJobData = z.infer<typeof TaskJobData>;

/**
 * The job id of task `index` of run `runId`: the same run submitted again finds its jobs (and their
 * results) under the same ids.
 * @example taskJobId('3f9c0a', 2) // '3f9c0a-2'
 */
export function taskJobId(runId: string, index: number): string {
  return `${runId}-${index}`;
}

/** Where a run's files live under the store root: `<queue>/<runId>/<name>`. */
export function storeFile(queue: string, runId: string, name: string): string {
  return `${queue}/${runId}/${name}`;
}
