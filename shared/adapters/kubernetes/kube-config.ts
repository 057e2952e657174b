import * as k8s from '@kubernetes/client-node';

/** Where to find the cluster: a kubeconfig file (local stack, operators), its text, or the in-cluster service account. */
export type ClusterAccess =
  | { readonly kind: 'kubeconfig-file'; readonly path: string; readonly context?: string }
  | { readonly kind: 'kubeconfig-text'; readonly text: string; readonly context?: string }
  | { readonly kind: 'in-cluster' };

/**
 * A KubeConfig for one cluster. One per cluster: every client made from it is bound to that cluster,
 * which is how one deployment of the functions serves many clusters (reference §5 of the feasibility notes).
 */
export function loadKubeConfig(access: ClusterAccess): k8s.KubeConfig {
  const config = new k8s.KubeConfig();
  if (access.kind === 'in-cluster') config.loadFromCluster();
  else if (access.kind === 'kubeconfig-file') config.loadFromFile(access.path);
  else config.loadFromString(access.text);
  if (access.kind !== 'in-cluster' && access.context !== undefined) config.setCurrentContext(access.context);
  return config;
}
