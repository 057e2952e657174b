import { randomUUID } from 'node:crypto';
import type { GpuCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import { AppError } from '../../shared/core/errors.ts';
import { SPEC_VERSION } from '../../shared/schemas/events/envelope.ts';
import type { GpuInventoryEvent } from '../../shared/schemas/events/gpu-inventory.ts';
import type { DiscoveredGpu } from './sources/gpu-source.ts';

/** Where a node's inventory belongs. */
export interface InventoryContext {
  readonly clusterId: string;
  readonly node: string;
  readonly pool: string;
  readonly catalogue: GpuCatalogue;
  readonly time: string;
}

/**
 * The `gpu-node.inventory` snapshot of `gpus`, sorted by index, each with the catalogue's dense FP16
 * TFLOPS for its model. A model the catalogue does not know fails discovery (`NOT_FOUND`, as TensorFusion
 * v1 did, reference §6.2) rather than publish a GPU with made-up compute: add it with `--catalogue`.
 */
export function buildInventory(gpus: readonly DiscoveredGpu[], context: InventoryContext): GpuInventoryEvent {
  const unknown = [...new Set(gpus.filter((gpu) => context.catalogue.lookup(gpu.model) === undefined).map((gpu) => gpu.model))];
  if (unknown.length > 0) {
    throw new AppError('NOT_FOUND', `GPU model ${unknown.map((model) => JSON.stringify(model)).join(', ')} is not in the GPU catalogue; add it with --catalogue <file>`, { details: { models: unknown } });
  }
  return {
    specversion: SPEC_VERSION, id: randomUUID(), type: 'gpu-node.inventory', clusterId: context.clusterId, time: context.time, source: `node-agent/${context.node}`,
    data: {
      node: context.node, pool: context.pool,
      gpus: [...gpus].sort((a, b) => a.index - b.index).map((gpu) => ({
        uuid: gpu.uuid, index: gpu.index, model: gpu.model, vramBytes: gpu.vramBytes, fp16TflopsMilli: context.catalogue.lookup(gpu.model)?.fp16TflopsMilli ?? 0,
      })),
    },
  };
}

/** Whether two inventories describe the same GPUs in the same pool (ids and times aside): publish only on change. */
export const sameInventory = (a: GpuInventoryEvent | undefined, b: GpuInventoryEvent): boolean =>
  a !== undefined && a.data.pool === b.data.pool && JSON.stringify(a.data.gpus) === JSON.stringify(b.data.gpus);
