import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { Container } from '../../schemas/pod.ts';
import { invalidInput, notFound } from '../model/issue.ts';
import type { ResolutionContext } from './resolution-context.ts';

/** Native GPU resource names and the vendor each implies (reference §2.4: the vendor is inferred from them). */
const NATIVE_GPU_RESOURCES: Readonly<Record<string, string>> = {
  'nvidia.com/gpu': 'NVIDIA',
  'amd.com/gpu': 'AMD',
  'huawei.com/Ascend910': 'Ascend',
  'huawei.com/Ascend310': 'Ascend',
};

/** What the pod's containers say: native GPU limits, the vendor they imply, the inject containers. */
export interface ContainerFacts {
  readonly nativeGpuCount: number | undefined;
  readonly vendor: string | undefined;
  readonly gpuContainers: readonly string[];
}

function nativeCount(container: Container): { count: number; vendor: string | undefined } {
  let count = 0;
  let vendor: string | undefined;
  for (const [name, value] of Object.entries(container.resources?.limits ?? {})) {
    const implied = NATIVE_GPU_RESOURCES[name];
    const amount = Number(value);
    if (implied !== undefined && Number.isInteger(amount) && amount > 0) {
      count += amount;
      vendor = implied;
    }
  }
  return { count, vendor };
}

/** Native GPU limits summed over the containers (reference §2.4), and the containers that carry them. */
export function containerFacts(containers: readonly Container[]): ContainerFacts {
  let total = 0;
  let vendor: string | undefined;
  const gpuContainers: string[] = [];
  for (const container of containers) {
    const found = nativeCount(container);
    if (found.count > 0) {
      total += found.count;
      vendor = found.vendor;
      gpuContainers.push(container.name);
    }
  }
  return { nativeGpuCount: total > 0 ? total : undefined, vendor, gpuContainers };
}

/**
 * The containers that get the GPU share: `inject-container`, else the containers with native GPU
 * limits, else the only container. With several containers and no way to choose, and for names that
 * match no container, issues (TensorFusion ignores unknown names and may admit the pod unmutated).
 * When the pod lists no containers (a bare annotation check), the names are taken as given.
 */
export function resolveInjectContainers(context: ResolutionContext, facts: ContainerFacts): readonly string[] {
  const names = (context.pod.spec?.containers ?? []).map((container) => container.name);
  const listed = context.parsed[K.injectContainer];
  if (listed !== undefined) {
    const unknown = names.length === 0 ? [] : listed.filter((name) => !names.includes(name));
    if (unknown.length > 0) {
      context.issues.push(notFound(K.injectContainer, `name containers of the pod (${names.join(', ')})`, context.raw[K.injectContainer]));
    }
    return listed;
  }
  if (facts.gpuContainers.length > 0) return facts.gpuContainers;
  if (names.length > 1 && !context.failedKeys.has(K.injectContainer)) {
    context.issues.push(invalidInput(K.injectContainer, `be set when the pod has more than one container (${names.join(', ')})`));
  }
  return names.length === 1 ? names : [];
}
