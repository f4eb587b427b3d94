import { parentPort } from 'node:worker_threads';
import { selectBackend } from '../backend/select-backend.js';
import type { TaskContext, TaskFunction } from './executor.js';

/** Message from the pool to a worker: run one task. */
export interface TaskRequest {
  id: number;
  module: string;
  export: string;
  input: unknown;
  ctx: TaskContext;
}

/** Message from a worker back to the pool. */
export type TaskReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string; code?: string };

// The tensor backend is initialised once per worker, before its first task.
let ready: Promise<unknown> | undefined;

parentPort?.on('message', async (req: TaskRequest) => {
  try {
    ready ??= selectBackend();
    await ready;
    const mod = (await import(req.module)) as Record<string, unknown>;
    const fn = mod[req.export] as TaskFunction | undefined;
    if (typeof fn !== 'function') throw new Error(`${req.module} has no exported function "${req.export}"`);
    const result = await fn(req.input, req.ctx);
    parentPort!.postMessage({ id: req.id, ok: true, result } satisfies TaskReply);
  } catch (e) {
    const err = e as Error & { code?: string };
    parentPort!.postMessage({ id: req.id, ok: false, message: err?.message ?? String(e), code: err?.code } satisfies TaskReply);
  }
});
