import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSystemError, HepuqError, TaskModuleRef, VersionStamp, writeFileAtomic, z } from '@hepuq/core';
import { PLUGIN_NAME } from './plugin-meta.js';

/**
 * The files of one run in the store, `<store>/slurm/<run id>/`: written by the submitting machine
 * (`run.json`, `input-<i>.v8`, `attempt-<i>`, `job.sbatch`) and by the array's tasks
 * (`result-<i>.v8`, `error-<i>.json`, `logs/`). Every file is written atomically (temp file and
 * rename), so a reader on any machine sees a whole file or none.
 */
export const runDirFiles = {
  manifest: 'run.json',
  script: 'job.sbatch',
  logs: 'logs',
  input: (i: number) => `input-${i}.v8`,
  attempt: (i: number) => `attempt-${i}`,
  result: (i: number) => `result-${i}.v8`,
  error: (i: number) => `error-${i}.json`,
  /** sbatch's file pattern of a task's stdout and stderr: `%a` the array index, `%A` the array job id. */
  logPattern: (stream: 'out' | 'err') => `task-%a.%A.${stream}`,
  log: (i: number, jobId: string, stream: 'out' | 'err') => `task-${i}.${jobId}.${stream}`,
} as const;

/**
 * The directory of run `runId` under the store root.
 * @example runDirectory('/shared/hepuq', '5e0c1b9a27d4f3e8a6b1') // '/shared/hepuq/slurm/5e0c1b9a27d4f3e8a6b1'
 */
export function runDirectory(store: string, runId: string): string {
  return join(store, 'slurm', runId);
}

/** What `hepuq slurm-task` needs to run any task of the run: each task's module, export and seed, and the submitter's versions. */
export const RunManifest = z
  .object({
    v: z.literal(1),
    runId: z.string().min(1),
    total: z.number().int().positive(),
    versions: VersionStamp,
    tasks: z.array(z.object({ module: TaskModuleRef, export: z.string().min(1), seed: z.number().int() }).strict()),
  })
  .strict();
export type RunManifest = z.infer<typeof RunManifest>;

/** What a task that failed writes (`error-<i>.json`): its message, the attempt, a catalog code when the failure was not the task's own. */
export const TaskFailure = z
  .object({
    attempt: z.number().int().positive(),
    message: z.string(),
    stack: z.string().optional(),
    /** A catalog code when the failure was not the task's own; VersionMismatch, PluginLoadFailed, InvalidArgument and ParseError fail the run at once, without retries. */
    code: z.string().optional(),
    host: z.string().optional(),
  })
  .strict();
export type TaskFailure = z.infer<typeof TaskFailure>;

/** The attempt file's content: the attempt a task runs as, and the array job that runs it once submitted. */
export const AttemptRecord = z.object({ attempt: z.number().int().positive(), job: z.string().optional() }).strict();
export type AttemptRecord = z.infer<typeof AttemptRecord>;

/**
 * A JSON file of the run directory validated by `schema`, or undefined when it does not exist.
 * @example const failure = await readJsonFile(join(dir, runDirFiles.error(3)), TaskFailure)
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileSystemError(e, 'read', path, 'FileUnreadable');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new HepuqError('ParseError', `${path} is not JSON: ${(e as Error).message}`, { plugin: PLUGIN_NAME, cause: e });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HepuqError('ParseError', `${path} is not a hepuq Slurm run file: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { plugin: PLUGIN_NAME });
  return parsed.data;
}

/** Write `value` as JSON, atomically. */
export function writeJsonFile(path: string, value: unknown): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(value, null, 1)}\n`);
}
