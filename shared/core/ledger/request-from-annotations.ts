import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import { parseAnnotations } from '../admission/parse-annotations.ts';
import type { AllocationRequest } from '../allocation/allocation-request.ts';
import { allowedModelNames, DEFAULT_MAX_WORKERS_PER_NODE } from '../allocation/request-from-spec.ts';
import { formatIssue, type Issue } from '../model/issue.ts';

/** The request, or why the annotations do not make one. */
export type RequestFromAnnotations =
  | { readonly ok: true; readonly request: AllocationRequest }
  | { readonly ok: false; readonly message: string };

/**
 * The allocation request of an admitted pod, read back from the normalised annotations admission wrote
 * (`normalisedAnnotations`: resolved per-GPU requests, `gpu-count`, `gpupool`, `gpu-model`, `vendor`,
 * `dedicated-gpu`). Those annotations are the resolved spec, so the allocator needs neither the profile
 * nor the pool again. Requests, not limits, are booked (reference §4.2). A dedicated pod takes whole GPUs.
 */
export function requestFromAnnotations(annotations: Readonly<Record<string, string>>): RequestFromAnnotations {
  const issues: Issue[] = [];
  const { parsed } = parseAnnotations(annotations, issues);
  if (issues.length > 0) return { ok: false, message: issues.map(formatIssue).join('; ') };
  const dedicatedGpu = parsed[K.dedicatedGpu] === true;
  const perGpu = {
    tflopsMilli: parsed[K.tflopsRequest] ?? 0,
    computePercentMilli: parsed[K.computePercentRequest] ?? 0,
    vramBytes: parsed[K.vramRequest] ?? 0,
    vramPercentMilli: 0,
  };
  if (!dedicatedGpu && perGpu.tflopsMilli === 0 && perGpu.computePercentMilli === 0 && perGpu.vramBytes === 0) {
    return { ok: false, message: `${K.tflopsRequest}, ${K.computePercentRequest} or ${K.vramRequest} must be set (admission writes them)` };
  }
  return {
    ok: true,
    request: {
      perGpu, gpuCount: parsed[K.gpuCount] ?? 1, gpuModels: allowedModelNames(parsed[K.gpuModel] ?? []), vendor: parsed[K.vendor],
      dedicatedGpu, pool: parsed[K.gpuPool], nodeSelector: {}, requiredNodeAffinity: [], tolerations: [], cpuMilli: 0, memoryMiB: 0,
      maxWorkersPerNode: DEFAULT_MAX_WORKERS_PER_NODE, maxWorkersPerGpu: 0,
    },
  };
}
