import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { arrayOption, arraySpec, sbatchScript, shellQuote } from './sbatch-script.js';
import { SlurmExecutorOptions } from './slurm-executor.options.js';

const target = { runId: '5e0c1b9a27d4f3e8a6b1', dir: '/shared/hepuq store/slurm/5e0c1b9a27d4f3e8a6b1', indices: [0, 1, 2, 3], node: '/opt/node 20/bin/node', cli: "/home/o'brien/p/node_modules/@hepuq/cli/bin/hepuq.js", describe: '4 tasks (trainMember)' };
const script = (options: Record<string, unknown>) => sbatchScript(SlurmExecutorOptions.parse({ store: '/shared/hepuq store', ...options }), target);
const directives = (text: string) => text.split('\n').filter((l) => l.startsWith('#SBATCH '));

describe('sbatch script', () => {
  it('has the array, the resources, the extra lines, the setup, then runs hepuq slurm-task for $SLURM_ARRAY_TASK_ID', () => {
    const text = script({
      partition: 'gpu,short', time: '02:00:00', mem: '4G', cpus: 8, maxParallel: 2, jobName: 'ens',
      sbatch: ['--gres=gpu:1', '#SBATCH --account=atlas'], setup: ['module load nodejs/20', 'source ~/venv/bin/activate'],
    });
    expect(text.startsWith('#!/bin/bash\n')).toBe(true);
    expect(directives(text)).toEqual([
      '#SBATCH --job-name=ens',
      '#SBATCH --array=0-3%2',
      '#SBATCH --output="/shared/hepuq store/slurm/5e0c1b9a27d4f3e8a6b1/logs/task-%a.%A.out"',
      '#SBATCH --error="/shared/hepuq store/slurm/5e0c1b9a27d4f3e8a6b1/logs/task-%a.%A.err"',
      '#SBATCH --partition=gpu,short',
      '#SBATCH --time=02:00:00',
      '#SBATCH --mem=4G',
      '#SBATCH --cpus-per-task=8',
      '#SBATCH --ntasks=1',
      '#SBATCH --gres=gpu:1',
      '#SBATCH --account=atlas',
    ]);
    const body = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(body).toEqual([
      'set -e',
      'module load nodejs/20',
      'source ~/venv/bin/activate',
      `exec '/opt/node 20/bin/node' '/home/o'\\''brien/p/node_modules/@hepuq/cli/bin/hepuq.js' slurm-task '/shared/hepuq store/slurm/5e0c1b9a27d4f3e8a6b1' "$SLURM_ARRAY_TASK_ID"`,
    ]);
  });

  it('leaves out what the options leave out (the cluster\'s defaults apply) and names the job after the run', () => {
    const text = script({ setup: 'export A=1\nexport B=2' });
    expect(directives(text).map((l) => l.split('=')[0])).toEqual(['#SBATCH --job-name', '#SBATCH --array', '#SBATCH --output', '#SBATCH --error', '#SBATCH --ntasks']);
    expect(text).toContain('#SBATCH --job-name=hepuq-5e0c1b9a\n');
    expect(text).toContain('#SBATCH --array=0-3\n');
    expect(text).toContain('\nexport A=1\nexport B=2\nexec ');
    expect(spawnSync('bash', ['-n'], { input: text }).status, 'bash accepts the script').toBe(0);
  });

  it('quotes words for bash so that nothing in them is expanded', () => {
    for (const word of ['plain', 'with space', "it's", '$HOME `id` "q" \\ ; & |']) {
      expect(spawnSync('bash', ['-c', `printf %s ${shellQuote(word)}`], { encoding: 'utf8' }).stdout).toBe(word);
    }
  });

  it('writes array indices compactly, with the throttle', () => {
    expect(arraySpec([0, 1, 2, 3, 7, 9, 10])).toBe('0-3,7,9,10');
    expect(arraySpec([5, 2, 3, 4, 2])).toBe('2-5');
    expect(arrayOption([1, 3], 4)).toBe('--array=1,3%4');
  });
});
