import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { formatIssue } from '../../core/model/issue.ts';
import { dotPath, formatZodIssues } from '../format-issues.ts';
import { anyEventSchema, EVENT_TYPES } from './any-event.ts';
import { clusterEventSchema } from './cluster-events.ts';
import { deadLetterEventSchema } from './dead-letter.ts';
import { decisionEventSchema } from './decisions.ts';
import {
  buildClusterEvent, buildDeadLetter, buildOwner, buildDecision, buildGpu, buildInventory, buildMetrics, buildNode, buildPod, buildProfile,
} from '../../../test/fixtures/events.ts';
import { gpuInventoryEventSchema } from './gpu-inventory.ts';
import { gpuMetricsEventSchema } from './gpu-metrics.ts';

const VALID = [
  { name: 'pod.upserted', schema: clusterEventSchema, event: buildClusterEvent('pod.upserted', buildPod({ pool: 'a100' })) },
  { name: 'pod.deleted', schema: clusterEventSchema, event: buildClusterEvent('pod.deleted', buildPod()) },
  { name: 'node.upserted', schema: clusterEventSchema, event: buildClusterEvent('node.upserted', buildNode()) },
  { name: 'node.deleted', schema: clusterEventSchema, event: buildClusterEvent('node.deleted', buildNode()) },
  { name: 'workload-profile.upserted', schema: clusterEventSchema, event: buildClusterEvent('workload-profile.upserted', buildProfile()) },
  { name: 'workload-profile.deleted', schema: clusterEventSchema, event: buildClusterEvent('workload-profile.deleted', buildProfile()) },
  { name: 'deployment.upserted', schema: clusterEventSchema, event: buildClusterEvent('deployment.upserted', buildOwner('Deployment')) },
  { name: 'deployment.deleted', schema: clusterEventSchema, event: buildClusterEvent('deployment.deleted', buildOwner('Deployment')) },
  { name: 'statefulset.upserted', schema: clusterEventSchema, event: buildClusterEvent('statefulset.upserted', buildOwner('StatefulSet')) },
  { name: 'statefulset.deleted', schema: clusterEventSchema, event: buildClusterEvent('statefulset.deleted', buildOwner('StatefulSet')) },
  { name: 'gpu-node.inventory', schema: gpuInventoryEventSchema, event: buildInventory() },
  { name: 'gpu.metrics', schema: gpuMetricsEventSchema, event: buildMetrics() },
  { name: 'allocation.placed', schema: decisionEventSchema, event: buildDecision('allocation.placed') },
  { name: 'allocation.released', schema: decisionEventSchema, event: buildDecision('allocation.released') },
  { name: 'allocation.unschedulable', schema: decisionEventSchema, event: buildDecision('allocation.unschedulable') },
  { name: 'scaling.applied', schema: decisionEventSchema, event: buildDecision('scaling.applied') },
  { name: 'dead-letter', schema: deadLetterEventSchema, event: buildDeadLetter() },
] satisfies { name: string; schema: z.ZodType; event: unknown }[];

const messagesOf = (schema: z.ZodType, input: unknown): string => {
  const parsed = schema.safeParse(input, { reportInput: true });
  return parsed.success ? '' : formatZodIssues(parsed.error.issues, dotPath).map(formatIssue).join('\n');
};

describe('Schema: event types', () => {
  it('has a builder case for every event type', () => {
    expect(VALID.map((row) => row.name).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(VALID)('$name is valid on its topic and in the union of all events', ({ schema, event }) => {
    expect(schema.parse(event)).toEqual(event);
    expect(anyEventSchema.parse(event)).toEqual(event);
  });

  it('keeps the Kubernetes object as watched (unknown fields pass through)', () => {
    const pod = { ...buildPod(), status: { phase: 'Pending' } };
    expect(clusterEventSchema.parse(buildClusterEvent('pod.upserted', pod)).data.object).toEqual(pod);
  });

  it.each<{ name: string; schema: z.ZodType; input: unknown; message: string }>([
    { name: 'a pod without namespace', schema: clusterEventSchema,
      input: buildClusterEvent('pod.upserted', { metadata: { name: 'p', uid: 'u', resourceVersion: '1' } } as never), message: 'data.object.metadata.namespace must be a Kubernetes object name' },
    { name: 'a pod without uid', schema: clusterEventSchema,
      input: buildClusterEvent('pod.deleted', { metadata: { name: 'p', namespace: 'ml', resourceVersion: '1' } } as never), message: 'data.object.metadata.uid must be text' },
    { name: 'an unknown cluster event type', schema: clusterEventSchema, input: { ...buildClusterEvent('node.upserted', buildNode()), type: 'node.exploded' }, message: 'type must' },
    { name: 'a duplicate GPU uuid', schema: gpuInventoryEventSchema, input: buildInventory([buildGpu(0), { ...buildGpu(1), uuid: 'GPU-0' }]),
      message: 'data.gpus[1].uuid must be unique on the node, got "GPU-0"' },
    { name: 'a duplicate GPU index', schema: gpuInventoryEventSchema, input: buildInventory([buildGpu(0), { ...buildGpu(1), index: 0 }]),
      message: 'data.gpus[1].index must be unique on the node, got 0' },
    { name: 'negative VRAM', schema: gpuInventoryEventSchema, input: buildInventory([{ ...buildGpu(0), vramBytes: -1 }]), message: 'data.gpus[0].vramBytes must be 0 or more' },
    { name: 'a mean above the max', schema: gpuMetricsEventSchema,
      input: { ...buildMetrics(), data: { ...buildMetrics().data, gpus: [{ ...buildMetrics().data.gpus[0], tflops: { max: 1, mean: 2 } }] } },
      message: 'data.gpus[0].tflops.mean must be at most max' },
    { name: 'compute above 100 %', schema: gpuMetricsEventSchema,
      input: { ...buildMetrics(), data: { ...buildMetrics().data, workloads: [{ ...buildMetrics().data.workloads[0], computePercent: { max: 101, mean: 1 } }] } },
      message: 'data.workloads[0].computePercent.max must be at most 100, got 101' },
    { name: 'an interval that ends before it starts', schema: gpuMetricsEventSchema,
      input: { ...buildMetrics(), data: { ...buildMetrics().data, intervalEnd: '2025-01-31T11:00:00Z' } }, message: 'data.intervalEnd must be after intervalStart' },
    { name: 'a placement on no GPU', schema: decisionEventSchema,
      input: { ...buildDecision('allocation.placed'), data: { ...buildDecision('allocation.placed').data, gpuUuids: [] } }, message: 'data.gpuUuids must name at least one GPU' },
    { name: 'an unknown release reason', schema: decisionEventSchema,
      input: { ...buildDecision('allocation.released'), data: { ...buildDecision('allocation.released').data, reason: 'bored' } }, message: 'data.reason must be pod-deleted' },
    { name: 'a scaling change of an unknown field', schema: decisionEventSchema,
      input: { ...buildDecision('scaling.applied'), data: { ...buildDecision('scaling.applied').data, changes: [{ field: 'gpus', from: null, to: 1 }] } },
      message: 'data.changes[0].field must be one of tflopsRequestMilli' },
    { name: 'a dead letter with a lower-case code', schema: deadLetterEventSchema,
      input: { ...buildDeadLetter(), data: { ...buildDeadLetter().data, error: { code: 'oops', message: 'm' } } }, message: 'data.error.code must be an error code like INVALID_INPUT' },
  ])('reports $name', ({ schema, input, message }) => {
    expect(messagesOf(schema, input)).toContain(message);
  });
});
