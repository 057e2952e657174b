import { describe, expect, it } from 'vitest';
import { annotations, gib, optedInPod, pool, profile, SEED_ANNOTATIONS, seedProfile as makeSeedProfile } from '../../../test/fixtures/resolve-inputs.ts';
import type { WorkloadSpec } from '../model/workload-spec.ts';
import { resolveWorkload } from './resolve-workload.ts';

function spec(short: Record<string, string>, extra: Parameters<typeof resolveWorkload>[1] = {}): WorkloadSpec {
  const result = resolveWorkload(optedInPod({ 'tflops-request': '1', ...short }), extra);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

// One row per row of the seed's "Basic Annotations" table, with the seed's example value.
describe('Function: resolveWorkload() — seed basic annotations', () => {
  it.each([
    { name: 'tflops-request 10', short: { 'tflops-request': '10' }, check: (s: WorkloadSpec) => expect(s.requests.tflopsMilli).toBe(10_000) },
    { name: 'vram-request 4Gi', short: { 'vram-request': '4Gi' }, check: (s: WorkloadSpec) => expect(s.requests.vramBytes).toBe(gib(4)) },
    { name: 'tflops-limit 20', short: { 'tflops-limit': '20' }, check: (s: WorkloadSpec) => expect(s.limits.tflopsMilli).toBe(20_000) },
    { name: 'vram-limit 4Gi', short: { 'vram-limit': '4Gi' }, check: (s: WorkloadSpec) => expect(s.limits.vramBytes).toBe(gib(4)) },
    { name: 'inject-container python', short: { 'inject-container': 'python' }, check: (s: WorkloadSpec) => expect(s.injectContainers).toEqual(['python']) },
    { name: 'inject-container comma split', short: { 'inject-container': 'python, sidecar' }, check: (s: WorkloadSpec) => expect(s.injectContainers).toEqual(['python', 'sidecar']) },
    { name: 'qos low', short: { qos: 'low' }, check: (s: WorkloadSpec) => expect(s.qos).toBe('low') },
    { name: 'qos medium', short: { qos: 'medium' }, check: (s: WorkloadSpec) => expect(s.qos).toBe('medium') },
    { name: 'qos high', short: { qos: 'high' }, check: (s: WorkloadSpec) => expect(s.qos).toBe('high') },
    { name: 'qos critical', short: { qos: 'critical' }, check: (s: WorkloadSpec) => expect(s.qos).toBe('critical') },
    { name: 'is-local-gpu true', short: { 'is-local-gpu': 'true' }, check: (s: WorkloadSpec) => expect(s.isLocalGpu).toBe(true) },
    { name: 'is-local-gpu defaults to false (seed)', short: {}, check: (s: WorkloadSpec) => expect([s.isLocalGpu, s.origins.isLocalGpu]).toEqual([false, 'default']) },
    { name: 'gpu-count 4 scales totals', short: { 'gpu-count': '4', 'vram-request': '4Gi' }, check: (s: WorkloadSpec) => expect([s.gpuCount, s.totals.requests.vramBytes, s.totals.requests.tflopsMilli]).toEqual([4, gib(16), 4000]) },
    { name: 'gpu-count defaults to 1', short: {}, check: (s: WorkloadSpec) => expect(s.gpuCount).toBe(1) },
    { name: 'gpupool default-pool', short: { gpupool: 'default-pool' }, check: (s: WorkloadSpec) => expect(s.pool).toBe('default-pool') },
  ])('$name', ({ short, check }) => check(spec(short)));
});

// One row per row of the seed's "Advanced Annotations" table.
describe('Function: resolveWorkload() — seed advanced annotations', () => {
  it.each([
    { name: 'gpu-model A100', short: { 'gpu-model': 'A100' }, check: (s: WorkloadSpec) => expect(s.gpuModels).toEqual(['A100']) },
    { name: 'gpu-model L40s', short: { 'gpu-model': 'L40s' }, check: (s: WorkloadSpec) => expect(s.gpuModels).toEqual(['L40s']) },
    { name: 'gpu-model list', short: { 'gpu-model': 'A100,H100' }, check: (s: WorkloadSpec) => expect(s.gpuModels).toEqual(['A100', 'H100']) },
    {
      name: 'dedicated-gpu with gpu-model takes the whole GPU', short: { 'dedicated-gpu': 'true', 'gpu-model': 'H100_SXM' }, drop: true,
      check: (s: WorkloadSpec) => expect([s.dedicatedGpu, s.requests.tflopsMilli, s.limits.vramBytes, s.qos]).toEqual([true, 989_000, gib(80), 'high']),
    },
    { name: 'workload pytorch-example', short: { workload: 'pytorch-example' }, check: (s: WorkloadSpec) => expect([s.workload, s.origins.workload]).toEqual(['pytorch-example', 'annotation']) },
    { name: 'enabled-replicas 1', short: { 'enabled-replicas': '1' }, check: (s: WorkloadSpec) => expect(s.enabledReplicas).toBe(1) },
    { name: 'enabled-replicas 42', short: { 'enabled-replicas': '42' }, check: (s: WorkloadSpec) => expect(s.enabledReplicas).toBe(42) },
    { name: 'auto-resources true', short: { 'auto-resources': 'true' }, check: (s: WorkloadSpec) => expect(s.autoScaling.autoSetResources).toMatchObject({ enable: true, targetResource: 'all' }) },
    { name: 'auto-replicas true', short: { 'auto-replicas': 'true' }, check: (s: WorkloadSpec) => expect(s.autoScaling.autoSetReplicas.enable).toBe(true) },
    { name: 'standalone-worker-mode true with local GPU', short: { 'is-local-gpu': 'true', 'standalone-worker-mode': 'true' }, check: (s: WorkloadSpec) => expect(s.standaloneWorker).toBe(true) },
    { name: 'local GPU without standalone-worker-mode embeds the worker', short: { 'is-local-gpu': 'true' }, check: (s: WorkloadSpec) => expect(s.standaloneWorker).toBe(false) },
    { name: 'remote GPU always runs the worker standalone', short: { 'is-local-gpu': 'false' }, check: (s: WorkloadSpec) => expect(s.standaloneWorker).toBe(true) },
    { name: 'disable-features list', short: { 'disable-features': 'gpu-limiter,gpu-opt,mem-manager' }, check: (s: WorkloadSpec) => expect(s.disabledFeatures).toEqual(['gpu-limiter', 'gpu-opt', 'mem-manager']) },
  ])('$name', ({ short, check, drop }) => {
    if (drop === true) {
      const result = resolveWorkload(optedInPod(short));
      expect(result.ok).toBe(true);
      if (result.ok) check(result.spec);
      return;
    }
    check(spec(short));
  });

  it('workload-profile default-profile reads the named profile', () => {
    const used = spec({ 'workload-profile': 'default-profile' }, { profile: profile({ qos: 'low' }, 'default-profile') });
    expect([used.profile, used.qos, used.origins.qos]).toEqual(['default-profile', 'low', 'profile']);
  });
});

describe('Function: resolveWorkload() — the seed example Deployment with its WorkloadProfile', () => {
  const seedAnnotations = SEED_ANNOTATIONS;
  const seedProfile = makeSeedProfile();

  it('resolves annotations over the profile template, field by field', () => {
    const result = resolveWorkload(optedInPod(seedAnnotations), { profile: seedProfile, pools: [pool('default-pool', { isDefault: true })] });
    expect(result).toMatchObject({
      ok: true,
      warnings: [],
      spec: {
        enabled: true, profile: 'default-profile', pool: 'default-pool', qos: 'medium', gpuCount: 1, gpuModels: ['A100'],
        isLocalGpu: true, standaloneWorker: false, isolation: 'soft', injectContainers: ['python'], replicas: 1,
        requests: { tflopsMilli: 10_000, computePercentMilli: 0, vramBytes: gib(4) },
        limits: { tflopsMilli: 20_000, computePercentMilli: 0, vramBytes: gib(4) },
        origins: { computeRequest: 'annotation', vramLimit: 'annotation', gpuModel: 'profile', pool: 'profile', qos: 'annotation' },
      },
    });
  });

  it('falls back to the profile for every amount when the pod states none', () => {
    const result = resolveWorkload(optedInPod({ 'workload-profile': 'default-profile' }), { profile: seedProfile });
    expect(result).toMatchObject({ ok: true, spec: { requests: { tflopsMilli: 5000, vramBytes: gib(3) }, limits: { tflopsMilli: 15_000, vramBytes: gib(3) } } });
  });

  it('keeps annotations as they are when no label opts the pod in', () => {
    const result = resolveWorkload({ metadata: { annotations: annotations({ 'tflops-request': '1' }) } });
    expect(result).toMatchObject({ ok: true, spec: { enabled: false } });
  });
});
