import { z } from 'zod';
import { clusterIdField, isoTimeField, textField } from './event-fields.ts';

/**
 * Version of the envelope contract. Additive changes to an event's `data` keep it (readers strip unknown
 * data fields, so an older consumer accepts a newer producer's events); a breaking change bumps it.
 */
export const SPEC_VERSION = 1 as const;

/** The fields every event carries, whatever its type. */
const envelopeFields = {
  specversion: z.literal(SPEC_VERSION, { error: `be ${SPEC_VERSION}` }),
  id: z.guid({ error: 'be a UUID like 3f1c0b9e-6a2d-4e8f-9b7a-1c2d3e4f5a6b' }),
  clusterId: clusterIdField,
  time: isoTimeField,
  source: textField(256),
};

/**
 * The envelope schema for one event type: `{ specversion, id, type, clusterId, time, source, data }`,
 * strict (an unknown top-level field is reported), with `data` validated by `data`. The shape follows
 * CloudEvents' required attributes so a CloudEvents-aware tool can read it; `clusterId` is ours because
 * one deployment serves many clusters (ARCHITECTURE §1).
 */
export function envelopeOf<const T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.strictObject({ ...envelopeFields, type: z.literal(type, { error: `be ${type}` }), data });
}

/** Any envelope, whatever its type; `data` is not checked. For transports that only move events. */
export const envelopeSchema = z.strictObject({ ...envelopeFields, type: textField(128), data: z.unknown() });

/** A validated envelope of type `T` with data `D`. */
export interface Envelope<T extends string = string, D = unknown> {
  readonly specversion: typeof SPEC_VERSION;
  /** Unique per event; consumers use it as the idempotency key (ARCHITECTURE §4). */
  readonly id: string;
  readonly type: T;
  readonly clusterId: string;
  /** When the fact happened (ISO-8601), as told by the producer's clock. */
  readonly time: string;
  /** Who produced it: `cluster-agent`, `node-agent/<node>`, `functions/allocate-gpus`. */
  readonly source: string;
  readonly data: D;
}
