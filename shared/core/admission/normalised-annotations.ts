import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { ResourceAmounts, WorkloadSpec } from '../model/workload-spec.ts';
import { formatBytes, formatMilli } from '../quantity/format-quantity.ts';

type Amounts = Record<string, string>;

/** Compute amounts in the unit the spec uses, both sides, so that reading them back gives the same pair. */
function computeAmounts(requests: ResourceAmounts, limits: ResourceAmounts): Amounts {
  if (requests.tflopsMilli > 0 || limits.tflopsMilli > 0) {
    return { [K.tflopsRequest]: formatMilli(requests.tflopsMilli), [K.tflopsLimit]: formatMilli(limits.tflopsMilli) };
  }
  if (requests.computePercentMilli > 0 || limits.computePercentMilli > 0) {
    return { [K.computePercentRequest]: formatMilli(requests.computePercentMilli), [K.computePercentLimit]: formatMilli(limits.computePercentMilli) };
  }
  return {};
}

function vramAmounts(requests: ResourceAmounts, limits: ResourceAmounts): Amounts {
  if (requests.vramBytes === 0 && limits.vramBytes === 0) return {};
  return { [K.vramRequest]: formatBytes(requests.vramBytes), [K.vramLimit]: formatBytes(limits.vramBytes) };
}

const optional = (key: string, value: string | undefined): Amounts => (value === undefined ? {} : { [key]: value });
const listed = (key: string, values: readonly (string | number)[] | undefined): Amounts =>
  values === undefined || values.length === 0 ? {} : { [key]: values.join(',') };

/**
 * The resolved spec as `tensor-fusion.ai/*` annotations (reference §2.10: TensorFusion writes the same
 * keys back), so the allocator, a node-level limiter and humans read one answer on the pod itself.
 * Amounts are canonical quantities (`4Gi`, `10.5`), both sides written whenever one is set.
 *
 * The set is a fixed point: resolving a pod that carries these annotations gives the same spec again,
 * which is what makes admitting an admitted pod a no-op. Hence two omissions: a `dedicated-gpu` pod keeps
 * its amounts implicit (the key plus `gpu-model` state them; amounts beside it are an issue), and
 * `standalone-worker-mode` is written in local mode only (remote workers are always standalone).
 */
export function normalisedAnnotations(spec: WorkloadSpec): Record<string, string> {
  return {
    ...(spec.dedicatedGpu ? {} : { ...computeAmounts(spec.requests, spec.limits), ...vramAmounts(spec.requests, spec.limits) }),
    [K.qos]: spec.qos,
    [K.gpuCount]: String(spec.gpuCount),
    ...listed(K.gpuIndices, spec.gpuIndices),
    ...optional(K.gpuPool, spec.pool),
    ...listed(K.gpuModel, spec.gpuModels),
    ...optional(K.vendor, spec.vendor),
    [K.isLocalGpu]: String(spec.isLocalGpu),
    ...(spec.isLocalGpu ? { [K.standaloneWorkerMode]: String(spec.standaloneWorker) } : {}),
    [K.isolation]: spec.isolation,
    ...optional(K.partitionId, spec.partitionId),
    ...listed(K.injectContainer, spec.injectContainers),
  };
}
