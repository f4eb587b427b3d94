import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHepuq, EventBus, valueFromBytes } from '@hepuq/core';
import { caught, describeCommandConformance, describePluginConformance } from '@hepuq/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { slurmExecutorFactory } from './slurm-executor.factory.js';
import { slurm } from './slurm.plugin.js';
import { runDirFiles } from './run-dir.js';
import { slurmTaskCommand } from './task/slurm-task.command.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
const home = mkdtempSync(join(tmpdir(), 'hepuq-slurm-plugin-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

// A run directory as the executor writes it (a dry run writes everything but submits nothing),
// whose task 0 `hepuq slurm-task` then runs in this process.
const TASKS = new URL('../../testing/src/executor-conformance.task.ts', import.meta.url).href;
await caught(() => slurmExecutorFactory.create({ store: home, dryRun: true, cli: '/opt/hepuq.js' }, { events: new EventBus(), seed: 2 }).map([{ module: TASKS, export: 'echoAfter', input: 0 }]));
const runDir = join(home, 'slurm', readdirSync(join(home, 'slurm'))[0]);

describePluginConformance({ factory: slurm as (options?: unknown) => ReturnType<typeof slurm>, packageJson, invalidOptions: [{ options: { store: '/x' }, field: 'store' }] });

describeCommandConformance({
  command: slurmTaskCommand,
  examples: [{ args: [runDir, '0'] }],
  json: true,
  invalid: [
    { args: [runDir, 'first'], mentions: 'index' },
    { args: [runDir, '5'], mentions: '5' },
    { args: [join(home, 'not-a-run'), '0'], mentions: 'not-a-run' },
  ],
});

describe('slurm plugin', () => {
  it('registers the slurm executor and the slurm-task command, owned by the package', async () => {
    const app = await createHepuq({ plugins: [slurm()] });
    try {
      expect(app.registries.executors.entries().find((e) => e.key === 'slurm')?.owner).toBe(packageJson.name);
      expect(app.registries.commands.entries().find((e) => e.key === 'slurm-task')?.owner).toBe(packageJson.name);
    } finally {
      app.dispose();
    }
  });

  it('hepuq slurm-task writes the task\'s result, with the seed and attempt of the run directory', () => {
    const result = valueFromBytes(readFileSync(join(runDir, runDirFiles.result(0)))) as { input: number; attempt: number; index: number; seed: number };
    expect(result).toMatchObject({ input: 0, attempt: 1, index: 0 });
    expect(existsSync(join(runDir, runDirFiles.error(0)))).toBe(false);
  });
});
