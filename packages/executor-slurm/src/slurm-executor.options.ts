import { createToken, z } from '@hepuq/core';

/** Registry key of the executor: `executor: { use: slurm, options: { store, partition, time, mem, cpus } }`. */
export const SLURM_EXECUTOR = 'slurm';

const NO_NEWLINE = /^[^\n\r\0]*$/;
const line = z.string().regex(NO_NEWLINE, { message: 'must be one line (no newline)' });

/** Options the executor writes itself into every script: an extra line may not set them. */
export const RESERVED_SBATCH_OPTIONS = ['--array', '-a', '--output', '-o', '--error', '-e', '--parsable', '--wrap'] as const;

/**
 * One extra `#SBATCH` line, given with or without its `#SBATCH ` prefix (`--gres=gpu:1`,
 * `#SBATCH --account=atlas`): an sbatch option, on one line, not one the executor sets itself.
 */
export const SbatchLine = line
  .transform((l) => l.replace(/^#SBATCH\s+/, '').trim())
  .refine((l) => /^-{1,2}[A-Za-z]/.test(l), { message: 'must be an sbatch option such as --gres=gpu:1 or --account=atlas' })
  .refine((l) => !RESERVED_SBATCH_OPTIONS.includes(l.split(/[=\s]/)[0] as (typeof RESERVED_SBATCH_OPTIONS)[number]), {
    message: `may not set ${RESERVED_SBATCH_OPTIONS.join(', ')} (the executor sets the array and the log files itself)`,
  });

/** Slurm's time formats: minutes, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM`, `D-HH:MM:SS`, or a number of minutes. */
export const SlurmTime = z.union([
  z.number().int().positive().transform(String),
  z.string().regex(/^(?:\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d{1,2}(?::\d{1,2}){0,2}|UNLIMITED|INFINITE)$/i, {
    message: 'must be a Slurm time: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (e.g. 02:00:00)',
  }),
]);

/** Memory per node as sbatch's `--mem` takes it: megabytes, or a number with K, M, G or T. */
export const SlurmMemory = z.union([
  z.number().int().positive().transform(String),
  z.string().regex(/^\d+[KMGT]?$/i, { message: 'must be megabytes or a number with K, M, G or T (e.g. 4G)' }),
]);

/** A path to an executable or a directory: one line, not empty. */
const path = line.pipe(z.string().min(1));

export const SlurmExecutorOptions = z
  .object({
    /** A directory the submitting machine and every compute node see at the same path: inputs, scripts, logs and results live here. */
    store: path,
    /** `--partition` (one, or several separated by commas); the cluster's default when absent. */
    partition: z.string().regex(/^[A-Za-z0-9_.-]+(?:,[A-Za-z0-9_.-]+)*$/, { message: 'must be a partition name (or several, separated by commas)' }).optional(),
    /** `--time`, the wall-clock limit of each task. */
    time: SlurmTime.optional(),
    /** `--mem`, the memory of each task (its node share). */
    mem: SlurmMemory.optional(),
    /** `--cpus-per-task`: cores for each task (its tensor backend's threads). */
    cpus: z.number().int().positive().optional(),
    /** Extra `#SBATCH` lines: `--account=atlas`, `--gres=gpu:1`, `--qos=short`, ... */
    sbatch: z.array(SbatchLine).default([]),
    /** Shell lines run before the task, e.g. `module load nodejs/20` or `source ~/venv/bin/activate`. */
    setup: z.union([z.string().regex(/^[^\0]*$/, { message: 'may not contain NUL' }), z.array(line)]).optional(),
    /** `--job-name` (default `hepuq-<first 8 characters of the run id>`). */
    jobName: z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'must be letters, digits, ".", "_" or "-"' }).optional(),
    /** At most this many tasks of a run at once (`--array=...%k`). */
    maxParallel: z.number().int().positive().optional(),
    /** Milliseconds between looks at the result files and `squeue`. */
    pollInterval: z.number().int().positive().default(5000),
    /**
     * Milliseconds a task may stay without a result file after Slurm no longer lists it as pending
     * or running, before it counts as failed (killed, over its time or memory, a lost node): the time
     * a shared file system may take to show a file written on another machine.
     */
    gracePeriod: z.number().int().nonnegative().default(60_000),
    /** Extra attempts of a failing task (resubmitted as a new array) when the method does not set its own. */
    retries: z.number().int().nonnegative().default(1),
    /** Write the run directory and the script, print the script, and submit nothing. */
    dryRun: z.boolean().default(false),
    /** A directory holding `sbatch`, `squeue` and `scancel` (default: found on PATH). */
    bin: path.optional(),
    /** The `sbatch` executable (default: `<bin>/sbatch`, else `sbatch` on PATH). */
    sbatchPath: path.optional(),
    /** The `squeue` executable. */
    squeuePath: path.optional(),
    /** The `scancel` executable. */
    scancelPath: path.optional(),
    /** The Node.js executable on the compute nodes (default: this process's; `node` takes the one on the nodes' PATH after `setup`). */
    node: path.optional(),
    /** The hepuq CLI the tasks run (`<cli> slurm-task <run dir> <index>`; default: the running one, else the installed @hepuq/cli's). */
    cli: path.optional(),
    /** Seed from which per-task seeds are derived when a task has none (the run's seed). */
    seed: z.number().int().nonnegative().default(0),
  })
  .strict();
export type SlurmExecutorOptions = z.infer<typeof SlurmExecutorOptions>;
export const SlurmExecutorOptionsToken = createToken<SlurmExecutorOptions>('hepuq:slurm-executor-options');
