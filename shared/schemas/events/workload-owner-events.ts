import { z } from 'zod';
import { envelopeOf } from './envelope.ts';
import { objectNameField, textField } from './event-fields.ts';

/**
 * The event types the cluster-agent adds to the `cluster-events` topic for the owners that replica
 * autoscaling scales (Deployments, StatefulSets whose pod template opts in to TensorFusion).
 * They are part of `CLUSTER_EVENT_TYPES`, so every publisher and consumer of `cluster-events` accepts them,
 * keyed by object (`keyFor`, the same rule as {@link keyForWorkloadOwnerEvent}).
 */
export const WORKLOAD_OWNER_EVENT_TYPES = ['deployment.upserted', 'deployment.deleted', 'statefulset.upserted', 'statefulset.deleted'] as const;

const stringMap = z.record(z.string(), z.string({ error: 'be a string' }));

const ownerMetaSchema = z.looseObject({
  name: objectNameField,
  namespace: objectNameField,
  uid: textField(128),
  resourceVersion: textField(64),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

/** A watched Deployment; spec and status pass through (the autoscaler reads `spec.replicas` with its own schema). */
export const deploymentObjectSchema = z.looseObject({ kind: z.literal('Deployment', { error: 'be Deployment' }).optional(), metadata: ownerMetaSchema });
/** A watched StatefulSet; spec and status pass through. */
export const statefulSetObjectSchema = z.looseObject({ kind: z.literal('StatefulSet', { error: 'be StatefulSet' }).optional(), metadata: ownerMetaSchema });

const dataOf = <S extends z.ZodType>(object: S) => z.object({ object, finalStateUnknown: z.boolean().optional() });

/** `deployment.upserted`: an opted-in Deployment was created or changed. */
export const deploymentUpsertedSchema = envelopeOf('deployment.upserted', dataOf(deploymentObjectSchema));
/** `deployment.deleted`: an opted-in Deployment is gone (or no longer opts in); carries its last known state. */
export const deploymentDeletedSchema = envelopeOf('deployment.deleted', dataOf(deploymentObjectSchema));
/** `statefulset.upserted`: an opted-in StatefulSet was created or changed. */
export const statefulSetUpsertedSchema = envelopeOf('statefulset.upserted', dataOf(statefulSetObjectSchema));
/** `statefulset.deleted`: an opted-in StatefulSet is gone (or no longer opts in); carries its last known state. */
export const statefulSetDeletedSchema = envelopeOf('statefulset.deleted', dataOf(statefulSetObjectSchema));

/** The schemas of every owner event, in {@link WORKLOAD_OWNER_EVENT_TYPES} order. */
export const WORKLOAD_OWNER_EVENT_SCHEMAS = [deploymentUpsertedSchema, deploymentDeletedSchema, statefulSetUpsertedSchema, statefulSetDeletedSchema] as const;

/** Any owner event, told apart by `type`. */
export const workloadOwnerEventSchema = z.discriminatedUnion('type', WORKLOAD_OWNER_EVENT_SCHEMAS);

/** A validated owner event. */
export type WorkloadOwnerEvent = z.output<typeof workloadOwnerEventSchema>;
/** An owner event type. */
export type WorkloadOwnerEventType = (typeof WORKLOAD_OWNER_EVENT_TYPES)[number];

/**
 * The Kafka key of an owner event: `clusterId/namespace/name`, by object like WorkloadProfiles, so one
 * owner's upserts and delete stay in order (ARCHITECTURE §1).
 */
export function keyForWorkloadOwnerEvent(event: WorkloadOwnerEvent): string {
  return `${event.clusterId}/${event.data.object.metadata.namespace}/${event.data.object.metadata.name}`;
}
