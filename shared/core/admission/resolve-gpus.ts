import { ANNOTATION_KEYS as K } from '../../schemas/annotation-keys.ts';
import type { GpuModelSpec } from '../catalogue/gpu-model.ts';
import { conflictingOptions, invalidInput, notFound } from '../model/issue.ts';
import { firstOf, profileField, type ResolutionContext } from './resolution-context.ts';
import type { ContainerFacts } from './resolve-containers.ts';

/** How many GPUs, which ones, and of which models and vendor. */
export interface GpuChoice {
  readonly gpuCount: number;
  readonly gpuIndices: readonly number[] | undefined;
  readonly gpuModels: readonly string[];
  readonly vendor: string | undefined;
}

/**
 * gpu-count by the precedence of reference §2.2: `gpu-indices` length, the annotation, the profile,
 * the native GPU limits of the containers, then 1. Counts are per worker and all GPUs sit on one node.
 * gpu-indices and gpu-count that disagree are an issue (TensorFusion lets the indices win silently).
 */
export function resolveGpus(context: ResolutionContext, containers: ContainerFacts): GpuChoice {
  const indices = context.parsed[K.gpuIndices] ?? context.profile?.spec.gpuIndices;
  const count = firstOf<number>(
    { value: context.parsed[K.gpuCount], origin: 'annotation', field: K.gpuCount },
    { value: context.profile?.spec.gpuCount, origin: 'profile', field: profileField(context, 'gpuCount') },
    { value: containers.nativeGpuCount, origin: 'containers', field: 'containers resources.limits' },
  );
  if (indices !== undefined && count !== undefined && count.origin !== 'containers' && count.value !== indices.length) {
    context.issues.push(conflictingOptions(count.field, `equal the number of ${K.gpuIndices} (${indices.length})`, String(count.value)));
  }
  if (indices !== undefined && indices.length > 128) {
    context.issues.push(invalidInput(K.gpuIndices, 'name at most 128 GPUs', indices.join(',')));
  }
  context.origins.gpuCount = indices !== undefined ? 'annotation' : (count?.origin ?? 'default');
  const models = context.parsed[K.gpuModel] ?? splitModels(context.profile?.spec.gpuModel);
  context.origins.gpuModel = context.parsed[K.gpuModel] !== undefined ? 'annotation' : models.length > 0 ? 'profile' : 'default';
  return {
    gpuCount: indices?.length ?? count?.value ?? 1,
    gpuIndices: indices,
    gpuModels: models,
    vendor: context.parsed[K.vendor] ?? context.profile?.spec.vendor ?? containers.vendor ?? context.pool?.spec.nodeManagerConfig?.defaultVendor,
  };
}

function splitModels(text: string | undefined): string[] {
  return text === undefined ? [] : text.split(',').map((model) => model.trim()).filter((model) => model.length > 0);
}

/**
 * The catalogue entries of the allowed models, reporting models the catalogue does not know when
 * `required` (dedicated-gpu needs a capacity); otherwise unknown models are allowed (the allocator
 * matches them against the GPUs' reported model).
 */
export function knownModels(context: ResolutionContext, models: readonly string[], required: boolean): GpuModelSpec[] {
  const known: GpuModelSpec[] = [];
  for (const model of models) {
    const spec = context.catalogue.lookup(model);
    if (spec !== undefined) known.push(spec);
    else if (required) {
      context.issues.push(notFound(K.gpuModel, 'name a GPU model in the catalogue (dedicated-gpu needs its full capacity; add it to the catalogue configuration)', model));
    }
  }
  return known;
}
