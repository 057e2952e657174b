import { z } from 'zod';
import { clusterIdField, countField, gpuUuidField, isoTimeField, objectNameField, textField } from './events/event-fields.ts';
import { taintSchema } from './node-scheduling.ts';

const amounts = z.object({ tflopsMilli: countField, vramBytes: countField });

/** One GPU of a node ledger: what the node-agent reported, the model named as the catalogue names it. */
const ledgerGpuSchema = z.object({
  uuid: gpuUuidField,
  index: countField,
  model: textField(128),
  vendor: textField(64),
  capacity: amounts,
});

/** What one allocation holds on one of its GPUs. */
const bookedGpuSchema = z.object({ uuid: gpuUuidField, tflopsMilli: countField, vramBytes: countField });

/** One pod's allocation on the node: its GPUs and the amounts booked on each, keyed by the pod uid. */
const ledgerAllocationSchema = z.object({
  podUid: textField(128),
  namespace: objectNameField,
  pod: objectNameField,
  gpus: z.array(bookedGpuSchema).min(1),
  /** A dedicated-GPU worker holds its GPUs whole. */
  dedicated: z.boolean(),
  bookedAt: isoTimeField,
});

/**
 * What kube-scheduler matches a pod against on the node, as the node's last `node.upserted` showed it: its
 * labels (nodeSelector, node affinity) and taints (tolerations). The allocator books before kube-scheduler
 * runs, so it checks them itself.
 */
const ledgerSchedulingSchema = z.object({
  labels: z.record(z.string(), z.string()),
  taints: z.array(taintSchema),
});

/**
 * The node ledger as stored (ARCHITECTURE §4): one item per GPU node, holding its GPUs' capacity and every
 * allocation on them. The item's version (kept by the StateStore, not here) makes each decision ONE
 * conditional write. Allocations outlive the GPUs they name: a GPU missing from a new inventory keeps its
 * bookings until their pods release them, so capacity is never counted twice when it comes back.
 */
export const nodeLedgerSchema = z.object({
  clusterId: clusterIdField,
  node: objectNameField,
  pool: objectNameField,
  gpus: z.array(ledgerGpuSchema),
  allocations: z.array(ledgerAllocationSchema),
  /** When the last inventory was merged in (the node-agent's event time); absent for a ledger made before any. */
  inventoryAt: isoTimeField.optional(),
  /**
   * The node's labels and taints, recorded by allocate-gpus from `node.upserted` (only when they change) and
   * kept by every other writer; absent until then, and the allocator then treats the labels as unknown.
   */
  scheduling: ledgerSchedulingSchema.optional(),
});

/** A node ledger. */
export type NodeLedger = z.output<typeof nodeLedgerSchema>;
/** A node's labels and taints as its ledger holds them. */
export type LedgerScheduling = z.output<typeof ledgerSchedulingSchema>;
/** One GPU of a ledger. */
export type LedgerGpu = z.output<typeof ledgerGpuSchema>;
/** One allocation of a ledger. */
export type LedgerAllocation = z.output<typeof ledgerAllocationSchema>;
/** What an allocation holds on one GPU. */
export type BookedGpu = z.output<typeof bookedGpuSchema>;

/**
 * The pod → allocation index item: which node holds a pod's allocation, so a release or a redelivered
 * decision finds it with one read. Written after the ledger (which stays the truth); `released` marks a
 * pod whose allocation was given back, so a late redelivery does not book it again.
 */
export const podAllocationSchema = z.object({
  clusterId: clusterIdField,
  podUid: textField(128),
  namespace: objectNameField,
  pod: objectNameField,
  pool: objectNameField,
  node: objectNameField,
  released: z.boolean(),
});

/** A pod → allocation index entry. */
export type PodAllocation = z.output<typeof podAllocationSchema>;

/**
 * A pod that fit nowhere when it was decided, and waits for capacity in its pool: when an allocation of the
 * pool is released or a node's labels or taints change, the allocator decides the waiting pods again (kube-scheduler re-queues unschedulable
 * pods on cluster changes the same way). Cleared once the pod is placed, gone or no longer gated.
 */
export const waitingPodSchema = z.object({
  clusterId: clusterIdField,
  pool: objectNameField,
  podUid: textField(128),
  namespace: objectNameField,
  pod: objectNameField,
  since: isoTimeField,
});

/** A waiting pod. */
export type WaitingPod = z.output<typeof waitingPodSchema>;
