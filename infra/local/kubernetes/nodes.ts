import * as k8s from '@kubernetes/client-node';
import { loadKubeConfig } from '../../../shared/adapters/kubernetes/kube-config.ts';

/** A GPU server to register as a Node object (there is no kubelet; the object is the whole node). */
export interface GpuNodeSpec {
  readonly name: string;
  readonly labels?: Record<string, string>;
  /** Whole GPUs, published as the `nvidia.com/gpu` extended resource. */
  readonly gpus: number;
  /** GPU product name, e.g. `A100`; published as the `nvidia.com/gpu.product` label. */
  readonly model: string;
  /** CPU capacity as a quantity; default `64`. */
  readonly cpu?: string;
  /** Memory capacity as a quantity; default `256Gi`. */
  readonly memory?: string;
}

/** The extended resource the NVIDIA device plugin advertises. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/**
 * Create each node (or keep it if it exists), then write its status through the status subresource:
 * capacity and allocatable (cpu, memory, pods, nvidia.com/gpu) and a Ready condition, as a kubelet
 * and the NVIDIA device plugin would, and without taints, so the scheduler places pods on them.
 * Resolves with the nodes as the API server stored them.
 */
export async function registerGpuNodes(kubeconfig: string, nodes: readonly GpuNodeSpec[]): Promise<k8s.V1Node[]> {
  const config = loadKubeConfig({ kind: 'kubeconfig-file', path: kubeconfig });
  const core = config.makeApiClient(k8s.CoreV1Api);
  const registered: k8s.V1Node[] = [];
  for (const node of nodes) {
    await createIfMissing(core, nodeObject(node));
    // The TaintNodesByCondition admission plugin taints every new Node node.kubernetes.io/not-ready;
    // the node-lifecycle controller, which would lift it, is off (see flags.ts), so lift it here.
    await core.patchNode({ name: node.name, body: { spec: { taints: null } } }, MERGE_PATCH);
    registered.push(await core.patchNodeStatus({ name: node.name, body: { status: nodeStatus(node, new Date()) } }, MERGE_PATCH));
  }
  return registered;
}

const MERGE_PATCH = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

/** The Node object without status: labels a GPU node carries (hostname, os, arch, GPU product and count). */
export function nodeObject(node: GpuNodeSpec): k8s.V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'nvidia.com/gpu.product': node.model,
        'nvidia.com/gpu.count': String(node.gpus),
        ...node.labels,
      },
    },
    spec: {},
  };
}

/** The status a kubelet would report: resources and a Ready condition stamped at `now`. */
export function nodeStatus(node: GpuNodeSpec, now: Date): Record<string, unknown> {
  const resources = { cpu: node.cpu ?? '64', memory: node.memory ?? '256Gi', pods: '110', [GPU_RESOURCE]: String(node.gpus) };
  const stamp = now.toISOString();
  return {
    capacity: resources,
    allocatable: resources,
    addresses: [{ type: 'Hostname', address: node.name }],
    conditions: [{
      type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'registered by vgpu-control local stack',
      lastHeartbeatTime: stamp, lastTransitionTime: stamp,
    }],
  };
}

async function createIfMissing(core: k8s.CoreV1Api, body: k8s.V1Node): Promise<void> {
  try {
    await core.createNode({ body });
  } catch (error) {
    if (!(error instanceof k8s.ApiException && error.code === 409)) throw error;
  }
}
