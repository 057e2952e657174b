import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { KeyPair } from './certs.ts';

/** What a kubeconfig for one client identity needs. */
export interface KubeconfigOptions {
  /** `https://127.0.0.1:<port>`. */
  readonly server: string;
  readonly caFile: string;
  readonly client: KeyPair;
  /** Name for the cluster, user and context entries, e.g. `vgpu-local`. */
  readonly name: string;
}

/** The kubeconfig document: one cluster, one user, one context, file paths rather than inline data. */
export function kubeconfig(options: KubeconfigOptions): Record<string, unknown> {
  const { name } = options;
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: options.server, 'certificate-authority': options.caFile } }],
    users: [{ name, user: { 'client-certificate': options.client.cert, 'client-key': options.client.key } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: 'default' } }],
    'current-context': name,
  };
}

/** Write `kubeconfig(options)` as YAML to `path`, readable only by its owner. */
export async function writeKubeconfig(path: string, options: KubeconfigOptions): Promise<string> {
  await writeFile(path, stringify(kubeconfig(options)), { mode: 0o600 });
  return path;
}
