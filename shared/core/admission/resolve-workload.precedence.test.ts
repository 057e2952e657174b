import { describe, expect, it } from 'vitest';
import { gib, optedInPod, pool, profile } from '../../../test/fixtures/resolve-inputs.ts';
import type { WorkloadSpec } from '../model/workload-spec.ts';
import { resolveWorkload } from './resolve-workload.ts';

type Read = (spec: WorkloadSpec) => unknown;

/**
 * One field at a time, from four situations: annotation only, profile only, both (annotation wins),
 * neither (the default). `base` keeps the pod valid without touching the field under test.
 */
interface Field {
  readonly field: string;
  readonly read: Read;
  readonly origin?: string;
  readonly annotation: Record<string, string>;
  readonly profileSpec: Record<string, unknown>;
  readonly fromAnnotation: unknown;
  readonly fromProfile: unknown;
  readonly neither: unknown;
  /** Annotations that keep the pod valid without the field under test; `{ tflops-request: 1 }` when left out. */
  readonly base?: Record<string, string>;
}

const FIELDS: readonly Field[] = [
  { field: 'tflops-request', read: (s) => s.requests.tflopsMilli, origin: 'computeRequest', annotation: { 'tflops-request': '7' }, profileSpec: { resources: { requests: { tflops: '5' } } }, fromAnnotation: 7000, fromProfile: 5000, neither: 0, base: { 'vram-request': '1Gi' } },
  { field: 'tflops-limit', read: (s) => s.limits.tflopsMilli, origin: 'computeLimit', annotation: { 'tflops-limit': '30' }, profileSpec: { resources: { limits: { tflops: '15' } } }, fromAnnotation: 30_000, fromProfile: 15_000, neither: 0, base: { 'vram-request': '1Gi' } },
  { field: 'vram-request', read: (s) => s.requests.vramBytes, origin: 'vramRequest', annotation: { 'vram-request': '2Gi' }, profileSpec: { resources: { requests: { vram: '3Gi' } } }, fromAnnotation: gib(2), fromProfile: gib(3), neither: 0, base: { 'tflops-request': '1' } },
  { field: 'vram-limit', read: (s) => s.limits.vramBytes, origin: 'vramLimit', annotation: { 'vram-limit': '8Gi' }, profileSpec: { resources: { limits: { vram: '6Gi' } } }, fromAnnotation: gib(8), fromProfile: gib(6), neither: 0, base: { 'tflops-request': '1' } },
  { field: 'compute-percent-request', read: (s) => s.requests.computePercentMilli, origin: 'computeRequest', annotation: { 'compute-percent-request': '30' }, profileSpec: { resources: { requests: { compute: '20' } } }, fromAnnotation: 30_000, fromProfile: 20_000, neither: 0, base: { 'vram-request': '1Gi' } },
  { field: 'qos', read: (s) => s.qos, origin: 'qos', annotation: { qos: 'critical' }, profileSpec: { qos: 'low' }, fromAnnotation: 'critical', fromProfile: 'low', neither: 'medium' },
  { field: 'gpu-count', read: (s) => s.gpuCount, origin: 'gpuCount', annotation: { 'gpu-count': '4' }, profileSpec: { gpuCount: 2 }, fromAnnotation: 4, fromProfile: 2, neither: 1 },
  { field: 'gpu-model', read: (s) => s.gpuModels, origin: 'gpuModel', annotation: { 'gpu-model': 'H100' }, profileSpec: { gpuModel: 'A100' }, fromAnnotation: ['H100'], fromProfile: ['A100'], neither: [] },
  { field: 'gpupool', read: (s) => s.pool, origin: 'pool', annotation: { gpupool: 'fast' }, profileSpec: { poolName: 'slow' }, fromAnnotation: 'fast', fromProfile: 'slow', neither: undefined },
  { field: 'is-local-gpu', read: (s) => s.isLocalGpu, origin: 'isLocalGpu', annotation: { 'is-local-gpu': 'true' }, profileSpec: { isLocalGPU: false }, fromAnnotation: true, fromProfile: false, neither: false },
  { field: 'isolation', read: (s) => s.isolation, origin: 'isolation', annotation: { isolation: 'shared' }, profileSpec: { isolation: 'partitioned' }, fromAnnotation: 'shared', fromProfile: 'partitioned', neither: 'soft' },
  { field: 'standalone-worker-mode', read: (s) => s.standaloneWorker, annotation: { 'standalone-worker-mode': 'true' }, profileSpec: { sidecarWorker: false }, fromAnnotation: true, fromProfile: false, neither: false, base: { 'is-local-gpu': 'true', 'tflops-request': '1' } },
  { field: 'vendor', read: (s) => s.vendor, annotation: { vendor: 'AMD' }, profileSpec: { vendor: 'NVIDIA' }, fromAnnotation: 'AMD', fromProfile: 'NVIDIA', neither: undefined },
  { field: 'gpu-indices', read: (s) => s.gpuIndices, annotation: { 'gpu-indices': '0,1' }, profileSpec: { gpuIndices: [2] }, fromAnnotation: [0, 1], fromProfile: [2], neither: undefined },
  { field: 'auto-resources', read: (s) => s.autoScaling.autoSetResources.enable, annotation: { 'auto-resources': 'false' }, profileSpec: { autoScalingConfig: { autoSetResources: { enable: true } } }, fromAnnotation: false, fromProfile: true, neither: false },
  { field: 'auto-replicas', read: (s) => s.autoScaling.autoSetReplicas.enable, annotation: { 'auto-replicas': 'true' }, profileSpec: { autoScalingConfig: { autoSetReplicas: { enable: false } } }, fromAnnotation: true, fromProfile: false, neither: false },
  { field: 'autoscale-target', read: (s) => s.autoScaling.autoSetResources.targetResource, annotation: { 'autoscale-target': 'vram' }, profileSpec: { autoScalingConfig: { autoSetResources: { targetResource: 'tflops' } } }, fromAnnotation: 'vram', fromProfile: 'compute', neither: undefined },
];

