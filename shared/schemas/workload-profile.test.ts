import { describe, expect, it } from 'vitest';
import { workloadProfileSchema, workloadProfileSpecSchema } from './workload-profile.ts';

/** The seed's WorkloadProfile example (seed/workload-configuration.md), as YAML parses it. */
function seedProfile(spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'tensor-fusion.ai/v1',
    kind: 'WorkloadProfile',
    metadata: { name: 'example-workload-profile', namespace: 'same-namespace-as-your-workload' },
    spec: {
      resources: { requests: { tflops: '5', vram: '3Gi' }, limits: { tflops: '15', vram: '3Gi' } },
      replicas: 1, isLocalGPU: true, poolName: 'default-pool', qos: 'medium', gpuCount: 1, gpuModel: 'A100',
      autoScalingConfig: {},
      ...spec,
    },
  };
}

describe('Schema: workloadProfileSchema', () => {
  it('parses the seed example, converting quantities', () => {
    expect(workloadProfileSchema.parse(seedProfile())).toStrictEqual({
      apiVersion: 'tensor-fusion.ai/v1',
      kind: 'WorkloadProfile',
      metadata: { name: 'example-workload-profile', namespace: 'same-namespace-as-your-workload' },
      spec: {
        resources: { requests: { tflops: 5000, vram: 3_221_225_472 }, limits: { tflops: 15_000, vram: 3_221_225_472 } },
        replicas: 1, isLocalGPU: true, poolName: 'default-pool', qos: 'medium', gpuCount: 1, gpuModel: 'A100',
        autoScalingConfig: {},
      },
    });
  });

  it('defaults a missing spec to {}', () => {
    const parsed = workloadProfileSchema.parse({ apiVersion: 'tensor-fusion.ai/v1', kind: 'WorkloadProfile', metadata: { name: 'p' } });
    expect(parsed.spec).toStrictEqual({});
  });

  it('keeps unknown top-level fields such as status', () => {
    const parsed = workloadProfileSchema.parse({ ...seedProfile(), status: { ready: true } });
    expect(parsed['status']).toStrictEqual({ ready: true });
  });

  it.each([
    { name: 'wrong apiVersion', input: { ...seedProfile(), apiVersion: 'tensor-fusion.ai/v2' }, code: 'invalid_value', path: ['apiVersion'], fragment: 'be tensor-fusion.ai/v1' },
    { name: 'missing apiVersion', input: { ...seedProfile(), apiVersion: undefined }, code: 'invalid_value', path: ['apiVersion'], fragment: 'be tensor-fusion.ai/v1' },
    { name: 'wrong kind', input: { ...seedProfile(), kind: 'GPUPool' }, code: 'invalid_value', path: ['kind'], fragment: 'be WorkloadProfile' },
    { name: 'empty name', input: { ...seedProfile(), metadata: { name: '' } }, code: 'too_small', path: ['metadata', 'name'], fragment: 'not be empty' },
    { name: 'annotation value not a string', input: { ...seedProfile(), metadata: { name: 'p', annotations: { a: true } } }, code: 'invalid_type', path: ['metadata', 'annotations', 'a'], fragment: 'quote values like "true"' },
    { name: 'label value not a string', input: { ...seedProfile(), metadata: { name: 'p', labels: { n: 1 } } }, code: 'invalid_type', path: ['metadata', 'labels', 'n'], fragment: 'be a string' },
  ])('rejects $name', ({ input, code, path, fragment }) => {
    const issues = workloadProfileSchema.safeParse(input, { reportInput: true }).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path });
    expect(issues[0]?.message).toContain(fragment);
  });

  it('reports the apiVersion, kind and spec issues together', () => {
    const input = { ...seedProfile({ gpuCount: 0, qos: 'urgent' }), apiVersion: 'v1', kind: 'Pod' };
    const paths = (workloadProfileSchema.safeParse(input).error?.issues ?? []).map((found) => found.path.join('.'));
    expect(paths.sort()).toStrictEqual(['apiVersion', 'kind', 'spec.gpuCount', 'spec.qos']);
  });
});

