import { Kafka, logLevel } from 'kafkajs';
import { isAlive, waitUntil } from '../processes.ts';

/**
 * Whether the broker at `bootstrap` (`host:port`) is ready: it answers an admin `describeCluster()`, and its
 * group coordinator answers an OffsetFetch for a probe group. The second part matters after a restart: the
 * coordinator loads `__consumer_offsets` in the background and answers COORDINATOR_LOAD_IN_PROGRESS until
 * then, which kafkajs `admin.fetchOffsets` does not retry. With `offsets.topic.num.partitions=1` (config.ts)
 * every group lives on the one partition the probe loads, so the probe covers them all; on a fresh node
 * it also creates that topic before the first consumer needs it.
 */
export async function isKafkaReady(bootstrap: string): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'vgpu-ready-check',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null) return false;
    await admin.fetchOffsets({ groupId: 'vgpu-ready-check', topics: [] });
    return true;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Wait until the broker at `bootstrap` is ready; fail fast, pointing at its log, if process `pid`
 * exits first (a port taken since the last run, a bad config, an unformatted data folder).
 */
export async function waitForKafka(options: { bootstrap: string; pid: number; log: string; timeoutMs: number }): Promise<void> {
  let exited = false;
  await waitUntil(`Kafka at ${options.bootstrap}`, async () => {
    exited = !isAlive(options.pid);
    return exited || await isKafkaReady(options.bootstrap);
  }, options.timeoutMs);
  if (exited) throw new Error(`Kafka (pid ${options.pid}) exited before it was ready; see ${options.log}`);
}
