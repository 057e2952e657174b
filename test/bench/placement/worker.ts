// Worker thread for placement.bench.ts: runs the jobs it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import type { Job } from './run-job.ts';
import { runJob } from './run-job.ts';

parentPort?.on('message', (job: Job) => {
  try {
    parentPort?.postMessage({ ok: true, result: runJob(job) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
});