const DEFAULT_BASE = { 'tflops-request': '1' };

function run(field: Pick<Field, 'base'>, short: Record<string, string>, spec?: Record<string, unknown>): WorkloadSpec {
  const named = spec === undefined ? {} : { 'workload-profile': 'profile' };
  const result = resolveWorkload(optedInPod({ ...(field.base ?? DEFAULT_BASE), ...short, ...named }), spec === undefined ? {} : { profile: profile(spec) });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

describe('Function: resolveWorkload() — precedence matrix (annotation over profile, profile over default)', () => {
  describe.each(FIELDS.map((field) => ({ ...field, name: field.field })))('$name', (field) => {
    it('annotation only', () => {
      const spec = run(field, field.annotation);
      expect(field.read(spec)).toEqual(field.fromAnnotation);
      if (field.origin !== undefined) expect(spec.origins[field.origin]).toBe('annotation');
    });
    it('profile only', () => {
      const spec = run(field, {}, field.profileSpec);
      expect(field.read(spec)).toEqual(field.fromProfile);
      if (field.origin !== undefined && field.origin !== 'pool') expect(spec.origins[field.origin]).toBe('profile');
    });
    it('both: the annotation wins', () => expect(field.read(run(field, field.annotation, field.profileSpec))).toEqual(field.fromAnnotation));
    it('neither: the default', () => expect(field.read(run(field, {}))).toEqual(field.neither));
  });
});

describe('Function: resolveWorkload() — defaults from the pool', () => {
  it.each([
    { name: 'defaultUsingLocalGPU when neither pod nor profile says', poolSpec: { isDefault: true, defaultUsingLocalGPU: true }, read: (s: WorkloadSpec) => [s.isLocalGpu, s.origins.isLocalGpu], want: [true, 'pool'] },
    { name: 'defaultQoS when nothing states qos', poolSpec: { isDefault: true, qosConfig: { defaultQoS: 'low' } }, read: (s: WorkloadSpec) => [s.qos, s.origins.qos], want: ['low', 'pool'] },
    { name: 'the default pool when the pod names none', poolSpec: { isDefault: true }, read: (s: WorkloadSpec) => [s.pool], want: ['gpus'] },
    { name: 'defaultVendor when nothing implies one', poolSpec: { isDefault: true, nodeManagerConfig: { defaultVendor: 'AMD' } }, read: (s: WorkloadSpec) => [s.vendor], want: ['AMD'] },
  ])('$name', ({ poolSpec, read, want }) => {
    const result = resolveWorkload(optedInPod({ 'tflops-request': '1' }), { pools: [pool('other'), pool('gpus', poolSpec)] });
    expect(result.ok && read(result.spec)).toEqual(want);
  });

  it('copies a missing request from the limit and a missing limit from the request', () => {
    const spec = run({ base: {} }, { 'tflops-limit': '8', 'vram-request': '2Gi' });
    expect([spec.requests.tflopsMilli, spec.limits.vramBytes, spec.origins.computeRequest, spec.origins.vramLimit]).toEqual([8000, gib(2), 'limit', 'request']);
  });
});
