import { z } from 'zod';
import { countField, gpuUuidField, objectNameField, textField } from './event-fields.ts';
import { envelopeOf } from './envelope.ts';

/** The event types on the `gpu-inventory` topic. */
export const GPU_INVENTORY_EVENT_TYPES = ['gpu-node.inventory'] as const;

/** One physical GPU as the node-agent discovered it. Capacity is integral: bytes and thousandths of TFLOPS. */
export const inventoryGpuSchema = z.object({
  uuid: gpuUuidField,
  /** Device index on the node (what `tensor-fusion.ai/gpu-indices` refers to). */
  index: countField,
  /** Model name as reported (`NVIDIA A100-SXM4-80GB`); matched against the GPU catalogue. */
  model: textField(128),
  vramBytes: countField,
  /** Dense FP16 TFLOPS in thousandths: 312 TFLOPS is 312000. */
  fp16TflopsMilli: countField,
});

/**
 * `gpu-node.inventory`: the full GPU inventory of one node, sent on start and on every change. It is a
 * snapshot, not a delta, so the latest event per node is the truth (a GPU missing from it is gone).
 */
export const gpuNodeInventorySchema = envelopeOf('gpu-node.inventory', z.object({
  node: objectNameField,
  pool: objectNameField,
  gpus: z.array(inventoryGpuSchema),
}).superRefine((data, ctx) => {
  const seen = { uuid: new Set<string>(), index: new Set<number>() };
  data.gpus.forEach((gpu, at) => {
    if (seen.uuid.has(gpu.uuid)) ctx.addIssue({ code: 'custom', path: ['gpus', at, 'uuid'], input: gpu.uuid, message: 'be unique on the node' });
    if (seen.index.has(gpu.index)) ctx.addIssue({ code: 'custom', path: ['gpus', at, 'index'], input: gpu.index, message: 'be unique on the node' });
    seen.uuid.add(gpu.uuid);
    seen.index.add(gpu.index);
  });
}));

/** Any event of the `gpu-inventory` topic. */
export const gpuInventoryEventSchema = gpuNodeInventorySchema;

/** A validated inventory event. */
export type GpuInventoryEvent = z.output<typeof gpuInventoryEventSchema>;
/** One GPU of an inventory. */
export type InventoryGpu = z.output<typeof inventoryGpuSchema>;
