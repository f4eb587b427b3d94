import { EventBus } from '@hepuq/core';
import { caught, expectCatalogError } from '@hepuq/testing';
import { describe, expect, it } from 'vitest';
import { slurmExecutorFactory } from './slurm-executor.factory.js';
import { SlurmExecutorOptions } from './slurm-executor.options.js';

const create = (options: Record<string, unknown>) => () => slurmExecutorFactory.create(options, { events: new EventBus(), seed: 1 });

describe('slurm executor options', () => {
  it('take Slurm\'s own formats for time and memory, and setup as text or lines', () => {
    const o = SlurmExecutorOptions.parse({ store: '/s', time: 90, mem: 2048, setup: 'module load a\nmodule load b' });
    expect([o.time, o.mem, o.retries, o.pollInterval, o.dryRun, o.sbatch]).toEqual(['90', '2048', 1, 5000, false, []]);
    for (const time of ['30', '10:00', '01:30:00', '2-00', '1-12:00', '1-12:00:00']) expect(SlurmExecutorOptions.safeParse({ store: '/s', time }).success, time).toBe(true);
    for (const mem of ['500M', '4G', '4g', '1024']) expect(SlurmExecutorOptions.safeParse({ store: '/s', mem }).success, mem).toBe(true);
    expect(SlurmExecutorOptions.parse({ store: '/s', sbatch: ['#SBATCH --qos=short', '--gres=gpu:1'] }).sbatch).toEqual(['--qos=short', '--gres=gpu:1']);
  });

  it('reject unknown keys and bad values with InvalidConfig naming the key', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'executor.options.store'],
      [{ store: '/s', queue: 'x' }, 'queue'],
      [{ store: '/s', time: '2 hours' }, 'executor.options.time'],
      [{ store: '/s', mem: '4 GB' }, 'executor.options.mem'],
      [{ store: '/s', cpus: 0 }, 'executor.options.cpus'],
      [{ store: '/s', partition: 'gpu; rm -rf /' }, 'executor.options.partition'],
      [{ store: '/s', sbatch: ['--gres=gpu:1\n--mem=1'] }, 'executor.options.sbatch'],
      [{ store: '/s', sbatch: ['echo hi'] }, 'executor.options.sbatch'],
      [{ store: '/s', sbatch: ['--array=0-99'] }, 'executor.options.sbatch'],
      [{ store: '/s', sbatch: ['-o /tmp/x'] }, 'executor.options.sbatch'],
      [{ store: '/s', setup: ['a', 'b\nc'] }, 'executor.options.setup'],
      [{ store: '/s', jobName: 'my job' }, 'executor.options.jobName'],
      [{ store: '/s', maxParallel: 0 }, 'executor.options.maxParallel'],
    ];
    for (const [options, key] of cases) {
      expectCatalogError(await caught(create(options)), JSON.stringify(options), { code: 'InvalidConfig', mentions: [key] });
    }
  });
});
