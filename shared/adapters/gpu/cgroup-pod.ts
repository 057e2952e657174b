/** A container of a pod, as its cgroup path names it. */
export interface CgroupPod {
  readonly podUid: string;
  /** The container runtime id (`cri-containerd-<id>`, `docker-<id>`, or the last path segment), when present. */
  readonly containerId?: string;
}

// cgroup v1: `/kubepods/burstable/pod1f6f.../<container id>`;
// cgroup v2 (systemd driver): `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1f6f_...slice/cri-containerd-<id>.scope`.
const POD = /kubepods[^\n]*?[/-]pod([0-9a-fA-F]{8}[-_][0-9a-fA-F]{4}[-_][0-9a-fA-F]{4}[-_][0-9a-fA-F]{4}[-_][0-9a-fA-F]{12})(?:\.slice)?(?:\/([^\n/]+))?/;
const CONTAINER = /^(?:(?:cri-containerd|crio|docker|containerd)-)?([0-9a-f]{12,64})(?:\.scope)?$/;

/**
 * The pod (and container) a process belongs to, from the text of `/proc/<pid>/cgroup`: the kubelet puts
 * every container in a cgroup under `kubepods` whose path holds `pod<uid>` (with `_` for `-` under the
 * systemd driver). `undefined` for a process outside Kubernetes pods. TensorFusion maps processes the
 * same way when the process environment does not name the pod (reference §6.1).
 */
export function podOfCgroup(text: string): CgroupPod | undefined {
  for (const line of text.split('\n')) {
    const found = POD.exec(line);
    if (found === null) continue;
    const podUid = (found[1] as string).replaceAll('_', '-').toLowerCase();
    const containerId = CONTAINER.exec(found[2] ?? '')?.[1];
    return containerId === undefined ? { podUid } : { podUid, containerId };
  }
  return undefined;
}
