/**
 * Builders of valid events, for tests, examples and local tools: each gives a complete event with
 * sensible values, and takes overrides for what a case is about. (Candidates for `test/fixtures`.)
 */
import type { ClusterEvent } from './cluster-events.ts';
import type { DeadLetterEvent } from './dead-letter.ts';
import type { DecisionEvent } from './decisions.ts';
import { SPEC_VERSION } from './envelope.ts';
import type { GpuInventoryEvent, InventoryGpu } from './gpu-inventory.ts';
import type { GpuMetricsEvent } from './gpu-metrics.ts';
import type { NodeObject, PodObject, WorkloadProfileObject } from './kube-objects.ts';

/** The instant builders stamp events with. */
export const BUILT_AT = '2025-01-31T12:00:00Z';

/** The `n`-th id of a test run: a valid UUID (version 4 layout), the same for the same `n`. */
export const eventId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Envelope fields a case may override. */
export interface EnvelopeOverrides {
  readonly id?: string;
  readonly clusterId?: string;
  readonly time?: string;
  readonly source?: string;
}

const envelope = <T extends string, D>(type: T, data: D, overrides: EnvelopeOverrides = {}) => ({
  specversion: SPEC_VERSION, id: overrides.id ?? eventId(1), type, clusterId: overrides.clusterId ?? 'prod-eu-1',
  time: overrides.time ?? BUILT_AT, source: overrides.source ?? 'cluster-agent', data,
});

/** A pod in namespace `ml`, in `pool` when given (as the `tensor-fusion.ai/gpupool` annotation). */
export function buildPod(options: { readonly name?: string; readonly namespace?: string; readonly pool?: string } = {}): PodObject {
  const annotations = options.pool === undefined ? {} : { 'tensor-fusion.ai/gpupool': options.pool };
  return {
    kind: 'Pod',
    metadata: { name: options.name ?? 'train-0', namespace: options.namespace ?? 'ml', uid: 'pod-uid-1', resourceVersion: '101', annotations },
    spec: { containers: [{ name: 'main', image: 'pytorch:2' }] },
  };
}

/** A GPU node. */
export const buildNode = (name = 'gpu-node-1'): NodeObject => ({ kind: 'Node', metadata: { name, uid: 'node-uid-1', resourceVersion: '7' } });

/** A WorkloadProfile. */
export const buildProfile = (name = 'llm-small', namespace = 'ml'): WorkloadProfileObject =>
  ({ kind: 'WorkloadProfile', metadata: { name, namespace, uid: 'profile-uid-1', resourceVersion: '3' }, spec: { poolName: 'a100' } });

/** A cluster event of `type` about `object` (a pod, node or profile to match the type). */
export function buildClusterEvent<T extends ClusterEvent['type']>(type: T, object: Extract<ClusterEvent, { type: T }>['data']['object'], overrides?: EnvelopeOverrides): Extract<ClusterEvent, { type: T }> {
  return envelope(type, { object }, overrides) as Extract<ClusterEvent, { type: T }>;
}

/** One A100 80 GB. */
export const buildGpu = (index = 0): InventoryGpu =>
  ({ uuid: `GPU-${index}`, index, model: 'NVIDIA A100-SXM4-80GB', vramBytes: 85_899_345_920, fp16TflopsMilli: 312_000 });

/** A node's inventory of `gpus`. */
export const buildInventory = (gpus: readonly InventoryGpu[] = [buildGpu(0), buildGpu(1)], overrides?: EnvelopeOverrides): GpuInventoryEvent =>
  envelope('gpu-node.inventory', { node: 'gpu-node-1', pool: 'a100', gpus: [...gpus] }, { source: 'node-agent/gpu-node-1', ...overrides });

/** A minute of metrics from one node with one GPU and one workload. */
export function buildMetrics(overrides?: EnvelopeOverrides): GpuMetricsEvent {
  return envelope('gpu.metrics', {
    node: 'gpu-node-1', intervalStart: '2025-01-31T11:59:00Z', intervalEnd: BUILT_AT,
    gpus: [{ uuid: 'GPU-0', computePercent: { max: 80, mean: 40 }, tflops: { max: 250, mean: 120 }, vramBytes: { max: 4e10, mean: 3e10 } }],
    workloads: [{ namespace: 'ml', pod: 'train-0', gpuUuid: 'GPU-0', samples: 60, computePercent: { max: 80, mean: 40 }, vramBytes: { max: 4e10, mean: 3e10 } }],
  }, { source: 'node-agent/gpu-node-1', ...overrides });
}

const podDecision = { pool: 'a100', namespace: 'ml', pod: 'train-0', podUid: 'pod-uid-1' };

/** A decision of each type, with plausible values. */
export function buildDecision<T extends DecisionEvent['type']>(type: T, overrides?: EnvelopeOverrides): Extract<DecisionEvent, { type: T }> {
  const data = {
    'allocation.placed': { ...podDecision, node: 'gpu-node-1', gpuUuids: ['GPU-0'], requests: { tflopsMilli: 100_000, computePercentMilli: 0, vramBytes: 8_589_934_592 }, ledgerVersion: 4 },
    'allocation.released': { ...podDecision, node: 'gpu-node-1', gpuUuids: ['GPU-0'], reason: 'pod-deleted' },
    'allocation.unschedulable': { ...podDecision, reasons: [{ filter: 'vram-fit', rejectedNodes: 12, message: 'no GPU has 80Gi free' }] },
    'scaling.applied': { pool: 'a100', namespace: 'ml', workload: 'train', changes: [{ field: 'tflopsLimitMilli', from: 100_000, to: 150_000 }], reason: 'p98 usage 140 TFLOPS' },
  }[type];
  return envelope(type, data, { source: 'functions/allocate-gpus', ...overrides }) as unknown as Extract<DecisionEvent, { type: T }>;
}

/** A dead letter of a record at `gpu-metrics` partition 3, offset 12. */
export const buildDeadLetter = (overrides?: EnvelopeOverrides): DeadLetterEvent => envelope('dead-letter', {
  topic: 'gpu-metrics', partition: 3, offset: 12, key: { encoding: 'utf8' as const, data: 'prod-eu-1/gpu-node-1' },
  value: { encoding: 'utf8' as const, data: '{"oops"' }, headers: { 'ce-type': 'gpu.metrics' },
  error: { code: 'INVALID_INPUT', message: 'records["gpu-metrics-3"][0].value must be JSON' }, failedAt: BUILT_AT,
}, { source: 'functions/recommend-resources', ...overrides });
