import { parseOrThrow, type CommandDefinition } from '@hepuq/core';
import { PLUGIN_NAME } from '../plugin-meta.js';
import { formatWorkerLog } from './worker-log.js';
import { WorkerOptions } from './worker-options.js';

/** Name of the command: `hepuq worker --queue <name> --redis <url>`. */
export const WORKER_COMMAND = 'worker';

/**
 * `hepuq worker --redis <url> [--queue <name>] [--concurrency n] [--store dir] ...`: run the tasks
 * that runs with `executor: { use: bullmq }` put on the queue, until stopped (Ctrl-C lets the
 * running tasks finish; a second Ctrl-C quits at once and another worker takes them over) or, with
 * `--max-idle`, until the queue has stayed empty that long.
 */
export const workerCommand: CommandDefinition = {
  name: WORKER_COMMAND,
  description: 'Run the tasks of `executor: { use: bullmq }` runs from a Redis queue (start one or more per machine)',
  options: [
    { flags: '--redis <url>', description: 'the Redis server holding the queue, e.g. redis://10.0.0.5:6379 (required)' },
    { flags: '--queue <name>', description: 'the queue to take tasks from (the run config\'s executor.options.queue)', default: 'hepuq' },
    { flags: '--concurrency <n>', description: 'tasks run at once, each on a worker thread (default: all cores)' },
    { flags: '--store <dir>', description: 'where this machine mounts the shared store, when not at the path the run gave' },
    { flags: '--lock-duration <ms>', description: 'lock of a running task; a dead worker\'s task is taken over once it expires', default: '30000' },
    { flags: '--stalled-interval <ms>', description: 'milliseconds between checks for tasks of dead workers', default: '30000' },
    { flags: '--max-stalled <n>', description: 'takeovers of a task before it fails (a task that kills its workers)', default: '1' },
    { flags: '--connect-timeout <ms>', description: 'milliseconds to wait for Redis before failing', default: '5000' },
    { flags: '--max-idle <seconds>', description: 'exit after this many seconds without a task (default: run until stopped)' },
    { flags: '--name <name>', description: 'this worker\'s name in logs and on its jobs (default: host:pid)' },
    { flags: '--json', description: 'print one JSON object per line for each event (ready, task-start, task-done, task-failed, idle)' },
  ],
  async run(_args, options, ctx) {
    const o = parseOrThrow(WorkerOptions, options, { code: 'InvalidArgument', where: `hepuq ${WORKER_COMMAND}`, flags: true, plugin: PLUGIN_NAME });
    // BullMQ and ioredis load only when a worker starts, not with every hepuq command
    const { startQueueWorker } = await import('./queue-worker.js');
    const worker = await startQueueWorker(o, (entry) => ctx.print(ctx.json ? JSON.stringify(entry) : formatWorkerLog(entry)));
    const stop = () => void worker.close();
    ctx.signal?.addEventListener('abort', stop, { once: true });
    try {
      await worker.closed;
    } finally {
      ctx.signal?.removeEventListener('abort', stop);
    }
    return 0;
  },
};
