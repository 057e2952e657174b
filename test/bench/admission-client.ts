// The load generator of bench:admission, run as a SECOND process so client and server do not share an
// event loop: N concurrent keep-alive connections (one https.Agent, N sockets) each send AdmissionReviews
// back to back until the time or request budget is spent, then print one JSON line of results and exit.
// node test/bench/admission-client.ts --url https://127.0.0.1:PORT/mutate-v1-pod --ca ca.crt --body review.json
//   [--connections 10] [--seconds 5] [--max-requests 200000] [--warmup-seconds 1]
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { parseArgs } from 'node:util';
import { quantile, round } from './measure.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' }, ca: { type: 'string' }, body: { type: 'string' },
    connections: { type: 'string', default: '10' }, seconds: { type: 'string', default: '5' },
    'max-requests': { type: 'string', default: '200000' }, 'warmup-seconds': { type: 'string', default: '1' },
  },
});
if (values.url === undefined || values.ca === undefined || values.body === undefined) throw new Error('--url, --ca and --body are required');
const url = new URL(values.url);
const connections = Number(values.connections);
const body = readFileSync(values.body);
const agent = new Agent({ keepAlive: true, maxSockets: connections, ca: readFileSync(values.ca) });

function post(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Run `connections` loops until `until`; latencies in ms of the requests that answered 200. */
async function run(until: number, budget: number): Promise<{ latencies: number[]; errors: number; elapsedMs: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const loop = async (): Promise<void> => {
    while (performance.now() < until && sent < budget) {
      sent++;
      const at = performance.now();
      const status = await post().catch(() => 0);
      if (status === 200) latencies.push(performance.now() - at);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return { latencies, errors, elapsedMs: performance.now() - started };
}


await run(performance.now() + Number(values['warmup-seconds']) * 1000, Number.POSITIVE_INFINITY);
const measured = await run(performance.now() + Number(values.seconds) * 1000, Number(values['max-requests']));
const sorted = [...measured.latencies].sort((a, b) => a - b);
console.log(JSON.stringify({
  connections, requests: sorted.length, errors: measured.errors, seconds: round(measured.elapsedMs / 1000),
  requestsPerSecond: Math.round((sorted.length / measured.elapsedMs) * 1000),
  p50Ms: round(quantile(sorted, 0.5)), p90Ms: round(quantile(sorted, 0.9)), p99Ms: round(quantile(sorted, 0.99)), maxMs: round(sorted.at(-1) ?? 0),
}));
agent.destroy();
