// The autoscaler's GpuLedger port on the node ledgers (LedgerStore): a resize is one conditional write of
// the pod's node ledger (LedgerStore.updateLedger: a lost race re-decides on the ledger as it is now); the
// GPU a pod holds is read through the pod → allocation index (a batch's pods: their index entries together,
// then the ledgers they name together; one pod: a read of each, the fallback when a batch read fails);
// spare room is read from the pool's ledgers.
import { heldGpu } from '../../core/ledger/held-gpu.ts';
import { resizeAllocation } from '../../core/ledger/resize-allocation.ts';
import { spareReplicas } from '../../core/ledger/spare-replicas.ts';
import type { GpuCapacity } from '../../core/autoscaling/workload-baseline.ts';
import type { GpuLedger, HeldPod, ResizeOutcome } from '../../ports/gpu-ledger.ts';
import type { LedgerAt, LedgerStore, VersionedLedger } from './ledger-store.ts';

/** Lost races a resize re-decides before it is left to the next batch (as before it ran on updateLedger). */
const RESIZE_ATTEMPTS = 5;

const nodeId = (at: LedgerAt): string => `${at.clusterId}/${at.node}`;

/** How {@link heldGpus} reads: many items in one read each ({@link LedgerStore}), or one by one ({@link oneByOne}). */
type HeldReads = Pick<LedgerStore, 'getPodAllocations' | 'getLedgers'>;

/** The batch reads as single reads (`get`, not `getMany`): what heldGpu reads with, so it still answers when batch reads fail. */
const oneByOne = (ledgers: LedgerStore): HeldReads => ({
  getPodAllocations: (pods) => Promise.all(pods.map((pod) => ledgers.getPodAllocation(pod.clusterId, pod.podUid))),
  getLedgers: (nodes) => Promise.all(nodes.map((at) => ledgers.getLedger(at.clusterId, at.node))),
});

/** The GPUs `pods` hold: their index entries in one read, then the distinct ledgers the booked ones name in one more. */
async function heldGpus(ledgers: HeldReads, pods: readonly HeldPod[]): Promise<(GpuCapacity | undefined)[]> {
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
      let outcome = untracked;
      await ledgers.updateLedger({ clusterId: change.clusterId, node: index.entry.node }, (current) => {
        const resized = current === undefined ? undefined : resizeAllocation(current, change);
        outcome = resized === undefined ? untracked : { requests: resized.granted, capped: resized.capped, tracked: true };
        return resized?.ledger;
      }, { attempts: RESIZE_ATTEMPTS, doing: `resizing pod ${change.podUid}` });
      return outcome;
    },
    heldGpu: async (pod) => (await heldGpus(oneByOne(ledgers), [pod]))[0],
    heldGpus: (pods) => heldGpus(ledgers, pods),
    spareReplicas: async (query) => spareReplicas((await ledgers.readPool(query.clusterId, query.pool)).map((read) => read.ledger), query),
  };
}
