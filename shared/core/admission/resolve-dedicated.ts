import { ANNOTATION_KEYS as K, RESOURCE_KEYS } from '../../schemas/annotation-keys.ts';
import { conflictingOptions, invalidInput } from '../model/issue.ts';
import type { ResourceAmounts } from '../model/workload-spec.ts';
import type { ResolutionContext } from './resolution-context.ts';
import { knownModels } from './resolve-gpus.ts';
import type { ResolvedResources } from './resolve-resources.ts';

/**
 * dedicated-gpu (reference §2.6): requests and limits are the model's full capacity, so the pod gets
 * whole GPUs. It needs exactly one model the catalogue knows. Resource annotations beside it are an
 * issue (TensorFusion overrides them silently); profile amounts are a template and are overridden.
 */
export function resolveDedicated(context: ResolutionContext, models: readonly string[]): ResolvedResources {
  for (const key of RESOURCE_KEYS) {
    if (key in context.raw) context.issues.push(conflictingOptions(key, `not be set with ${K.dedicatedGpu}: "true" (a dedicated GPU gets the model's full capacity)`, context.raw[key]));
  }
  if (models.length === 0) {
    context.issues.push(invalidInput(K.dedicatedGpu, `be used with ${K.gpuModel} (or the profile's gpuModel): the full capacity comes from the model`, 'true'));
  } else if (models.length > 1) {
    context.issues.push(invalidInput(K.gpuModel, `name exactly one model when ${K.dedicatedGpu} is "true"`, models.join(',')));
  }
  const model = models.length === 1 ? knownModels(context, models, true)[0] : undefined;
  const full: ResourceAmounts = { tflopsMilli: model?.fp16TflopsMilli ?? 0, computePercentMilli: 0, vramBytes: model?.vramBytes ?? 0 };
  for (const name of ['computeRequest', 'computeLimit', 'vramRequest', 'vramLimit']) context.origins[name] = 'dedicated';
  return { requests: full, limits: full, bothSidesStated: true, limitFields: { compute: K.dedicatedGpu, vram: K.dedicatedGpu } };
}
