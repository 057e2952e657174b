import type { Feature } from '../../schemas/annotations.ts';
import type { WorkloadSpec } from '../model/workload-spec.ts';
import { formatMilli } from '../quantity/format-quantity.ts';

/** An environment variable with a literal value. */
export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** Where the downwardAPI volume shows the pod's annotations inside each inject container (ARCHITECTURE §6). */
export const POD_INFO_DIR = '/etc/tensor-fusion/pod';

/**
 * The env names the webhook owns in inject containers. Amounts are per GPU, like the annotations; a
 * node-level limiter reads them at start and follows later changes in the mounted annotations file.
 */
export const LIMIT_ENV = {
  tflopsRequest: 'TF_TFLOPS_REQUEST',
  tflopsLimit: 'TF_TFLOPS_LIMIT',
  computePercentRequest: 'TF_COMPUTE_PERCENT_REQUEST',
  computePercentLimit: 'TF_COMPUTE_PERCENT_LIMIT',
  vramRequest: 'TF_VRAM_REQUEST_BYTES',
  vramLimit: 'TF_VRAM_LIMIT_BYTES',
  gpuCount: 'TF_GPU_COUNT',
  gpuModel: 'TF_GPU_MODEL',
  qos: 'TF_QOS',
  isolation: 'TF_ISOLATION_MODE',
  isLocalGpu: 'TF_IS_LOCAL_GPU',
  standaloneWorker: 'TF_STANDALONE_WORKER',
  dedicatedGpu: 'TF_DEDICATED_GPU',
  pool: 'TF_GPU_POOL',
  workload: 'TF_WORKLOAD',
  annotationsFile: 'TF_POD_ANNOTATIONS_FILE',
} as const;

/**
 * The env each `disable-features` entry adds (reference §2.9, `internal/utils/compose.go`). `start-worker`
 * has none: it changes the command of a remote worker, which the webhook does not create.
 */
export const FEATURE_ENV: Readonly<Record<Feature, EnvVar | undefined>> = {
  'gpu-limiter': { name: 'DISABLE_GPU_LIMITER', value: 'true' },
  'gpu-opt': { name: 'TF_ENABLE_DISPATCH_FORWARD', value: '1' },
  'mem-manager': { name: 'TF_DISABLE_MEMORY_MANAGER', value: '1' },
  'start-worker': undefined,
};

function amountEnv(spec: WorkloadSpec): EnvVar[] {
  const { requests, limits } = spec;
  const env: EnvVar[] = [];
  if (requests.tflopsMilli > 0 || limits.tflopsMilli > 0) {
    env.push({ name: LIMIT_ENV.tflopsRequest, value: formatMilli(requests.tflopsMilli) }, { name: LIMIT_ENV.tflopsLimit, value: formatMilli(limits.tflopsMilli) });
  } else if (requests.computePercentMilli > 0 || limits.computePercentMilli > 0) {
    env.push({ name: LIMIT_ENV.computePercentRequest, value: formatMilli(requests.computePercentMilli) },
      { name: LIMIT_ENV.computePercentLimit, value: formatMilli(limits.computePercentMilli) });
  }
  if (requests.vramBytes > 0 || limits.vramBytes > 0) {
    env.push({ name: LIMIT_ENV.vramRequest, value: String(requests.vramBytes) }, { name: LIMIT_ENV.vramLimit, value: String(limits.vramBytes) });
  }
  return env;
}

/**
 * The env injected into every inject container: the per-GPU limits and requests (TFLOPS as decimals,
 * VRAM in bytes), the GPU count, QoS, isolation and mode, the workload, the annotations file, and the
 * `disable-features` switches. Values are set even when the container already has the name, so the
 * container sees exactly what was admitted.
 */
export function limitEnv(spec: WorkloadSpec, workload: string): EnvVar[] {
  const env: EnvVar[] = [
    ...amountEnv(spec),
    { name: LIMIT_ENV.gpuCount, value: String(spec.gpuCount) },
    ...(spec.gpuModels.length > 0 ? [{ name: LIMIT_ENV.gpuModel, value: spec.gpuModels.join(',') }] : []),
    { name: LIMIT_ENV.qos, value: spec.qos },
    { name: LIMIT_ENV.isolation, value: spec.isolation },
    { name: LIMIT_ENV.isLocalGpu, value: String(spec.isLocalGpu) },
    { name: LIMIT_ENV.standaloneWorker, value: String(spec.standaloneWorker) },
    ...(spec.dedicatedGpu ? [{ name: LIMIT_ENV.dedicatedGpu, value: 'true' }] : []),
    ...(spec.pool === undefined ? [] : [{ name: LIMIT_ENV.pool, value: spec.pool }]),
    { name: LIMIT_ENV.workload, value: workload },
    { name: LIMIT_ENV.annotationsFile, value: `${POD_INFO_DIR}/annotations` },
  ];
  for (const feature of spec.disabledFeatures) {
    const added = FEATURE_ENV[feature];
    if (added !== undefined) env.push(added);
  }
  return env;
}
