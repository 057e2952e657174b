import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isAlive, waitUntil } from '../processes.ts';
import type { Started } from '../processes.ts';
import type { KeyPair } from './certs.ts';

/** TLS material for probing the apiserver as a client. */
export interface ProbeTls {
  readonly caFile: string;
  readonly client: KeyPair;
}

/** GET `url` and resolve with its status code (any status resolves; only transport errors reject). */
export async function getStatus(url: string, tls?: ProbeTls): Promise<number> {
  const secure = tls === undefined ? {} : {
    ca: await readFile(tls.caFile), cert: await readFile(tls.client.cert), key: await readFile(tls.client.key),
  };
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', timeout: 5_000, ...secure }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Wait until `url` answers 200, failing fast with the tail of the process's log when the process
 * that should serve it exits first.
 */
export async function waitForOk(options: { process: Started; url: string; tls?: ProbeTls; timeoutMs: number }): Promise<void> {
  let exited = false;
  await waitUntil(`${options.process.name} at ${options.url}`, async () => {
    if (!isAlive(options.process.pid)) exited = true;
    return exited || (await getStatus(options.url, options.tls)) === 200;
  }, options.timeoutMs);
  if (exited) throw new Error(`${options.process.name} exited before ${options.url} was ready:\n${await logTail(options.process.log)}`);
}

/** The last lines of a log file, for error messages. */
export async function logTail(path: string, lines = 30): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
