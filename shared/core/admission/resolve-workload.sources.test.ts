import { describe, expect, it } from 'vitest';
import { optedInPod, profile, gib } from '../../../test/fixtures/resolve-inputs.ts';
import type { Pod } from '../../schemas/pod.ts';
import type { WorkloadSpec } from '../model/workload-spec.ts';
import { resolveWorkload } from './resolve-workload.ts';

function specOf(pod: Pod, sources: Parameters<typeof resolveWorkload>[1] = {}): WorkloadSpec {
  const result = resolveWorkload(pod, sources);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.spec;
}

const limits = (resources: Record<string, number | string>) => ({ resources: { limits: resources } });

describe('Function: resolveWorkload() — what the containers say', () => {
  it.each([
    { name: 'native nvidia.com/gpu limits give the count, the vendor and the inject containers', containers: [{ name: 'a', ...limits({ 'nvidia.com/gpu': 2 }) }, { name: 'b' }], want: { gpuCount: 2, vendor: 'NVIDIA', injectContainers: ['a'] } },
    { name: 'limits in several containers are summed', containers: [{ name: 'a', ...limits({ 'nvidia.com/gpu': '1' }) }, { name: 'b', ...limits({ 'amd.com/gpu': 3 }) }], want: { gpuCount: 4, vendor: 'AMD', injectContainers: ['a', 'b'] } },
    { name: 'non-integer, zero and non-GPU limits are ignored', containers: [{ name: 'a', ...limits({ 'nvidia.com/gpu': '0.5', cpu: '2' }) }, { name: 'b', ...limits({ 'nvidia.com/gpu': 0 }) }], want: { gpuCount: 1, vendor: undefined }, inject: 'a' },
    { name: 'the only container is the inject container', containers: [{ name: 'solo' }], want: { gpuCount: 1, injectContainers: ['solo'] } },
    { name: 'no containers listed: no inject container', containers: [], want: { injectContainers: [] } },
  ])('$name', ({ containers, want, inject }) => {
    const spec = specOf(optedInPod({ 'tflops-request': '1', ...(inject === undefined ? {} : { 'inject-container': inject }) }, { containers }));
    expect(spec).toMatchObject(want);
    if (!('vendor' in want)) return;
    expect(spec.vendor).toBe(want.vendor);
  });

  it('the annotation gpu-count wins over native limits', () => {
    expect(specOf(optedInPod({ 'tflops-request': '1', 'gpu-count': '3' }, { containers: [{ name: 'a', ...limits({ 'nvidia.com/gpu': 2 }) }] })).gpuCount).toBe(3);
  });

  it('gpu-indices set the count', () => {
    expect(specOf(optedInPod({ 'tflops-request': '1', 'gpu-indices': '1,3,5' }))).toMatchObject({ gpuCount: 3, gpuIndices: [1, 3, 5] });
  });

  it('gpu-indices naming more than 128 GPUs is an issue', () => {
    const indices = Array.from({ length: 129 }, (_, i) => String(i)).join(',');
    const result = resolveWorkload(optedInPod({ 'tflops-request': '1', 'gpu-indices': indices }));
    expect(result.ok ? [] : result.issues.map((found) => found.rule)).toContain('name at most 128 GPUs');
  });
});

