import { z } from 'zod';
import { CLUSTER_EVENT_SCHEMAS, CLUSTER_EVENT_TYPES } from './cluster-events.ts';
import { DEAD_LETTER_EVENT_TYPES, deadLetterSchema } from './dead-letter.ts';
import { DECISION_EVENT_SCHEMAS, DECISION_EVENT_TYPES } from './decisions.ts';
import { GPU_INVENTORY_EVENT_TYPES, gpuNodeInventorySchema } from './gpu-inventory.ts';
import { GPU_METRICS_EVENT_TYPES, gpuMetricsSchema } from './gpu-metrics.ts';

/** Every event type of every topic. */
export const EVENT_TYPES = [
  ...CLUSTER_EVENT_TYPES, ...GPU_INVENTORY_EVENT_TYPES, ...GPU_METRICS_EVENT_TYPES, ...DECISION_EVENT_TYPES, ...DEAD_LETTER_EVENT_TYPES,
] as const;

/** Any event vgpu-control produces, told apart by `type`: what a publisher checks before sending. */
export const anyEventSchema = z.discriminatedUnion('type', [
  ...CLUSTER_EVENT_SCHEMAS, gpuNodeInventorySchema, gpuMetricsSchema, ...DECISION_EVENT_SCHEMAS, deadLetterSchema,
]);

/** Any validated event. */
export type AnyEvent = z.output<typeof anyEventSchema>;
/** Any event type. */
export type EventType = AnyEvent['type'];
