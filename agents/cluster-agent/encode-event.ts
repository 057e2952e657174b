import { randomUUID } from 'node:crypto';
import { toEventMessage, type EventMessage, EVENT_HEADERS } from '../../shared/adapters/kafka/event-message.ts';
import type { KubeObject } from '../../shared/adapters/kubernetes/informers/kube-object.ts';
import { AppError } from '../../shared/core/errors.ts';
import type { AnyEvent } from '../../shared/schemas/events/any-event.ts';
import { SPEC_VERSION } from '../../shared/schemas/events/envelope.ts';
import { dotPath, formatZodIssues } from '../../shared/schemas/format-issues.ts';
import { formatIssue } from '../../shared/core/model/issue.ts';
import { keyForWorkloadOwnerEvent, workloadOwnerEventSchema } from '../../shared/schemas/events/workload-owner-events.ts';
import type { WatchedKind } from './watched-kinds.ts';

/** One change to publish: which kind, upsert or delete, the object, and whether its final state is unknown. */
export interface Change {
  readonly kind: WatchedKind;
  readonly deleted: boolean;
  readonly object: KubeObject;
  /** A delete found by comparing a list with the last published state: the object's last state was not seen. */
  readonly finalStateUnknown?: boolean;
}

/** Envelope fields the agent stamps on every event. */
export interface Stamp {
  readonly clusterId: string;
  readonly time: string;
  readonly source: string;
}

/**
 * The object as published: `managedFields` (server-side apply bookkeeping, often larger than the rest of
 * the object and of no use to a consumer) left out, and `kind` / `apiVersion` set when the watch omitted them.
 */
export function publishedObject(kind: WatchedKind, object: KubeObject): KubeObject {
  const metadata = { ...object.metadata };
  delete metadata['managedFields'];
  return { ...object, kind: object.kind ?? kind.kind, metadata };
}

/** The cluster event of `change`, with a fresh id. */
export function toClusterEvent(change: Change, stamp: Stamp): Record<string, unknown> {
  const data = { object: publishedObject(change.kind, change.object), ...(change.finalStateUnknown === true ? { finalStateUnknown: true } : {}) };
  const type = `${change.kind.eventPrefix}.${change.deleted ? 'deleted' : 'upserted'}`;
  return { specversion: SPEC_VERSION, id: randomUUID(), type, clusterId: stamp.clusterId, time: stamp.time, source: stamp.source, data };
}

function encodeOwnerEvent(event: Record<string, unknown>): EventMessage {
  const parsed = workloadOwnerEventSchema.safeParse(event, { reportInput: true });
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues, (path) => dotPath(['event', ...path]));
    throw new AppError('INVALID_INPUT', `refusing to publish an invalid ${String(event['type'])} event: ${issues.map(formatIssue).join('; ')}`, { details: { issues } });
  }
  return {
    key: keyForWorkloadOwnerEvent(parsed.data),
    value: JSON.stringify(parsed.data),
    headers: { [EVENT_HEADERS.type]: parsed.data.type, [EVENT_HEADERS.id]: parsed.data.id, [EVENT_HEADERS.contentType]: 'application/json' },
  };
}

/**
 * The Kafka message of `change`: validated against its event contract and keyed by `keyFor` (pods by
 * `clusterId/pool`, nodes by `clusterId/node`, profiles and owners by `clusterId/namespace/name`).
 * Throws `INVALID_INPUT` for an object the contract refuses (never sent, so never a poison record).
 */
export function encodeChange(change: Change, stamp: Stamp): EventMessage {
  const event = toClusterEvent(change, stamp);
  const owner = change.kind.eventPrefix === 'deployment' || change.kind.eventPrefix === 'statefulset';
  return owner ? encodeOwnerEvent(event) : toEventMessage(event as unknown as AnyEvent);
}
