import { join } from 'node:path';
import type { Certificates } from './certs.ts';

/** Service IPs; the first one, 10.0.0.1, is the `kubernetes` Service and is in the serving cert. */
export const SERVICE_CLUSTER_IP_RANGE = '10.0.0.0/24';

/** The loopback ports the stack listens on, each picked by `freePort()`. */
export interface StackPorts {
  readonly etcdClient: number;
  readonly etcdPeer: number;
  readonly apiserver: number;
}

/**
 * etcd v3.6 as a single member on loopback, plain HTTP (nothing leaves 127.0.0.1).
 * `--unsafe-no-fsync` trades crash safety, which a throw-away local store does not need, for speed.
 */
export function etcdArgs(options: { dataDir: string; ports: StackPorts }): string[] {
  const client = `http://127.0.0.1:${options.ports.etcdClient}`;
  const peer = `http://127.0.0.1:${options.ports.etcdPeer}`;
  return [
    '--name=local', `--data-dir=${options.dataDir}`,
    `--listen-client-urls=${client}`, `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`, `--initial-advertise-peer-urls=${peer}`, `--initial-cluster=local=${peer}`,
    '--unsafe-no-fsync', '--log-level=warn',
  ];
}

/**
 * kube-apiserver on 127.0.0.1 with client-certificate auth, RBAC and the default admission plugins
 * (MutatingAdmissionWebhook and ValidatingAdmissionWebhook included). There is no kubelet, so
 * `--endpoint-reconciler-type=none`: the reconciler would otherwise try to publish 127.0.0.1, which
 * Endpoints validation rejects as a loopback address.
 */
export function apiserverArgs(options: { certs: Certificates; ports: StackPorts }): string[] {
  const { certs } = options;
  return [
    `--etcd-servers=http://127.0.0.1:${options.ports.etcdClient}`,
    '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${options.ports.apiserver}`,
    `--tls-cert-file=${certs.apiserver.cert}`, `--tls-private-key-file=${certs.apiserver.key}`,
    `--client-ca-file=${certs.caFile}`,
    '--authorization-mode=Node,RBAC',
    `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${certs.serviceAccountPub}`,
    `--service-account-signing-key-file=${certs.serviceAccountKey}`,
    '--endpoint-reconciler-type=none',
    '--profiling=false', '--v=1',
  ];
}

/**
 * kube-controller-manager, signing service-account tokens with the apiserver's key. The
 * `node-lifecycle-controller` is off: registered GPU nodes have no kubelet to renew their lease, and
 * the controller would mark them NotReady and taint them after the grace period (nodes.ts lifts the
 * not-ready taint that admission puts on new nodes, the other half of that controller's job).
 */
export function controllerManagerArgs(options: { certs: Certificates; kubeconfig: string }): string[] {
  const { certs } = options;
  return [
    ...componentArgs(options.kubeconfig),
    `--service-account-private-key-file=${certs.serviceAccountKey}`,
    `--root-ca-file=${certs.caFile}`,
    `--cluster-signing-cert-file=${certs.caFile}`, `--cluster-signing-key-file=${certs.caKeyFile}`,
    '--use-service-account-credentials=true',
    '--controllers=*,-node-lifecycle-controller',
  ];
}

/** kube-scheduler with its own identity (CN=system:kube-scheduler). */
export function schedulerArgs(options: { kubeconfig: string }): string[] {
  return componentArgs(options.kubeconfig);
}

/**
 * Flags both controller-manager and scheduler take: their own kubeconfig, no HTTPS endpoint of their
 * own (`--secure-port=0`; nothing scrapes or probes them locally), and no leader election (one replica).
 */
function componentArgs(kubeconfig: string): string[] {
  return [`--kubeconfig=${kubeconfig}`, '--secure-port=0', '--leader-elect=false', '--v=1'];
}

/** Where each process keeps its files inside the stack's state folder. */
export function statePaths(stateDir: string): { certs: string; etcdData: string; kubeconfigs: string } {
  return { certs: join(stateDir, 'pki'), etcdData: join(stateDir, 'etcd'), kubeconfigs: stateDir };
}
