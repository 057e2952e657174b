import type { GpuDevice, GpuNode } from '../allocation/gpu-snapshot.ts';
import type { LedgerGpu, NodeLedger } from '../../schemas/node-ledger.ts';

interface Usage {
  tflopsMilli: number;
  vramBytes: number;
  allocations: number;
  wholeGpuTaken: boolean;
}

function usageByGpu(ledger: NodeLedger): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  for (const allocation of ledger.allocations) {
    for (const booked of allocation.gpus) {
      const sum = usage.get(booked.uuid) ?? { tflopsMilli: 0, vramBytes: 0, allocations: 0, wholeGpuTaken: false };
      sum.tflopsMilli += booked.tflopsMilli;
      sum.vramBytes += booked.vramBytes;
      sum.allocations += 1;
      sum.wholeGpuTaken ||= allocation.dedicated;
      usage.set(booked.uuid, sum);
    }
  }
  return usage;
}

const IDLE: Usage = { tflopsMilli: 0, vramBytes: 0, allocations: 0, wholeGpuTaken: false };

function device(gpu: LedgerGpu, usage: Usage = IDLE): GpuDevice {
  return {
    uuid: gpu.uuid, index: gpu.index, model: gpu.model, vendor: gpu.vendor, capacity: gpu.capacity,
    used: { tflopsMilli: usage.tflopsMilli, vramBytes: usage.vramBytes }, allocations: usage.allocations, wholeGpuTaken: usage.wholeGpuTaken,
  };
}

/**
 * The allocator's view of one node ledger: each GPU's capacity with the requests booked on it summed,
 * one worker per allocation, and the node's labels and taints as recorded from its `node.upserted`. A
 * ledger without them has unknown labels (`undefined`: only pods without node constraints go there) and
 * no known taints.
 */
export function nodeFromLedger(ledger: NodeLedger): GpuNode {
  const usage = usageByGpu(ledger);
  return {
    name: ledger.node, pool: ledger.pool, labels: ledger.scheduling?.labels, taints: ledger.scheduling?.taints ?? [], workers: ledger.allocations.length,
    gpus: ledger.gpus.map((gpu) => device(gpu, usage.get(gpu.uuid))),
  };
}
