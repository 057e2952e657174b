// A small worker pool: every job runs in a worker thread, as many at once as there are workers.
import { Worker } from 'node:worker_threads';
import type { Job, JobResult } from './run-job.ts';

type Reply = { ok: true; result: JobResult } | { ok: false; error: string };

/** Run the jobs on `workers` threads; `onResult` hears each result as it comes. */
export async function runPool(jobs: readonly Job[], options: { workers: number; onResult: (result: JobResult) => void }): Promise<JobResult[]> {
  const queue = [...jobs];
  const results: JobResult[] = [];
  const runWorker = async (): Promise<void> => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url));
    try {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
        const reply = await new Promise<Reply>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', (message: Reply) => {
            worker.off('error', reject);
            resolve(message);
          });
          worker.postMessage(job);
        });
        if (!reply.ok) throw new Error(reply.error);
        results.push(reply.result);
        options.onResult(reply.result);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers, jobs.length)) }, runWorker));
  return results;
}
