import type { KubeObject, WatchedResource } from '../../shared/adapters/kubernetes/informers/kube-object.ts';

/** The label that opts a pod (or a workload's pod template) in to TensorFusion. */
export const ENABLED_LABEL = 'tensor-fusion.ai/enabled';

/** What the cluster-agent watches, by the names of its `--watch` flag. */
export const KIND_NAMES = ['pods', 'nodes', 'workload-profiles', 'deployments', 'statefulsets'] as const;

/** A kind's name. */
export type KindName = (typeof KIND_NAMES)[number];

/** How one kind is watched and published. */
export interface WatchedKind {
  readonly name: KindName;
  /** The object `kind`, stamped on objects that arrive without one. */
  readonly kind: string;
  /** The event type prefix: `pod` gives `pod.upserted` / `pod.deleted`. */
  readonly eventPrefix: 'pod' | 'node' | 'workload-profile' | 'deployment' | 'statefulset';
  readonly resource: WatchedResource;
  /** Whether a listed or watched object is one to publish (a filter the API server cannot apply). */
  accepts(object: KubeObject): boolean;
}

/** Where to watch: one namespace, or the whole cluster when `namespace` is absent. */
export interface WatchScope {
  readonly namespace?: string;
}

const within = (scope: WatchScope, group: string, plural: string): string =>
  `${group}${scope.namespace === undefined ? '' : `/namespaces/${scope.namespace}`}/${plural}`;

/** An owner opts in through its pod template's label (or its own): the label selector cannot see templates. */
function ownerOptsIn(object: KubeObject): boolean {
  const template = (object['spec'] as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template;
  return template?.metadata?.labels?.[ENABLED_LABEL] === 'true' || object.metadata?.labels?.[ENABLED_LABEL] === 'true';
}

const always = (): boolean => true;

/**
 * The kinds the cluster-agent knows: opted-in pods (gated ones included: a scheduling gate is just a
 * field of the pod), nodes (cluster-scoped), WorkloadProfiles, and the Deployments and StatefulSets
 * whose pod template opts in, which replica autoscaling scales.
 */
export function watchedKind(name: KindName, scope: WatchScope): WatchedKind {
  switch (name) {
    case 'pods':
      return { name, kind: 'Pod', eventPrefix: 'pod', resource: { path: within(scope, '/api/v1', 'pods'), labelSelector: `${ENABLED_LABEL}=true` }, accepts: always };
    case 'nodes':
      return { name, kind: 'Node', eventPrefix: 'node', resource: { path: '/api/v1/nodes' }, accepts: always };
    case 'workload-profiles':
      return { name, kind: 'WorkloadProfile', eventPrefix: 'workload-profile', resource: { path: within(scope, '/apis/tensor-fusion.ai/v1', 'workloadprofiles') }, accepts: always };
    case 'deployments':
      return { name, kind: 'Deployment', eventPrefix: 'deployment', resource: { path: within(scope, '/apis/apps/v1', 'deployments') }, accepts: ownerOptsIn };
    case 'statefulsets':
      return { name, kind: 'StatefulSet', eventPrefix: 'statefulset', resource: { path: within(scope, '/apis/apps/v1', 'statefulsets') }, accepts: ownerOptsIn };
  }
}
