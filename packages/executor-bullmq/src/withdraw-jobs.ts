import type { Queue } from 'bullmq';

/** States from which a job can be taken back before any worker runs it. */
const NOT_STARTED = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Remove the jobs among `jobIds` that no worker has started (a stopped or failed map): running ones
 * cannot be removed (their worker holds a lock); they finish, and a resubmitted run reuses their
 * results. Best effort within `ms`, so a stop never hangs on a lost connection. Returns how many were removed.
 * @example await withdrawJobs(queue, tracker.unfinished())
 */
export async function withdrawJobs(queue: Queue, jobIds: readonly string[], ms = 5000): Promise<number> {
  let removed = 0;
  const work = (async () => {
    for (const id of jobIds) {
      if (NOT_STARTED.has(await queue.getJobState(id))) removed += await queue.remove(id);
    }
  })().catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
  return removed;
}
