import { builtinCatalogue, type GpuCatalogue } from '../catalogue/gpu-catalogue.ts';
import type { InventoryGpu } from '../../schemas/events/gpu-inventory.ts';
import type { LedgerGpu, NodeLedger } from '../../schemas/node-ledger.ts';

/** A node's inventory as the node-agent reported it, with the cluster and the event's time. */
export interface NodeInventory {
  readonly clusterId: string;
  readonly node: string;
  readonly pool: string;
  readonly gpus: readonly InventoryGpu[];
  /** The inventory event's time (ISO-8601). */
  readonly at: string;
}

/** Vendor when the catalogue does not know the model. */
export const UNKNOWN_VENDOR = 'unknown';

function ledgerGpu(gpu: InventoryGpu, catalogue: GpuCatalogue): LedgerGpu {
  const spec = catalogue.lookup(gpu.model);
  return {
    uuid: gpu.uuid, index: gpu.index, model: spec?.model ?? gpu.model, vendor: spec?.vendor ?? UNKNOWN_VENDOR,
    capacity: { tflopsMilli: gpu.fp16TflopsMilli, vramBytes: gpu.vramBytes },
  };
}

/**
 * The ledger after a new inventory: its GPUs replaced by the inventory's (a snapshot, not a delta), every
 * allocation (and the node's recorded labels and taints) kept, so a re-sent or changed inventory never frees capacity that pods hold. An inventory
 * no newer than the one already merged changes nothing (`undefined`), which makes redelivery and
 * reordering harmless.
 */
export function ledgerFromInventory(existing: NodeLedger | undefined, inventory: NodeInventory, catalogue: GpuCatalogue = builtinCatalogue): NodeLedger | undefined {
  if (existing?.inventoryAt !== undefined && Date.parse(existing.inventoryAt) >= Date.parse(inventory.at)) return undefined;
  const gpus = [...inventory.gpus].sort((a, b) => a.index - b.index).map((gpu) => ledgerGpu(gpu, catalogue));
  return {
    clusterId: inventory.clusterId, node: inventory.node, pool: inventory.pool, gpus,
    allocations: existing?.allocations ?? [], inventoryAt: inventory.at,
    ...(existing?.scheduling === undefined ? {} : { scheduling: existing.scheduling }),
  };
}
