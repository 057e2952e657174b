// npm run stack -- up|down|status
// The local stack both `npm start` and `npm test` use: a real Kafka broker (KRaft), a real Kubernetes
// control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) and dynalite, all on
// loopback with random free ports. `up` is idempotent, `down` leaves no process behind.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDynalite } from './dynalite/start.ts';
import { endpointsFile, readEndpoints, stackDir, type StackEndpoints } from './endpoints.ts';
import { startKafka } from './kafka/start.ts';
import { startKubernetes } from './kubernetes/start.ts';
import { isAlive, stopProcess } from './processes.ts';

const timed = async <T>(part: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const value = await work();
  console.log(`stack: ${part} ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
};

/** Whether every process of the recorded stack is alive. */
export function isUp(endpoints: StackEndpoints | undefined): endpoints is StackEndpoints {
  return endpoints !== undefined && endpoints.processes.length > 0 && endpoints.processes.every((p) => isAlive(p.pid));
}

/** Start the stack, or reuse it when it is already up. Returns its endpoints. */
export async function up(options: { persist?: boolean } = {}): Promise<StackEndpoints> {
  const existing = readEndpoints();
  if (isUp(existing)) {
    console.log(`stack: already up (${endpointsFile()})`);
    return existing;
  }
  if (existing !== undefined) await down();
  const dir = stackDir();
  const logDir = join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const started = performance.now();
  const [kafka, kubernetes, dynamodb] = await Promise.all([
    timed('kafka', () => startKafka({ stateDir: join(dir, 'kafka'), logDir })),
    timed('kubernetes', () => startKubernetes({ stateDir: join(dir, 'kubernetes'), logDir })),
    timed('dynalite', () => startDynalite({ logDir, ...(options.persist === true ? { stateDir: join(dir, 'dynalite') } : {}) })),
  ]);
  const endpoints: StackEndpoints = {
    startedAt: new Date().toISOString(),
    kafka: { bootstrap: kafka.bootstrap, version: kafka.version },
    kubernetes: { server: kubernetes.server, kubeconfig: kubernetes.kubeconfig, caFile: kubernetes.caFile, version: kubernetes.version },
    dynamodb: { endpoint: dynamodb.endpoint, region: 'us-east-1' },
    processes: [kafka.process, ...kubernetes.processes, dynamodb.process],
  };
  writeFileSync(endpointsFile(), `${JSON.stringify(endpoints, null, 2)}\n`);
  console.log(`stack: up in ${((performance.now() - started) / 1000).toFixed(1)} s; endpoints in ${endpointsFile()}`);
  return endpoints;
}

/** Stop every process of the stack (newest first) and remove its state. */
export async function down(options: { keepState?: boolean } = {}): Promise<void> {
  const existing = readEndpoints();
  for (const started of [...(existing?.processes ?? [])].reverse()) await stopProcess(started.pid);
  if (options.keepState !== true) rmSync(stackDir(), { recursive: true, force: true });
  console.log('stack: down');
}

/** Print what is running; exit code 0 when the stack is up. */
export function status(): number {
  const existing = readEndpoints();
  if (existing === undefined) {
    console.log('stack: down (no endpoints file)');
    return 1;
  }
  for (const started of existing.processes) console.log(`${started.name.padEnd(24)} pid ${started.pid} ${isAlive(started.pid) ? 'alive' : 'DEAD'}  log ${started.log}`);
  console.log(JSON.stringify({ kafka: existing.kafka, kubernetes: existing.kubernetes, dynamodb: existing.dynamodb }, null, 2));
  return isUp(existing) ? 0 : 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...flags] = argv;
  if (command === 'up') return (await up({ persist: flags.includes('--persist') }), 0);
  if (command === 'down') return (await down({ keepState: flags.includes('--keep-state') }), 0);
  if (command === 'status') return status();
  console.error('usage: npm run stack -- up [--persist] | down [--keep-state] | status');
  return 2;
}

if (import.meta.filename === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
