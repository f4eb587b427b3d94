import { join } from 'node:path';
import { runDirFiles } from './run-dir.js';
import type { SlurmExecutorOptions } from './slurm-executor.options.js';

/** What a run's script needs besides the executor options. */
export interface ScriptTarget {
  runId: string;
  /** The run directory (absolute, the same path on every node). */
  dir: string;
  /** Array indices of the first submission (resubmissions pass `--array` on sbatch's command line). */
  indices: readonly number[];
  /** The Node.js executable and the hepuq CLI the tasks run. */
  node: string;
  cli: string;
  /** For the script's header comment. */
  describe: string;
}

/**
 * A word for bash in single quotes (nothing inside is expanded).
 * @example shellQuote("it's") // "'it'\\''s'"
 */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An `#SBATCH` option value: sbatch splits directive lines on blanks unless the value is in double quotes. */
function directiveValue(value: string): string {
  return /[\s"'\\]/.test(value) ? `"${value.replace(/(["\\])/g, '\\$1')}"` : value;
}

/**
 * Array indices in sbatch's compact form: runs of three or more as ranges.
 * @example arraySpec([0, 1, 2, 3, 7, 9, 10]) // '0-3,7,9,10'
 */
export function arraySpec(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * `--array` with the run's throttle (`%k`), as a directive and on sbatch's command line.
 * @example arrayOption([0, 1, 2, 5], 2) // '--array=0-2,5%2'
 */
export function arrayOption(indices: readonly number[], maxParallel: number | undefined): string {
  return `--array=${arraySpec(indices)}${maxParallel ? `%${maxParallel}` : ''}`;
}

/** The `setup` option as script lines. */
function setupLines(setup: SlurmExecutorOptions['setup']): string[] {
  if (setup === undefined) return [];
  return (Array.isArray(setup) ? setup : setup.split(/\r?\n/)).map((l) => l.replace(/\r$/, ''));
}

/**
 * The batch script of a run: one array element per task, the resources of the options, the setup
 * lines, then `exec <node> <cli> slurm-task <run dir> $SLURM_ARRAY_TASK_ID`. Each element's stdout
 * and stderr go to `<run dir>/logs/task-<index>.<array job id>.{out,err}`. A setup line that fails
 * (exit status other than 0) ends the element before the task runs: it then counts as failed.
 * @example const text = sbatchScript(options, { runId, dir, indices: [0, 1, 2, 3], node: process.execPath, cli, describe: '4 tasks of trainMember' })
 */
export function sbatchScript(o: SlurmExecutorOptions, t: ScriptTarget): string {
  const directive = (option: string) => `#SBATCH ${option}`;
  const logs = join(t.dir, runDirFiles.logs);
  const lines = [
    '#!/bin/bash',
    directive(`--job-name=${o.jobName ?? `hepuq-${t.runId.slice(0, 8)}`}`),
    directive(arrayOption(t.indices, o.maxParallel)),
    directive(`--output=${directiveValue(join(logs, runDirFiles.logPattern('out')))}`),
    directive(`--error=${directiveValue(join(logs, runDirFiles.logPattern('err')))}`),
    ...(o.partition ? [directive(`--partition=${o.partition}`)] : []),
    ...(o.time ? [directive(`--time=${o.time}`)] : []),
    ...(o.mem ? [directive(`--mem=${o.mem}`)] : []),
    ...(o.cpus ? [directive(`--cpus-per-task=${o.cpus}`)] : []),
    directive('--ntasks=1'),
    ...o.sbatch.map(directive),
    `# hepuq run ${t.runId}: ${t.describe}`,
    '# written by @hepuq/executor-slurm; each array element runs one task with `hepuq slurm-task`',
    'set -e',
    ...setupLines(o.setup),
    `exec ${shellQuote(t.node)} ${shellQuote(t.cli)} slurm-task ${shellQuote(t.dir)} "$SLURM_ARRAY_TASK_ID"`,
    '',
  ];
  return lines.join('\n');
}
