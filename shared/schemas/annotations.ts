import { z } from 'zod';
import { ANNOTATION_KEYS as K } from './annotation-keys.ts';
import { amountText } from './quantity-fields.ts';
import {
  booleanText, checkedText, enumText, isContainerName, isIndex, isModelName, listText, objectNameText, wholeText,
} from './text-fields.ts';

/** QoS levels, lowest first (reference §7). */
export const QOS_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
/** Isolation modes (reference §3.1). */
export const ISOLATION_MODES = ['shared', 'soft', 'hard', 'partitioned'] as const;
/** Built-in features `disable-features` can switch off (reference §2.9). */
export const FEATURES = ['gpu-limiter', 'gpu-opt', 'mem-manager', 'start-worker'] as const;
/** What autoscaling resizes; `tflops` is the v1 spelling of `compute`. */
export const AUTOSCALE_TARGETS = ['compute', 'vram', 'all'] as const;

const featureList = listText(`list only ${FEATURES.join(', ')} (comma separated, no repeats)`,
  (entry) => (FEATURES as readonly string[]).includes(entry)).transform((entries) => entries as Feature[]);

/**
 * One zod schema per annotation key, all optional. The output is typed: TFLOPS and percent in
 * thousandths, VRAM in bytes, booleans, numbers and lists. Every failing key is reported at once,
 * each issue carrying the key as its path, the rule as its message and the value as its input.
 */
export const annotationsSchema = z.object({
  [K.tflopsRequest]: amountText('tflops').optional(),
  [K.tflopsLimit]: amountText('tflops').optional(),
  [K.vramRequest]: amountText('vram').optional(),
  [K.vramLimit]: amountText('vram').optional(),
  [K.computePercentRequest]: amountText('percent').optional(),
  [K.computePercentLimit]: amountText('percent').optional(),
  [K.injectContainer]: listText('be a comma list of container names with no empty entries or repeats', isContainerName).optional(),
  [K.qos]: enumText(QOS_LEVELS).optional(),
  [K.isLocalGpu]: booleanText.optional(),
  [K.gpuCount]: wholeText(1, 128, 'be a whole number from 1 to 128').optional(),
  [K.gpuPool]: objectNameText.optional(),
  [K.gpuModel]: listText('be a GPU model like A100, or a comma list of allowed models', isModelName).optional(),
  [K.dedicatedGpu]: booleanText.optional(),
  [K.workload]: objectNameText.optional(),
  [K.workloadProfile]: objectNameText.optional(),
  [K.enabledReplicas]: wholeText(0, 2_147_483_647, 'be a whole number of replicas, 0 or more').optional(),
  [K.autoResources]: booleanText.optional(),
  [K.autoReplicas]: booleanText.optional(),
  [K.standaloneWorkerMode]: booleanText.optional(),
  [K.disableFeatures]: featureList.optional(),
  [K.autoscale]: booleanText.optional(),
  [K.autoscaleTarget]: enumText(AUTOSCALE_TARGETS, { tflops: 'compute' }).optional(),
  [K.autoScaleTargetResource]: enumText(AUTOSCALE_TARGETS, { tflops: 'compute' }).optional(),
  [K.gpuIndices]: listText('be a comma list of distinct GPU indices like 0,1', isIndex)
    .transform((entries) => entries.map(Number)).optional(),
  [K.vendor]: checkedText('be a vendor name like NVIDIA', (text) => (/^[A-Za-z][A-Za-z0-9_-]{0,62}$/.test(text) ? text : undefined)).optional(),
  [K.isolation]: enumText(ISOLATION_MODES).optional(),
  [K.sidecarWorker]: booleanText.optional(),
  [K.partitionId]: checkedText('be a partition template id', (text) => (text.length > 0 && text.length <= 253 ? text : undefined)).optional(),
});

/** Parsed annotations: every key optional, values typed. */
export type ParsedAnnotations = z.output<typeof annotationsSchema>;
/** A QoS level. */
export type Qos = (typeof QOS_LEVELS)[number];
/** An isolation mode. */
export type Isolation = (typeof ISOLATION_MODES)[number];
/** A feature `disable-features` can name. */
export type Feature = (typeof FEATURES)[number];
/** An autoscaling target resource. */
export type AutoscaleTarget = (typeof AUTOSCALE_TARGETS)[number];
