import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { HepuqError } from '@hepuq/core';
import { PLUGIN_NAME } from './plugin-meta.js';
import type { SlurmExecutorOptions } from './slurm-executor.options.js';

/** What one Slurm client command did. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Tool = 'sbatch' | 'squeue' | 'scancel';

/**
 * The executable of `tool`: its own option, else in `bin`, else by name on PATH.
 * @example slurmTool({ bin: '/opt/slurm/bin' }, 'squeue') // '/opt/slurm/bin/squeue'
 */
export function slurmTool(o: Pick<SlurmExecutorOptions, 'bin' | 'sbatchPath' | 'squeuePath' | 'scancelPath'>, tool: Tool): string {
  const own = { sbatch: o.sbatchPath, squeue: o.squeuePath, scancel: o.scancelPath }[tool];
  return own ?? (o.bin ? join(o.bin, tool) : tool);
}

/**
 * Run a Slurm client command without a shell; a command that cannot be started at all (not
 * installed, not executable) is an `ExecutorUnreachable` error naming it, with `hint`.
 * @example const r = await runTool('/usr/bin/squeue', ['-h', '-j', '42'], 10_000)
 */
export function runTool(file: string, args: readonly string[], timeoutMs: number): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new HepuqError('ExecutorUnreachable', `executor "slurm": cannot run ${file}: ${e.code === 'ENOENT' ? 'not found' : e.message}`, {
        plugin: PLUGIN_NAME,
        cause: e,
        hint: 'Submit from a machine with the Slurm client commands (a login node), or give their directory in `executor.options.bin` (or sbatchPath, squeuePath, scancelPath). Debian/Ubuntu: apt-get install slurm-client.',
      }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr: signal === 'SIGKILL' && code === null ? `${stderr}\n(no answer within ${timeoutMs} ms)` : stderr });
    });
  });
}

/** The Slurm controller did not answer (as opposed to rejecting the job). */
const UNREACHABLE = /unable to contact slurm controller|could not establish a configuration source|connection refused|socket timed out|slurm_load_jobs error: unable to contact|Zero Bytes were transmitted|Unable to establish/i;

/**
 * The catalog error of a failed `sbatch`: the controller unreachable, or the job refused (a
 * partition, time, memory or account the cluster does not accept), with sbatch's own message.
 * @example submitError('sbatch', ['job.sbatch'], { code: 1, stdout: '', stderr: 'invalid partition specified: gpu' }).code // 'InvalidConfig'
 */
export function submitError(file: string, args: readonly string[], r: CommandResult): HepuqError {
  const said = r.stderr.trim() || r.stdout.trim() || `exit status ${r.code}`;
  const command = `${file} ${args.join(' ')}`;
  if (UNREACHABLE.test(said)) {
    return new HepuqError('ExecutorUnreachable', `executor "slurm": ${command} could not reach the Slurm controller: ${said}`, {
      plugin: PLUGIN_NAME,
      hint: 'Submit from a machine of the cluster (a login node) whose Slurm configuration names the controller (`sinfo` must answer there), or set SLURM_CONF.',
    });
  }
  return new HepuqError('InvalidConfig', `executor "slurm": the cluster refused the job (${command}): ${said}`, {
    plugin: PLUGIN_NAME,
    hint: 'Check executor.options (partition, time, mem, cpus and the extra sbatch lines) against what the cluster offers: `sinfo -s` lists the partitions and their limits. `dryRun: true` writes the script without submitting it.',
  });
}

/**
 * The job id `sbatch --parsable` printed (`<id>` or `<id>;<cluster>`).
 * @example parsableJobId('4242;alice\n') // '4242'
 */
export function parsableJobId(stdout: string): string | undefined {
  const m = /^(\d+)(?:;\S+)?\s*$/m.exec(stdout.trim());
  return m?.[1];
}

/** Slurm's states of a job that has not finished (`squeue -o %T`). */
const ALIVE = new Set(['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING', 'SUSPENDED', 'REQUEUED', 'REQUEUE_FED', 'REQUEUE_HOLD', 'RESIZING', 'SIGNALING', 'STAGE_OUT', 'STOPPED', 'RESV_DEL_HOLD', 'SPECIAL_EXIT', 'POWER_UP_NODE']);

/** An array element as `squeue` lists it. */
export interface ElementState {
  job: string;
  index: number;
  state: string;
  alive: boolean;
  running: boolean;
}

/**
 * The elements of `squeue -h -r -o '%F %K %T'` (array job id, index, state). Pending elements not
 * yet split off may be listed as a range (`0-3%2`); each index is listed then.
 * @example parseSqueue('4242 0 RUNNING\n4242 1-3%2 PENDING\n') // 4 elements
 */
export function parseSqueue(stdout: string): ElementState[] {
  const out: ElementState[] = [];
  for (const row of stdout.split('\n')) {
    const [job, spec, state] = row.trim().split(/\s+/);
    if (!job || !spec || !state || !/^\d+$/.test(job)) continue;
    for (const part of spec.replace(/%\d+$/, '').split(',')) {
      const m = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part);
      if (!m) continue;
      const [from, to, step] = [Number(m[1]), Number(m[2] ?? m[1]), Number(m[3] ?? 1)];
      for (let i = from; i <= to; i += step) out.push({ job, index: i, state, alive: ALIVE.has(state), running: state === 'RUNNING' || state === 'COMPLETING' });
    }
  }
  return out;
}
