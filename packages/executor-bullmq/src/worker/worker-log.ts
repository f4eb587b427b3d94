/** One thing a worker did, for its log (`hepuq worker` prints these as lines or JSON). */
export type WorkerLogEntry =
  | { event: 'ready'; worker: string; queue: string; concurrency: number }
  | { event: 'task-start'; worker: string; runId: string; index: number; total: number; attempt: number; jobId: string }
  | { event: 'task-done'; worker: string; jobId: string }
  | { event: 'task-failed'; worker: string; jobId: string; message: string }
  | { event: 'idle'; worker: string; seconds: number }
  | { event: 'error'; worker: string; message: string };

/**
 * One human-readable line for a worker log entry.
 * @example formatWorkerLog({ event: 'task-done', worker: 'node1:42', jobId: '5e0c-3' }) // 'node1:42 task 5e0c-3 done'
 */
export function formatWorkerLog(e: WorkerLogEntry): string {
  switch (e.event) {
    case 'ready':
      return `${e.worker} ready: queue "${e.queue}", ${e.concurrency} at once`;
    case 'task-start':
      return `${e.worker} task ${e.index + 1}/${e.total} of run ${e.runId} (job ${e.jobId}, attempt ${e.attempt}) started`;
    case 'task-done':
      return `${e.worker} task ${e.jobId} done`;
    case 'task-failed':
      return `${e.worker} task ${e.jobId} failed: ${e.message}`;
    case 'idle':
      return `${e.worker} idle for ${e.seconds} s: stopping`;
    case 'error':
      return `${e.worker} error: ${e.message}`;
  }
}
