import { ANNOTATION_KEYS as K, RESOURCE_KEYS } from '../../schemas/annotation-keys.ts';
import { formatBytes, formatMilli } from '../quantity/format-quantity.ts';
import { invalidInput } from '../model/issue.ts';
import type { ResolutionContext } from './resolution-context.ts';
import { knownModels } from './resolve-gpus.ts';
import type { ResolvedResources } from './resolve-resources.ts';

/**
 * A GPU share needs a size: all-zero requests are an issue unless isolation is `shared` (whole GPU,
 * time-sliced), as TensorFusion's "tflops request is not set" check (reference §2.1 step 11).
 */
export function checkSized(context: ResolutionContext, resolved: ResolvedResources, shared: boolean): void {
  const { requests } = resolved;
  if (shared || requests.tflopsMilli > 0 || requests.computePercentMilli > 0 || requests.vramBytes > 0) return;
  if (RESOURCE_KEYS.some((key) => context.failedKeys.has(key))) return;
  context.issues.push(invalidInput(K.tflopsRequest, 'be set: a GPU share needs a size (tflops-request/limit, compute-percent-request/limit or vram-request/limit, in the annotations or the WorkloadProfile), or use dedicated-gpu'));
}

/**
 * Limits must fit on one GPU of at least one allowed model the catalogue knows (TensorFusion admits
 * such pods and leaves them unschedulable, reference §2.3). Models the catalogue does not know are not checked.
 */
export function checkFits(context: ResolutionContext, resolved: ResolvedResources, models: readonly string[]): void {
  const known = knownModels(context, models, false);
  if (known.length === 0) return;
  const { limits, limitFields } = resolved;
  const names = known.map((model) => model.model).join(', ');
  const maxTflops = Math.max(...known.map((model) => model.fp16TflopsMilli));
  const maxVram = Math.max(...known.map((model) => model.vramBytes));
  if (limits.tflopsMilli > maxTflops && limitFields.compute !== undefined) {
    context.issues.push(invalidInput(limitFields.compute, `fit on one GPU of the allowed models (${names}: at most ${formatMilli(maxTflops)} TFLOPS)`, formatMilli(limits.tflopsMilli)));
  }
  if (limits.vramBytes > maxVram && limitFields.vram !== undefined) {
    context.issues.push(invalidInput(limitFields.vram, `fit on one GPU of the allowed models (${names}: at most ${formatBytes(maxVram)})`, formatBytes(limits.vramBytes)));
  }
}
