import { parentPort } from 'node:worker_threads';
import { runKnnJob, type KnnJob, type KnnReply } from './knn-jobs.js';

// A PRDC distance thread (started by KnnThreads): one job per message, one reply each.
parentPort?.on('message', (job: KnnJob) => {
  try {
    const { reply, transfer } = runKnnJob(job);
    parentPort!.postMessage(reply, transfer);
  } catch (e) {
    parentPort!.postMessage({ ok: false, message: (e as Error)?.message ?? String(e) } satisfies KnnReply);
  }
});
