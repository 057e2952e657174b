import { DOMAIN } from '../../schemas/annotation-keys.ts';
import type { JsonValue } from './json-patch.ts';
import { POD_INFO_DIR, type EnvVar } from './limit-env.ts';

/** The scheduling gate every admitted pod carries until the allocator has placed it (ARCHITECTURE §1). */
export const ALLOCATION_GATE = `${DOMAIN}allocation`;
/** The label naming the pod's workload. */
export const WORKLOAD_LABEL = `${DOMAIN}workload`;
/** The downwardAPI volume that shows the pod's annotations and labels to the inject containers. */
export const POD_INFO_VOLUME = 'tensor-fusion-pod-info';

/**
 * Vendor resources that claim whole GPUs natively; the webhook removes them from the inject containers
 * because the GPU share replaces them (reference §2.4). `nvidia.com/mig-*` are MIG slices.
 */
export const VENDOR_GPU_RESOURCES: readonly string[] = [
  'nvidia.com/gpu', 'amd.com/gpu', 'gpu.intel.com/i915', 'gpu.intel.com/xe', 'huawei.com/Ascend910', 'huawei.com/Ascend310', 'metax-tech.com/gpu',
];
const isVendorGpu = (resource: string): boolean => VENDOR_GPU_RESOURCES.includes(resource) || resource.startsWith('nvidia.com/mig-');

/** What admission changes on a pod, derived from the resolved spec. */
export interface PodMutation {
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly env: readonly EnvVar[];
  readonly injectContainers: readonly string[];
  /** Set only when the pod names no priority class. */
  readonly priorityClassName: string | undefined;
}

type Loose = Record<string, unknown>;
interface PodContainer extends Loose {
  name: string;
  env?: Loose[];
  volumeMounts?: Loose[];
  resources?: Loose & { requests?: Loose; limits?: Loose };
}
interface PodShape extends Loose {
  metadata?: Loose & { annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: Loose & { containers?: PodContainer[]; volumes?: Loose[]; schedulingGates?: Loose[]; priorityClassName?: string };
}

// The volume as the API server stores it after defaulting (defaultMode 420, fieldRef apiVersion v1), so a
// pod that already has it compares equal and a second admission patches nothing.
const POD_INFO: Loose = {
  name: POD_INFO_VOLUME,
  downwardAPI: {
    defaultMode: 420,
    items: [
      { path: 'annotations', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.annotations' } },
      { path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } },
    ],
  },
};
const POD_INFO_MOUNT: Loose = { name: POD_INFO_VOLUME, mountPath: POD_INFO_DIR, readOnly: true };

/** A copy of `list` with `entry` in place of the entry with the same name, or appended. */
function upsertNamed(list: readonly Loose[] | undefined, entry: Loose): Loose[] {
  const copy = [...(list ?? [])];
  const at = copy.findIndex((item) => item['name'] === entry['name']);
  if (at < 0) copy.push(entry);
  else copy[at] = entry;
  return copy;
}

const withoutVendorGpus = (amounts: Loose): Loose => Object.fromEntries(Object.entries(amounts).filter(([name]) => !isVendorGpu(name)));

function mutateContainer(container: PodContainer, mutation: PodMutation): PodContainer {
  const { resources } = container;
  const env = mutation.env.reduce((list, variable) => upsertNamed(list, { ...variable }), container.env ?? []);
  return {
    ...container,
    ...(resources === undefined ? {} : { resources: {
      ...resources,
      ...(resources.requests === undefined ? {} : { requests: withoutVendorGpus(resources.requests) }),
      ...(resources.limits === undefined ? {} : { limits: withoutVendorGpus(resources.limits) }),
    } }),
    env,
    volumeMounts: upsertNamed(container.volumeMounts, POD_INFO_MOUNT),
  };
}

function mutateSpec(source: NonNullable<PodShape['spec']>, mutation: PodMutation): Loose {
  const gates = source.schedulingGates ?? [];
  const spec: NonNullable<PodShape['spec']> = {
    ...source,
    schedulingGates: gates.some((gate) => gate['name'] === ALLOCATION_GATE) ? gates : [...gates, { name: ALLOCATION_GATE }],
    ...(source.containers === undefined ? {} : {
      containers: source.containers.map((container) => (mutation.injectContainers.includes(container.name) ? mutateContainer(container, mutation) : container)),
    }),
    volumes: upsertNamed(source.volumes, POD_INFO),
  };
  if (mutation.priorityClassName !== undefined && (source.priorityClassName ?? '') === '') {
    spec.priorityClassName = mutation.priorityClassName;
    delete spec['priority'];
    delete spec['preemptionPolicy'];
  }
  return spec;
}

/**
 * Apply `mutation` to the pod as received (ARCHITECTURE §6): annotations and labels merged, the
 * allocation scheduling gate, env and the downwardAPI mount in each inject container with native vendor
 * GPU resources removed, the pod-info volume, and the QoS priority class when the pod has none (its
 * `priority` and `preemptionPolicy` cleared so the Priority plugin recomputes them, as TensorFusion does,
 * reference §2.1 step 13). Every step replaces what it owns, so applying it twice changes nothing.
 * Copy-on-write: the input is never changed, and untouched parts are shared with it (the diff skips them).
 */
export function mutatePod(raw: JsonValue, mutation: PodMutation): JsonValue {
  const source = raw as PodShape;
  const metadata = source.metadata ?? {};
  return {
    ...source,
    metadata: { ...metadata, annotations: { ...metadata.annotations, ...mutation.annotations }, labels: { ...metadata.labels, ...mutation.labels } },
    spec: mutateSpec(source.spec ?? {}, mutation),
  } as JsonValue;
}
