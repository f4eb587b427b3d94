import { describe, expect, it } from 'vitest';
import { parsableJobId, parseSqueue, slurmTool, submitError } from './slurm-commands.js';

describe('Slurm client commands', () => {
  it('read the job id sbatch --parsable prints, with or without a cluster name', () => {
    expect(parsableJobId('4242\n')).toBe('4242');
    expect(parsableJobId('4242;alice\n')).toBe('4242');
    expect(parsableJobId('sbatch: warning: x\n')).toBeUndefined();
  });

  it('read squeue\'s elements, expanding pending ranges', () => {
    const rows = parseSqueue('4242 0 RUNNING\n4242 1-3%2 PENDING\n4242 5,7 PENDING\n4243 2 COMPLETING\n4244 0 COMPLETED\n');
    expect(rows.map((r) => `${r.job}_${r.index}:${r.alive ? 'alive' : 'ended'}${r.running ? ':running' : ''}`)).toEqual([
      '4242_0:alive:running', '4242_1:alive', '4242_2:alive', '4242_3:alive', '4242_5:alive', '4242_7:alive', '4243_2:alive:running', '4244_0:ended',
    ]);
  });

  it('find the tools in bin, by their own paths, or on PATH', () => {
    expect(slurmTool({}, 'sbatch')).toBe('sbatch');
    expect(slurmTool({ bin: '/opt/slurm/bin' }, 'squeue')).toBe('/opt/slurm/bin/squeue');
    expect(slurmTool({ bin: '/opt/slurm/bin', scancelPath: '/x/scancel' }, 'scancel')).toBe('/x/scancel');
  });

  it('tell a refused job from an unreachable controller, with sbatch\'s own words', () => {
    const refused = submitError('sbatch', ['--parsable', 'job.sbatch'], { code: 1, stdout: '', stderr: 'sbatch: error: invalid partition specified: nope\n' });
    expect([refused.code, refused.message]).toEqual(['InvalidConfig', expect.stringContaining('invalid partition specified: nope')]);
    expect(refused.hint).toMatch(/sinfo/);
    const down = submitError('sbatch', ['job.sbatch'], { code: 1, stdout: '', stderr: 'sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)' });
    expect(down.code).toBe('ExecutorUnreachable');
  });
});
