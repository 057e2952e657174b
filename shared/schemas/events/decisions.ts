import { z } from 'zod';
import { countField, gpuUuidField, objectNameField, textField } from './event-fields.ts';
import { envelopeOf } from './envelope.ts';

/** The event types on the `decisions` topic: the audit trail behind "explain". */
export const DECISION_EVENT_TYPES = ['allocation.placed', 'allocation.released', 'allocation.unschedulable', 'scaling.applied'] as const;

/** The pod a decision is about; `pool` also keys the record (`clusterId/pool`). */
const podDecision = {
  pool: objectNameField,
  namespace: objectNameField,
  pod: objectNameField,
  podUid: textField(128),
};

/** Per-GPU amounts in the units of the core model: thousandths of TFLOPS and of percent, bytes of VRAM. */
export const amountsSchema = z.object({ tflopsMilli: countField, computePercentMilli: countField, vramBytes: countField });

const gpuUuids = z.array(gpuUuidField).min(1, { error: 'name at least one GPU' });

/** `allocation.placed`: the allocator reserved `requests` on each of `gpuUuids` on `node`, at ledger `ledgerVersion`. */
export const allocationPlacedSchema = envelopeOf('allocation.placed', z.object({
  ...podDecision,
  node: objectNameField,
  gpuUuids,
  requests: amountsSchema,
  ledgerVersion: countField,
}));

/** `allocation.released`: the pod's reservation on `node` was given back, and why. */
export const allocationReleasedSchema = envelopeOf('allocation.released', z.object({
  ...podDecision,
  node: objectNameField,
  gpuUuids,
  reason: z.enum(['pod-deleted', 'pod-finished', 'node-deleted', 'evicted'], { error: 'be pod-deleted, pod-finished, node-deleted or evicted' }),
}));

/** Why one filter rejected nodes, as in TensorFusion's filter details. */
export const filterRejectionSchema = z.object({ filter: textField(64), rejectedNodes: countField, message: textField(1024) });

/** `allocation.unschedulable`: no node fits; one entry per filter that rejected nodes. */
export const allocationUnschedulableSchema = envelopeOf('allocation.unschedulable', z.object({
  ...podDecision,
  reasons: z.array(filterRejectionSchema).min(1, { error: 'give at least one reason' }),
}));

/** Fields the autoscaler changes, each with its unit in the name. */
export const SCALED_FIELDS = [
  'tflopsRequestMilli', 'tflopsLimitMilli', 'computePercentRequestMilli', 'computePercentLimitMilli',
  'vramRequestBytes', 'vramLimitBytes', 'replicas',
] as const;

/** One changed field: `from` is null when it was unset. */
export const scalingChangeSchema = z.object({
  field: z.enum(SCALED_FIELDS, { error: `be one of ${SCALED_FIELDS.join(', ')}` }),
  from: countField.nullable(),
  to: countField,
});

/** `scaling.applied`: the autoscaler patched a workload (and, for resources, the named pod). */
export const scalingAppliedSchema = envelopeOf('scaling.applied', z.object({
  pool: objectNameField,
  namespace: objectNameField,
  workload: objectNameField,
  pod: objectNameField.optional(),
  changes: z.array(scalingChangeSchema).min(1, { error: 'list at least one change' }),
  reason: textField(1024),
}));

/** The schemas of every decision, in {@link DECISION_EVENT_TYPES} order. */
export const DECISION_EVENT_SCHEMAS = [allocationPlacedSchema, allocationReleasedSchema, allocationUnschedulableSchema, scalingAppliedSchema] as const;

/** Any event of the `decisions` topic, told apart by `type`. */
export const decisionEventSchema = z.discriminatedUnion('type', DECISION_EVENT_SCHEMAS);

/** A validated decision event. */
export type DecisionEvent = z.output<typeof decisionEventSchema>;
/** A decision event type. */
export type DecisionEventType = (typeof DECISION_EVENT_TYPES)[number];
