import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { Isolation } from '../../schemas/annotations.ts';
import { conflictingOptions, invalidInput } from '../model/issue.ts';
import { firstOf, profileField, type ResolutionContext } from './resolution-context.ts';

/** How the vGPU worker runs: local or remote, standalone or embedded, and the isolation mode. */
export interface WorkerMode {
  readonly isLocalGpu: boolean;
  readonly standaloneWorker: boolean;
  readonly isolation: Isolation;
  readonly partitionId: string | undefined;
}

function standaloneSetting(context: ResolutionContext) {
  const { parsed, raw } = context;
  const standalone = parsed[K.standaloneWorkerMode];
  const sidecar = parsed[K.sidecarWorker];
  if (standalone !== undefined && sidecar !== undefined && standalone !== sidecar) {
    context.issues.push(conflictingOptions(K.sidecarWorker, `agree with ${K.standaloneWorkerMode} (${raw[K.standaloneWorkerMode]}), its alias`, raw[K.sidecarWorker]));
  }
  return firstOf<boolean>(
    { value: standalone, origin: 'annotation', field: K.standaloneWorkerMode },
    { value: sidecar, origin: 'annotation', field: K.sidecarWorker },
    { value: context.profile?.spec.sidecarWorker, origin: 'profile', field: profileField(context, 'sidecarWorker') },
  );
}

/**
 * Local or remote GPU, worker mode and isolation. is-local-gpu: annotation, then the profile's
 * `isLocalGPU`, then the pool's `defaultUsingLocalGPU`, then false as the seed documents. TensorFusion
 * ignores the profile here and defaults to true (reference §1.4, §2.2); we honour the seed. `sidecar-worker: "true"`
 * forces local mode. standalone-worker-mode applies to local mode only: set with remote mode it is an issue (seed).
 */
export function resolveMode(context: ResolutionContext): WorkerMode {
  const standalone = standaloneSetting(context);
  const sidecarForcesLocal = context.parsed[K.sidecarWorker] === true;
  const local = firstOf<boolean>(
    { value: sidecarForcesLocal ? true : undefined, origin: 'annotation', field: K.sidecarWorker },
    { value: context.parsed[K.isLocalGpu], origin: 'annotation', field: K.isLocalGpu },
    { value: context.profile?.spec.isLocalGPU, origin: 'profile', field: profileField(context, 'isLocalGPU') },
    { value: context.pool?.spec.defaultUsingLocalGPU, origin: 'pool', field: 'GPUPool spec.defaultUsingLocalGPU' },
  ) ?? { value: false, origin: 'default' as const, field: K.isLocalGpu };
  if (sidecarForcesLocal && context.parsed[K.isLocalGpu] === false) {
    context.issues.push(conflictingOptions(K.isLocalGpu, `be "true" when ${K.sidecarWorker} is "true" (a sidecar worker runs beside the pod)`, 'false'));
  }
  if (!local.value && standalone !== undefined && standalone.origin === 'annotation') {
    context.issues.push(conflictingOptions(standalone.field, `be set only when ${K.isLocalGpu} is "true" (remote workers always run standalone)`, String(standalone.value)));
  }
  context.origins.isLocalGpu = local.origin;
  const standaloneWorker = local.value ? (standalone?.value ?? false) : true;
  return { isLocalGpu: local.value, standaloneWorker, ...resolveIsolation(context, local.value && !standaloneWorker) };
}

function resolveIsolation(context: ResolutionContext, embedded: boolean): Pick<WorkerMode, 'isolation' | 'partitionId'> {
  const isolation = firstOf<Isolation>(
    { value: context.parsed[K.isolation], origin: 'annotation', field: K.isolation },
    { value: context.profile?.spec.isolation, origin: 'profile', field: profileField(context, 'isolation') },
  ) ?? { value: 'soft' as const, origin: 'default' as const, field: K.isolation };
  if (isolation.value === 'hard' && embedded) {
    context.issues.push(conflictingOptions(isolation.field, `not be "hard" for an embedded local worker (set ${K.standaloneWorkerMode}: "true" or use remote mode)`, 'hard'));
  }
  const partition = context.parsed[K.partitionId] ?? context.profile?.spec.partitionTemplateId;
  if (partition !== undefined && isolation.value !== 'partitioned') {
    context.warnings.push(invalidInput(K.partitionId, 'be used only with isolation "partitioned"; it is ignored', partition));
  }
  context.origins.isolation = isolation.origin;
  return { isolation: isolation.value, partitionId: isolation.value === 'partitioned' ? partition : undefined };
}
