import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../ports.ts';
import { startProcess, stopProcess } from '../processes.ts';
import type { Started } from '../processes.ts';
import { ensureKubernetesBinaries } from './build.ts';
import { ensureCertificates } from './certs.ts';
import type { Certificates } from './certs.ts';
import { apiserverArgs, controllerManagerArgs, etcdArgs, schedulerArgs, statePaths } from './flags.ts';
import type { StackPorts } from './flags.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { waitForOk } from './probe.ts';

/** A running local control plane. */
export interface KubernetesStack {
  /** `https://127.0.0.1:<port>`. */
  readonly server: string;
  /** Path of the admin kubeconfig (CN=kubernetes-admin, O=system:masters). */
  readonly kubeconfig: string;
  readonly caFile: string;
  /** etcd, kube-apiserver, kube-controller-manager, kube-scheduler, in start order. */
  readonly processes: Started[];
  /** Kubernetes version, e.g. `v1.35.4`. */
  readonly version: string;
}

/** Where the stack keeps its data (certs, kubeconfigs, etcd) and its process logs. */
export interface StartKubernetesOptions {
  readonly stateDir: string;
  readonly logDir: string;
  /** Progress lines (timings); defaults to console.log. */
  readonly log?: (line: string) => void;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * Start etcd, kube-apiserver, kube-controller-manager and kube-scheduler on random loopback ports,
 * building the binaries first when they are not cached. Resolves once /readyz answers 200 and the
 * controller-manager has created the `default` ServiceAccount (on a reused `stateDir` that account is
 * already there, so this then only shows the controller-manager started); on failure it stops what it
 * started. Each phase's time is logged (`[kubernetes] etcd ready in 412 ms`).
 */
export async function startKubernetes(options: StartKubernetesOptions): Promise<KubernetesStack> {
  const log = options.log ?? console.log;
  const timed = timer(log);
  const binaries = await timed('build', ensureKubernetesBinaries);
  const paths = statePaths(options.stateDir);
  await Promise.all([mkdir(options.logDir, { recursive: true }), mkdir(paths.etcdData, { recursive: true, mode: 0o700 })]);
  const certs = await timed('certs', () => ensureCertificates(paths.certs));
  const ports = await allocatePorts();
  const server = `https://127.0.0.1:${ports.apiserver}`;
  const processes: Started[] = [];
  const launch = (name: string, args: string[]): Started => {
    const started = startProcess({ name, command: join(binaries.dir, name), args, log: join(options.logDir, `${name}.log`) });
    processes.push(started);
    return started;
  };
  try {
    const kubeconfigs = await writeKubeconfigs({ dir: paths.kubeconfigs, server, certs });
    const etcd = launch('etcd', etcdArgs({ dataDir: paths.etcdData, ports }));
    await timed('etcd ready', () => waitForOk({ process: etcd, url: `http://127.0.0.1:${ports.etcdClient}/health`, timeoutMs: READY_TIMEOUT_MS }));
    const apiserver = launch('kube-apiserver', apiserverArgs({ certs, ports }));
    const tls = { caFile: certs.caFile, client: certs.admin };
    await timed('apiserver ready', () => waitForOk({ process: apiserver, url: `${server}/readyz`, tls, timeoutMs: READY_TIMEOUT_MS }));
    const controllerManager = launch('kube-controller-manager', controllerManagerArgs({ certs, kubeconfig: kubeconfigs.controllerManager }));
    launch('kube-scheduler', schedulerArgs({ kubeconfig: kubeconfigs.scheduler }));
    const defaultAccount = `${server}/api/v1/namespaces/default/serviceaccounts/default`;
    await timed('controller-manager ready', () => waitForOk({ process: controllerManager, url: defaultAccount, tls, timeoutMs: READY_TIMEOUT_MS }));
  } catch (error) {
    await stopKubernetes({ processes });
    throw error;
  }
  log(`[kubernetes] ${binaries.version} ready at ${server} (kubeconfig ${paths.kubeconfigs}/admin.kubeconfig)`);
  return { server, kubeconfig: join(paths.kubeconfigs, 'admin.kubeconfig'), caFile: certs.caFile, processes, version: binaries.version };
}

/** Stop the stack's processes in reverse start order (scheduler first, etcd last). */
export async function stopKubernetes(stack: Pick<KubernetesStack, 'processes'>): Promise<void> {
  for (const started of [...stack.processes].reverse()) await stopProcess(started.pid);
}

/** Three distinct free loopback ports (the kernel may hand the same one out twice in a row). */
async function allocatePorts(): Promise<StackPorts> {
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [etcdClient = 0, etcdPeer = 0, apiserver = 0] = ports;
  return { etcdClient, etcdPeer, apiserver };
}

/** One kubeconfig per identity: admin (for people and tests), controller-manager, scheduler. */
async function writeKubeconfigs(options: { dir: string; server: string; certs: Certificates }): Promise<{ controllerManager: string; scheduler: string }> {
  const { dir, server, certs } = options;
  const write = (name: string, client: Certificates['admin']): Promise<string> =>
    writeKubeconfig(join(dir, `${name}.kubeconfig`), { server, caFile: certs.caFile, client, name: 'vgpu-local' });
  const [, controllerManager, scheduler] = await Promise.all([
    write('admin', certs.admin), write('kube-controller-manager', certs.controllerManager), write('kube-scheduler', certs.scheduler),
  ]);
  return { controllerManager, scheduler };
}

/** Runs a step and logs how long it took, e.g. `[kubernetes] etcd ready in 412 ms`. */
function timer(log: (line: string) => void) {
  return async <T>(what: string, step: () => Promise<T>): Promise<T> => {
    const startedAt = Date.now();
    const result = await step();
    log(`[kubernetes] ${what} in ${Date.now() - startedAt} ms`);
    return result;
  };
}
