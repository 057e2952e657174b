// dynalite (the DynamoDB API on LevelDB) as its own process on loopback, for `npm run stack` and the
// integration tests. A separate process, not an in-process server, so tests exercise real HTTP and
// the stack can outlive the command that started it.
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createDynamoDbClient } from '../../../shared/adapters/dynamodb/client.ts';
import { freePort } from '../ports.ts';
import { isAlive, startProcess, stopProcess, waitUntil, type Started } from '../processes.ts';

/** A running dynalite. */
export interface Dynalite {
  /** `http://127.0.0.1:<port>`, the `endpoint` of a DynamoDB client. */
  readonly endpoint: string;
  readonly process: Started;
}

/** Where dynalite keeps its data and log. */
export interface StartDynaliteOptions {
  /** A LevelDB folder, so tables survive restarts; in memory when absent. */
  readonly stateDir?: string;
  readonly logDir: string;
  readonly readyTimeoutMs?: number;
}

const cliPath = (): string => join(dirname(createRequire(import.meta.url).resolve('dynalite/package.json')), 'cli.js');

/** Whether dynalite at `endpoint` answers ListTables. */
export async function isDynaliteReady(endpoint: string): Promise<boolean> {
  const client = createDynamoDbClient({ endpoint, region: 'us-east-1', maxAttempts: 1, timeoutsMs: { connection: 500, request: 1_000 } });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } finally {
    client.destroy();
  }
}

/**
 * Start `node dynalite/cli.js` on a free loopback port with tables ACTIVE at once (`--createTableMs 0`,
 * likewise for delete and update), and wait until it answers ListTables; fail fast, pointing at its
 * log, if it exits first.
 */
export async function startDynalite(options: StartDynaliteOptions): Promise<Dynalite> {
  mkdirSync(options.logDir, { recursive: true });
  if (options.stateDir !== undefined) mkdirSync(options.stateDir, { recursive: true });
  const port = await freePort();
  const args = [cliPath(), '--host', '127.0.0.1', '--port', String(port),
    '--createTableMs', '0', '--deleteTableMs', '0', '--updateTableMs', '0',
    ...(options.stateDir === undefined ? [] : ['--path', options.stateDir])];
  const started = startProcess({ name: 'dynalite', command: process.execPath, args, log: join(options.logDir, 'dynalite.out') });
  const endpoint = `http://127.0.0.1:${port}`;
  let exited = false;
  await waitUntil(`dynalite at ${endpoint}`, async () => {
    exited = !isAlive(started.pid);
    return exited || await isDynaliteReady(endpoint);
  }, options.readyTimeoutMs ?? 30_000).catch(async (error: unknown) => { await stopProcess(started.pid, 2_000); throw error; });
  if (exited) throw new Error(`dynalite (pid ${started.pid}) exited before it was ready; see ${started.log}`);
  return { endpoint, process: started };
}

/** Stop dynalite (SIGTERM, then SIGKILL after 5 s). */
export async function stopDynalite(dynalite: Dynalite): Promise<void> {
  await stopProcess(dynalite.process.pid, 5_000);
}
