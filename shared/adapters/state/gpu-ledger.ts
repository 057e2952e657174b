// The autoscaler's GpuLedger port on the node ledgers (LedgerStore): a resize is one conditional write of
// the pod's node ledger, a lost race re-reads and re-decides; the GPU a pod holds is read through the pod →
// allocation index (a batch's pods: their index entries together, then the ledgers they name together);
// spare room is read from the pool's ledgers.
import { AppError } from '../../core/errors.ts';
import { heldGpu } from '../../core/ledger/held-gpu.ts';
import { resizeAllocation } from '../../core/ledger/resize-allocation.ts';
import { spareReplicas } from '../../core/ledger/spare-replicas.ts';
import type { GpuCapacity } from '../../core/autoscaling/workload-baseline.ts';
import type { GpuLedger, HeldPod, ResizeOutcome } from '../../ports/gpu-ledger.ts';
import type { LedgerAt, LedgerStore, VersionedLedger } from './ledger-store.ts';

const ATTEMPTS = 5;

const nodeId = (at: LedgerAt): string => `${at.clusterId}/${at.node}`;

/** The GPUs `pods` hold: their index entries in one read, then the distinct ledgers the booked ones name in one more. */
async function heldGpus(ledgers: LedgerStore, pods: readonly HeldPod[]): Promise<(GpuCapacity | undefined)[]> {
  if (pods.length === 0) return [];
  const booked = (await ledgers.getPodAllocations(pods)).map((index) => index === undefined || index.entry.released ? undefined : index.entry);
  const nodes = [...new Map(booked.filter((at) => at !== undefined).map((at) => [nodeId(at), at])).values()];
  const read = nodes.length === 0 ? [] : await ledgers.getLedgers(nodes);
  const byNode = new Map<string, VersionedLedger | undefined>(nodes.map((at, index) => [nodeId(at), read[index]]));
  return pods.map((pod, index) => {
    const at = booked[index];
    const current = at === undefined ? undefined : byNode.get(nodeId(at));
    return current === undefined ? undefined : heldGpu(current.ledger, pod.podUid);
  });
}

/** A {@link GpuLedger} on the node ledgers the allocator keeps. */
export function createLedgerGpuLedger(ledgers: LedgerStore): GpuLedger {
  return {
    resize: async (change): Promise<ResizeOutcome> => {
      const untracked: ResizeOutcome = { requests: change.requests, capped: false, tracked: false };
      const index = await ledgers.getPodAllocation(change.clusterId, change.podUid);
      if (index === undefined || index.entry.released) return untracked;
      let current = await ledgers.getLedger(change.clusterId, index.entry.node);
      for (let attempt = 1; current !== undefined; attempt++) {
        const resized = resizeAllocation(current.ledger, change);
        if (resized === undefined) return untracked;
        const outcome = { requests: resized.granted, capped: resized.capped, tracked: true };
        if (resized.ledger === undefined) return outcome;
        const written = await ledgers.writeLedger(resized.ledger, current.version);
        if (written.kind === 'written') return outcome;
        if (attempt >= ATTEMPTS) throw new AppError('VERSION_CONFLICT', `node ledger ${index.entry.node} kept changing while resizing pod ${change.podUid}`);
        current = written.current;
      }
      return untracked;
    },
    heldGpu: async (pod) => {
      const index = await ledgers.getPodAllocation(pod.clusterId, pod.podUid);
      if (index === undefined || index.entry.released) return undefined;
      const current = await ledgers.getLedger(pod.clusterId, index.entry.node);
      return current === undefined ? undefined : heldGpu(current.ledger, pod.podUid);
    },
    heldGpus: (pods) => heldGpus(ledgers, pods),
    spareReplicas: async (query) => spareReplicas((await ledgers.readPool(query.clusterId, query.pool)).map((read) => read.ledger), query),
  };
}
