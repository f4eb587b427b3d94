import type { QueueWorker } from './queue-worker.js';
import type { WorkerLogEntry } from './worker-log.js';
import type { z } from '@hepuq/core';
import { WorkerOptions } from './worker-options.js';

/**
 * Start a queue worker in this process (what `hepuq worker` runs), from options as `WorkerOptions`
 * accepts them (defaults filled in). BullMQ and ioredis are loaded here, on first use, so importing
 * this package stays cheap.
 * @example const w = await startQueueWorker({ redis: 'redis://127.0.0.1:6379', concurrency: 2 }); ...; await w.close();
 */
export async function startQueueWorker(options: z.input<typeof WorkerOptions>, log?: (entry: WorkerLogEntry) => void): Promise<QueueWorker> {
  const parsed = WorkerOptions.parse(options);
  const { startQueueWorker: start } = await import('./queue-worker.js');
  return start(parsed, log);
}
