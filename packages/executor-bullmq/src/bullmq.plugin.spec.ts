import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHepuq } from '@hepuq/core';
import { describeCommandConformance, describePluginConformance } from '@hepuq/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { bullmq } from './bullmq.plugin.js';
import { startRedisServer } from './redis-server.js';
import { REPO_ROOT } from './spec-helpers.js';
import { workerCommand } from './worker/worker.command.js';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
const redis = await startRedisServer();
afterAll(() => redis.stop());

describePluginConformance({ factory: bullmq as (options?: unknown) => ReturnType<typeof bullmq>, packageJson, invalidOptions: [{ options: { redis: 'redis://x' }, field: 'redis' }] });

// the examples start a real worker in this process that stops once the queue stayed empty briefly
describeCommandConformance({
  command: workerCommand,
  examples: [{ options: { redis: redis.url, queue: 'command', concurrency: '1', maxIdle: '0.3' } }],
  invalid: [
    { options: {}, mentions: '--redis' },
    { options: { redis: redis.url, concurrency: '0' }, mentions: '--concurrency' },
    { options: { redis: redis.url, lockDuration: 'soon' }, mentions: '--lock-duration' },
    { options: { redis: 'redis://127.0.0.1:1', connectTimeout: '1000' }, mentions: 'redis://127.0.0.1:1' },
  ],
});

describe('bullmq plugin', () => {
  it('registers the bullmq executor and the worker command, owned by the package', async () => {
    const app = await createHepuq({ plugins: [bullmq()] });
    try {
      expect(app.registries.executors.entries().find((e) => e.key === 'bullmq')?.owner).toBe(packageJson.name);
      expect(app.registries.commands.entries().find((e) => e.key === 'worker')?.owner).toBe(packageJson.name);
    } finally {
      app.dispose();
    }
  });

  it('loads neither BullMQ nor ioredis until a run or a worker uses Redis (every hepuq command loads the plugin)', () => {
    // the built package in a fresh process: which CommonJS modules did importing and registering it load?
    const script = `
      import { createRequire } from 'node:module';
      const { createHepuq } = await import('@hepuq/core');
      const { bullmq } = await import('@hepuq/executor-bullmq');
      const app = await createHepuq({ plugins: [bullmq()] });
      app.registries.executors.get('bullmq').create({ redis: 'redis://127.0.0.1:6379', store: '/tmp' }, { events: app.events, seed: 1 });
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules\\/(bullmq|ioredis)\\//.test(f));
      console.log(JSON.stringify(loaded.length));
      app.dispose();`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toBe(0);
  });
});
