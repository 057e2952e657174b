/**
 * Every `tensor-fusion.ai/*` key vgpu-control reads, in one place.
 *
 * The seed's basic and advanced tables (../shared/seed/workload-configuration.md), plus the current
 * TensorFusion spellings accepted as aliases so manifests written for either generation work
 * (reference §1.2 and §1.4).
 */
export const DOMAIN = 'tensor-fusion.ai/';

/** Seed keys and current-generation aliases the resolver acts on, by field name. */
export const ANNOTATION_KEYS = {
  tflopsRequest: `${DOMAIN}tflops-request`,
  tflopsLimit: `${DOMAIN}tflops-limit`,
  vramRequest: `${DOMAIN}vram-request`,
  vramLimit: `${DOMAIN}vram-limit`,
  computePercentRequest: `${DOMAIN}compute-percent-request`,
  computePercentLimit: `${DOMAIN}compute-percent-limit`,
  injectContainer: `${DOMAIN}inject-container`,
  qos: `${DOMAIN}qos`,
  isLocalGpu: `${DOMAIN}is-local-gpu`,
  gpuCount: `${DOMAIN}gpu-count`,
  gpuPool: `${DOMAIN}gpupool`,
  gpuModel: `${DOMAIN}gpu-model`,
  dedicatedGpu: `${DOMAIN}dedicated-gpu`,
  workload: `${DOMAIN}workload`,
  workloadProfile: `${DOMAIN}workload-profile`,
  enabledReplicas: `${DOMAIN}enabled-replicas`,
  autoResources: `${DOMAIN}auto-resources`,
  autoReplicas: `${DOMAIN}auto-replicas`,
  standaloneWorkerMode: `${DOMAIN}standalone-worker-mode`,
  disableFeatures: `${DOMAIN}disable-features`,
  autoscale: `${DOMAIN}autoscale`,
  autoscaleTarget: `${DOMAIN}autoscale-target`,
  autoScaleTargetResource: `${DOMAIN}auto-scale-target-resource`,
  gpuIndices: `${DOMAIN}gpu-indices`,
  vendor: `${DOMAIN}vendor`,
  isolation: `${DOMAIN}isolation`,
  sidecarWorker: `${DOMAIN}sidecar-worker`,
  partitionId: `${DOMAIN}partition-id`,
} as const;

/** The keys that state a size (compute or VRAM, request or limit). */
export const RESOURCE_KEYS: readonly string[] = [
  ANNOTATION_KEYS.tflopsRequest, ANNOTATION_KEYS.tflopsLimit, ANNOTATION_KEYS.vramRequest, ANNOTATION_KEYS.vramLimit,
  ANNOTATION_KEYS.computePercentRequest, ANNOTATION_KEYS.computePercentLimit,
];

/**
 * On a pod's controller owner (ReplicaSet, StatefulSet, ...): the resource annotations recommend-resources
 * last applied to the owner's pods, as JSON (`shared/schemas/recommended-resources.ts`). Admission puts them
 * on the owner's new pods when auto-resources is on (functions/admit-pod/README.md).
 */
export const RECOMMENDED_RESOURCES_KEY = `${DOMAIN}recommended-resources`;

/** The opt-in label. */
export const ENABLED_LABEL = `${DOMAIN}enabled`;

/** The Node label naming the node's GPU pool (the node-agent reads it; the local fleet sets it). */
export const NODE_POOL_LABEL = `${DOMAIN}pool`;

/**
 * Keys that TensorFusion or vgpu-control itself writes on pods, or TensorFusion features vgpu-control
 * does not act on. They are accepted silently (system keys) or with a note (unsupported features),
 * never reported as unknown, so an already-mutated pod resolves cleanly.
 */
export const SYSTEM_KEYS: ReadonlySet<string> = new Set(
  [
    'gpu-ids', 'container-gpus', 'container-gpu-count', 'effective-hard-sm-percent', 'index',
    'selected-workload', 'embedded-worker', 'pending-owned-workload', 'pod-counter-key',
    'gang-desired-members', 'gang-required-members', 'gang-group-key', 'workload-mode', 'port-number',
    'port-name', 'host-port', 'last-sync', 'is-default-pool', 'gpu-shares', 'allocated-node', 'resolved-by',
    'recommended-resources',
  ].map((suffix) => DOMAIN + suffix),
);

/** TensorFusion user keys that vgpu-control accepts but does not implement (reported as a note). */
export const UNSUPPORTED_KEYS: ReadonlySet<string> = new Set(
  ['worker-pod-template', 'gang-enabled', 'gang-min-members', 'gang-timeout', 'eviction-protection']
    .map((suffix) => DOMAIN + suffix),
);