describe('Schema: workloadProfileSpecSchema', () => {
  it('parses every optional field', () => {
    const input = {
      replicas: 0, isLocalGPU: false, sidecarWorker: true, poolName: 'pool.a-1', qos: 'critical', isolation: 'partitioned',
      partitionTemplateId: '1g.10gb', gpuCount: 128, gpuIndices: [0, 3], gpuModel: 'H100', vendor: 'NVIDIA',
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
      workerPodTemplate: { spec: { containers: [] } },
      gangScheduling: { minMembers: 2, timeout: '5m', mode: 'Strict' },
    };
    expect(workloadProfileSpecSchema.parse(input)).toStrictEqual(input);
  });

  it.each([
    { name: 'gpuCount 0', spec: { gpuCount: 0 }, code: 'too_small', path: ['gpuCount'], fragment: 'be a whole number from 1 to 128' },
    { name: 'gpuCount 129', spec: { gpuCount: 129 }, code: 'too_big', path: ['gpuCount'], fragment: 'be a whole number from 1 to 128' },
    { name: 'gpuCount fraction', spec: { gpuCount: 1.5 }, code: 'invalid_type', path: ['gpuCount'], fragment: 'be a whole number from 1 to 128' },
    { name: 'gpuCount as a string', spec: { gpuCount: '2' }, code: 'invalid_type', path: ['gpuCount'], fragment: 'be a whole number from 1 to 128' },
    { name: 'unknown spec field', spec: { gpuCounts: 1 }, code: 'unrecognized_keys', path: [], fragment: 'gpuCounts' },
    { name: 'qos not a level', spec: { qos: 'urgent' }, code: 'invalid_value', path: ['qos'], fragment: 'be one of low, medium, high, critical' },
    { name: 'isolation not a mode', spec: { isolation: 'strict' }, code: 'invalid_value', path: ['isolation'], fragment: 'be one of shared, soft, hard, partitioned' },
    { name: 'pool name with uppercase', spec: { poolName: 'Default_Pool' }, code: 'invalid_format', path: ['poolName'], fragment: 'be a Kubernetes object name' },
    { name: 'negative replicas', spec: { replicas: -1 }, code: 'too_small', path: ['replicas'], fragment: 'not be negative' },
    { name: 'negative gpu index', spec: { gpuIndices: [0, -1] }, code: 'too_small', path: ['gpuIndices', 1], fragment: '>=0' },
    { name: 'empty gpu model', spec: { gpuModel: '' }, code: 'too_small', path: ['gpuModel'], fragment: '>=1' },
    { name: 'empty vendor', spec: { vendor: '' }, code: 'too_small', path: ['vendor'], fragment: '>=1' },
    { name: 'bad tflops quantity', spec: { resources: { requests: { tflops: '5TF' } } }, code: 'custom', path: ['resources', 'requests', 'tflops'], fragment: 'be a TFLOPS amount' },
    { name: 'unknown resource', spec: { resources: { requests: { gpu: 1 } } }, code: 'unrecognized_keys', path: ['resources', 'requests'], fragment: 'gpu' },
    { name: 'gang mode not Strict', spec: { gangScheduling: { mode: 'Loose' } }, code: 'invalid_value', path: ['gangScheduling', 'mode'], fragment: 'Strict' },
    { name: 'bad autoscaling field', spec: { autoScalingConfig: { autoSetResources: { interval: '1d' } } }, code: 'custom', path: ['autoScalingConfig', 'autoSetResources', 'interval'], fragment: 'be a duration' },
  ])('rejects $name', ({ spec, code, path, fragment }) => {
    const issues = workloadProfileSpecSchema.safeParse(spec, { reportInput: true }).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path });
    expect(issues[0]?.message).toContain(fragment);
  });

  it('rejects an unknown spec field inside the whole object at spec', () => {
    const issues = workloadProfileSchema.safeParse(seedProfile({ replica: 1 })).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'unrecognized_keys', path: ['spec'], keys: ['replica'] });
  });
});