describe('Function: resolveWorkload() — workload name', () => {
  const owned = (owners: NonNullable<Pod['metadata']['ownerReferences']>, labels: Record<string, string> = {}, name?: string): Pod => {
    const pod = optedInPod({ 'tflops-request': '1' }, { labels });
    const metadata = { ...pod.metadata, ownerReferences: owners };
    delete metadata.name;
    return { ...pod, metadata: { ...metadata, ...(name === undefined ? {} : { name }) } };
  };
  const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'trainer-7d9f8', controller: true };

  it.each([
    { name: 'a ReplicaSet with the pod-template-hash gives its Deployment', pod: owned([rs], { 'pod-template-hash': '7d9f8' }), want: ['trainer', 'derived'] },
    { name: 'a ReplicaSet without the hash label stays itself', pod: owned([rs]), want: ['trainer-7d9f8', 'derived'] },
    { name: 'the controller owner is preferred', pod: owned([{ apiVersion: 'v1', kind: 'Other', name: 'x' }, { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', controller: true }]), want: ['db', 'derived'] },
    { name: 'without a controller flag the first owner is used', pod: owned([{ apiVersion: 'batch/v1', kind: 'Job', name: 'train-1' }]), want: ['train-1', 'derived'] },
    { name: 'no owner: the pod name', pod: optedInPod({ 'tflops-request': '1' }), want: ['pod-1', 'default'] },
    { name: 'no owner, no name: the generateName prefix', pod: { metadata: { generateName: 'job-', labels: { 'tensor-fusion.ai/enabled': 'true' }, annotations: { 'tensor-fusion.ai/tflops-request': '1' } } }, want: ['job', 'default'] },
    { name: 'nothing at all', pod: { metadata: { annotations: { 'tensor-fusion.ai/tflops-request': '1' } } }, want: ['unnamed', 'default'] },
  ])('$name', ({ pod, want }) => {
    const spec = specOf(pod);
    expect([spec.workload, spec.origins.workload]).toEqual(want);
  });

  it('a pod with no metadata at all is not opted in and still needs a size', () => {
    const result = resolveWorkload({ metadata: {} });
    expect(result.ok).toBe(false);
  });
});

describe('Function: resolveWorkload() — autoscaling from the profile', () => {
  const withConfig = (autoScalingConfig: Record<string, unknown>, short: Record<string, string> = {}) =>
    specOf(optedInPod({ 'tflops-request': '1', 'workload-profile': 'profile', ...short }), { profile: profile({ autoScalingConfig }) }).autoScaling;

  it('maps v1 field names to the current ones', () => {
    const resolved = withConfig({ autoSetResources: { enable: true, targetResource: 'all', targettflopspercentile: '0.9', requestMarginFraction: '0.2', historyDataPeriod: '2h' } });
    expect(resolved.autoSetResources).toEqual({ enable: true, targetResource: 'all', settings: { targetComputePercentile: 0.9, marginFraction: 0.2, historyDataPeriod: 7_200_000 } });
  });

  it.each([
    { name: 'an empty target means recommend only', config: { autoSetResources: { enable: true, targetResource: '' } }, want: undefined },
    { name: 'vram stays vram', config: { autoSetResources: { enable: true, targetResource: 'vram' } }, want: 'vram' },
    { name: 'enabled with no target: all', config: { autoSetResources: { enable: true } }, want: 'all' },
    { name: 'not enabled, no target: none', config: { autoSetResources: {} }, want: undefined },
  ])('$name', ({ config, want }) => expect(withConfig(config).autoSetResources.targetResource).toBe(want));

  it('the v1 annotation auto-scale-target-resource picks the target', () => {
    expect(withConfig({}, { 'auto-resources': 'true', 'auto-scale-target-resource': 'tflops' }).autoSetResources.targetResource).toBe('compute');
  });

  it('keeps replica settings and cron rules with their amounts converted', () => {
    const resolved = withConfig({
      autoSetReplicas: { enable: true, minReplicas: 1, maxReplicas: 4, scaleUpCoolDownTime: '5m' },
      cronScalingRules: [
        { name: 'day', enable: true, start: '0 9 * * 1-5', end: '0 18 * * 1-5', desiredResources: { requests: { tflops: '10', vram: '2Gi' }, limits: { compute: '50' } }, desiredReplicas: 3 },
        { name: 'bare', start: '0 0 * * *', end: '0 1 * * *' },
      ],
      externalScaler: { enable: true, url: 'https://scaler.example.com' },
    });
    expect(resolved.autoSetReplicas).toEqual({ enable: true, settings: { minReplicas: 1, maxReplicas: 4, scaleUpCoolDownTime: 300_000 } });
    expect(resolved.cronScalingRules).toEqual([
      { name: 'day', enable: true, start: '0 9 * * 1-5', end: '0 18 * * 1-5', requests: { tflopsMilli: 10_000, vramBytes: gib(2) }, limits: { computePercentMilli: 50_000 }, desiredReplicas: 3 },
      { name: 'bare', enable: false, start: '0 0 * * *', end: '0 1 * * *' },
    ]);
    expect(resolved.externalScaler).toEqual({ enable: true, url: 'https://scaler.example.com' });
  });

  it('an external scaler without a URL or flag', () => {
    expect(withConfig({ externalScaler: {} }).externalScaler).toEqual({ enable: false });
  });
});
