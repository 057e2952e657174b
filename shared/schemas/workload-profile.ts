import { z } from 'zod';
import { autoScalingConfigSchema, resourcesSchema } from './autoscaling-config.ts';
import { ISOLATION_MODES, QOS_LEVELS } from './annotations.ts';
import { objectMetaSchema } from './object-meta.ts';
import { countField } from './scalar-fields.ts';

/**
 * `WorkloadProfile.spec` (seed: "Configure WorkloadProfile Custom Resource"; reference §3.1). A template:
 * pod annotations override each field. Unknown fields are reported, not dropped.
 */
export const workloadProfileSpecSchema = z.strictObject({
  resources: resourcesSchema.optional().meta({ description: 'vGPU requests and limits: tflops or compute (percent of a GPU), and vram' }),
  replicas: countField.optional().meta({ description: 'Number of vGPU workers; unset means dynamic' }),
  isLocalGPU: z.boolean().optional().meta({ description: 'Run on the GPU server that runs the vGPU worker' }),
  sidecarWorker: z.boolean().optional().meta({ description: 'Run the vGPU worker standalone (sidecar) in local mode' }),
  poolName: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: 'be a Kubernetes object name' }).optional()
    .meta({ description: 'GPUPool to allocate from; unset means the default pool' }),
  qos: z.enum(QOS_LEVELS, { error: `be one of ${QOS_LEVELS.join(', ')}` }).optional().meta({ description: 'QoS level' }),
  isolation: z.enum(ISOLATION_MODES, { error: `be one of ${ISOLATION_MODES.join(', ')}` }).optional()
    .meta({ description: 'shared (no limiter), soft (limiter), hard (dedicated SMs) or partitioned (MIG or vNPU)' }),
  partitionTemplateId: z.string().optional().meta({ description: 'Partition template ID, read when isolation is partitioned' }),
  gpuCount: z.number({ error: 'be a whole number from 1 to 128' }).int({ error: 'be a whole number from 1 to 128' })
    .min(1, { error: 'be a whole number from 1 to 128' }).max(128, { error: 'be a whole number from 1 to 128' }).optional()
    .meta({ description: 'Number of GPUs, 1 to 128' }),
  gpuIndices: z.array(z.number().int().min(0)).optional().meta({ description: 'Indices of the GPUs to use' }),
  gpuModel: z.string().min(1).optional().meta({ description: 'GPU model, matched exactly against the GPU\'s reported model' }),
  vendor: z.string().min(1).optional().meta({ description: 'GPU vendor filter' }),
  autoScalingConfig: autoScalingConfigSchema.optional(),
  nodeAffinity: z.looseObject({}).optional().meta({ preserveUnknownFields: true, description: 'core/v1 NodeAffinity' }),
  workerPodTemplate: z.looseObject({}).optional().meta({ preserveUnknownFields: true, description: 'Pod template for remote vGPU workers' }),
  gangScheduling: z.strictObject({
    minMembers: countField.optional(),
    timeout: z.string().optional(),
    mode: z.enum(['Strict']).optional(),
  }).optional(),
});

/** A whole WorkloadProfile object (namespaced, `tensor-fusion.ai/v1`). */
export const workloadProfileSchema = z.looseObject({
  apiVersion: z.literal('tensor-fusion.ai/v1', { error: 'be tensor-fusion.ai/v1' }),
  kind: z.literal('WorkloadProfile', { error: 'be WorkloadProfile' }),
  metadata: objectMetaSchema,
  spec: workloadProfileSpecSchema.default({}),
});

/** A parsed WorkloadProfile: quantities converted (TFLOPS and percent in thousandths, VRAM in bytes). */
export type WorkloadProfile = z.output<typeof workloadProfileSchema>;
/** A parsed WorkloadProfile spec. */
export type WorkloadProfileSpec = z.output<typeof workloadProfileSpecSchema>;
