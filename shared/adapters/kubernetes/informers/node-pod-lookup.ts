import type { KubeHttp } from './kube-http.ts';
import { listObjects } from './list-objects.ts';
import type { KubeObject } from './kube-object.ts';

/** The pod (and container) a GPU process belongs to. */
export interface PodIdentity {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
}

/** Finds pods of one node by UID, and a container by its runtime id. */
export interface PodLookup {
  byUid(uid: string, containerId: string | undefined): Promise<PodIdentity | undefined>;
}

interface KnownPod {
  readonly namespace: string;
  readonly pod: string;
  /** Runtime container id (without the `containerd://` scheme) → container name. */
  readonly containers: ReadonlyMap<string, string>;
}

type Status = { containerStatuses?: { name?: string; containerID?: string }[]; initContainerStatuses?: { name?: string; containerID?: string }[] };

function toKnown(object: KubeObject): [string, KnownPod] | [] {
  const { uid, namespace, name } = object.metadata ?? {};
  if (uid === undefined || namespace === undefined || name === undefined) return [];
  const status = (object['status'] ?? {}) as Status;
  const containers = new Map([...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])]
    .flatMap((container) => (container.containerID === undefined || container.name === undefined ? [] : [[container.containerID.replace(/^[a-z-]+:\/\//, ''), container.name] as const])));
  return [uid, { namespace, pod: name, containers }];
}

/**
 * Pods of `node` by UID, from a list with `fieldSelector=spec.nodeName=<node>` (RBAC: list pods). The list
 * is cached and read again on a UID it does not know, at most once per `refreshMs`, so a process of a pod
 * that just started is found on the next sample without listing on every sample. A failed list is
 * reported to `onError` and the process counts as no pod's until a later list finds it.
 */
export function createNodePodLookup(options: { readonly http: KubeHttp; readonly node: string; readonly refreshMs: number; readonly onError?: (error: unknown) => void }): PodLookup {
  let pods = new Map<string, KnownPod>();
  let listedAt = Number.NEGATIVE_INFINITY;
  let listing: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    listing ??= listObjects(options.http, { path: '/api/v1/pods', fieldSelector: `spec.nodeName=${options.node}` }, { pageSize: 500, signal: AbortSignal.timeout(10_000) })
      .then((found) => { pods = new Map(found.items.flatMap((item) => { const entry = toKnown(item); return entry.length === 0 ? [] : [entry]; })); listedAt = performance.now(); })
      .finally(() => { listing = undefined; });
    return listing;
  };
  return {
    async byUid(uid, containerId) {
      if (!pods.has(uid) && performance.now() - listedAt >= options.refreshMs) await refresh().catch((error: unknown) => options.onError?.(error));
      const found = pods.get(uid);
      if (found === undefined) return undefined;
      const container = containerId === undefined ? undefined : found.containers.get(containerId);
      return container === undefined ? { namespace: found.namespace, pod: found.pod } : { namespace: found.namespace, pod: found.pod, container };
    },
  };
}
