import { z } from 'zod';
import { envelopeOf } from './envelope.ts';
import { nodeObjectSchema, podObjectSchema, workloadProfileObjectSchema } from './kube-objects.ts';
import { WORKLOAD_OWNER_EVENT_SCHEMAS, WORKLOAD_OWNER_EVENT_TYPES } from './workload-owner-events.ts';

/** The event types on the `cluster-events` topic: what the cluster-agent's watches report. */
export const CLUSTER_EVENT_TYPES = [
  'pod.upserted', 'pod.deleted', 'node.upserted', 'node.deleted', 'workload-profile.upserted', 'workload-profile.deleted',
  ...WORKLOAD_OWNER_EVENT_TYPES,
] as const;

/**
 * `data` of every cluster event: the object as watched. An upsert carries the object after the change;
 * a delete carries the last state known to the watch (it may be stale when the watch missed the final
 * update, which the watch reports as `finalStateUnknown`).
 */
const dataOf = <S extends z.ZodType>(object: S) => z.object({ object, finalStateUnknown: z.boolean().optional() });

/** `pod.upserted`: A pod was created or changed. */
export const podUpsertedSchema = envelopeOf('pod.upserted', dataOf(podObjectSchema));
/** `pod.deleted`: A pod is gone; carries its last known state. */
export const podDeletedSchema = envelopeOf('pod.deleted', dataOf(podObjectSchema));
/** `node.upserted`: A node was registered or changed. */
export const nodeUpsertedSchema = envelopeOf('node.upserted', dataOf(nodeObjectSchema));
/** `node.deleted`: A node is gone; carries its last known state. */
export const nodeDeletedSchema = envelopeOf('node.deleted', dataOf(nodeObjectSchema));
/** `workload-profile.upserted`: A WorkloadProfile was created or changed. */
export const workloadProfileUpsertedSchema = envelopeOf('workload-profile.upserted', dataOf(workloadProfileObjectSchema));
/** `workload-profile.deleted`: A WorkloadProfile is gone; carries its last known state. */
export const workloadProfileDeletedSchema = envelopeOf('workload-profile.deleted', dataOf(workloadProfileObjectSchema));

/** The schemas of every cluster event, in {@link CLUSTER_EVENT_TYPES} order. */
export const CLUSTER_EVENT_SCHEMAS = [
  podUpsertedSchema, podDeletedSchema, nodeUpsertedSchema, nodeDeletedSchema, workloadProfileUpsertedSchema, workloadProfileDeletedSchema,
  ...WORKLOAD_OWNER_EVENT_SCHEMAS,
] as const;

/** Any event of the `cluster-events` topic, told apart by `type`. */
export const clusterEventSchema = z.discriminatedUnion('type', CLUSTER_EVENT_SCHEMAS);

/** A validated cluster event. */
export type ClusterEvent = z.output<typeof clusterEventSchema>;
/** A cluster event type. */
export type ClusterEventType = (typeof CLUSTER_EVENT_TYPES)[number];
