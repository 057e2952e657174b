import type { LedgerAllocation, LedgerGpu, NodeLedger } from '../../schemas/node-ledger.ts';
import { freeOf, tflopsOn } from '../allocation/gpu-math.ts';
import type { ResourceAmounts } from '../model/workload-spec.ts';
import { findAllocation } from './book-allocation.ts';
import { nodeFromLedger } from './node-from-ledger.ts';

/** A resize as booked: the ledger to write (undefined when nothing changes) and the per-GPU requests granted. */
export interface ResizedAllocation {
  readonly ledger: NodeLedger | undefined;
  readonly granted: ResourceAmounts;
  readonly capped: boolean;
}

interface Booked {
  readonly tflopsMilli: number;
  readonly vramBytes: number;
}

/**
 * What is free on each GPU of the ledger once the pod's own booking is set aside: the allocator's
 * {@link freeOf} on the node without it (nothing where a dedicated worker holds the GPU).
 */
function roomWithout(ledger: NodeLedger, podUid: string): Map<string, Booked> {
  const others = nodeFromLedger({ ...ledger, allocations: ledger.allocations.filter((allocation) => allocation.podUid !== podUid) });
  return new Map(others.gpus.map((gpu) => [gpu.uuid, freeOf(gpu)]));
}

/** A rise is granted up to the room (never below what is held); a fall always. */
const grant = (held: number, wanted: number, room: number): number => (wanted <= held ? wanted : Math.max(held, Math.min(wanted, room)));

/** What the pod asks per GPU, compute in TFLOPS of `gpu` when it asks in percent. */
function wantedOn(gpu: LedgerGpu, requests: ResourceAmounts): Booked {
  return { tflopsMilli: tflopsOn(gpu.capacity, requests), vramBytes: requests.vramBytes };
}

/** The granted TFLOPS back in the unit asked: percent of the (first) GPU when the pod states percent. */
function inUnitAsked(granted: Booked, requests: ResourceAmounts, gpu: LedgerGpu): ResourceAmounts {
  if (requests.tflopsMilli > 0 || requests.computePercentMilli === 0) return { tflopsMilli: granted.tflopsMilli, computePercentMilli: 0, vramBytes: granted.vramBytes };
  return { tflopsMilli: 0, computePercentMilli: Math.floor((granted.tflopsMilli * 100_000) / gpu.capacity.tflopsMilli), vramBytes: granted.vramBytes };
}

/**
 * Move a pod's booking on every GPU it holds to `requests` (per GPU), the autoscaler's half of the ledger
 * (reference §5.5 step 8): a rise is capped at what is free on each GPU (the same on all of them, so a
 * multi-GPU pod stays even), a fall is granted. `undefined` when the ledger holds no booking of the pod
 * or holds it whole (dedicated: never resized). Pure: the caller writes the ledger conditionally.
 */
export function resizeAllocation(ledger: NodeLedger, change: { readonly podUid: string; readonly requests: ResourceAmounts }): ResizedAllocation | undefined {
  const allocation = findAllocation(ledger, change.podUid);
  if (allocation === undefined || allocation.dedicated) return undefined;
  const gpus = allocation.gpus.map((booked) => ({ booked, gpu: ledger.gpus.find((gpu) => gpu.uuid === booked.uuid) }));
  if (gpus.some(({ gpu }) => gpu === undefined)) return undefined;
  const rooms = roomWithout(ledger, change.podUid);
  let granted: Booked = { tflopsMilli: Number.POSITIVE_INFINITY, vramBytes: Number.POSITIVE_INFINITY };
  for (const { booked, gpu } of gpus as { booked: LedgerAllocation['gpus'][number]; gpu: LedgerGpu }[]) {
    const room = rooms.get(gpu.uuid) as Booked;
    const wanted = wantedOn(gpu, change.requests);
    granted = {
      tflopsMilli: Math.min(granted.tflopsMilli, grant(booked.tflopsMilli, wanted.tflopsMilli, room.tflopsMilli)),
      vramBytes: Math.min(granted.vramBytes, grant(booked.vramBytes, wanted.vramBytes, room.vramBytes)),
    };
  }
  const first = (gpus[0] as { gpu: LedgerGpu }).gpu;
  const asked = wantedOn(first, change.requests);
  const capped = granted.tflopsMilli < asked.tflopsMilli || granted.vramBytes < asked.vramBytes;
  const unchanged = allocation.gpus.every((booked) => booked.tflopsMilli === granted.tflopsMilli && booked.vramBytes === granted.vramBytes);
  const resized: LedgerAllocation = { ...allocation, gpus: allocation.gpus.map((booked) => ({ ...booked, ...granted })) };
  return {
    ledger: unchanged ? undefined : { ...ledger, allocations: ledger.allocations.map((held) => (held.podUid === change.podUid ? resized : held)) },
    granted: inUnitAsked(granted, change.requests, first),
    capped,
  };
}
