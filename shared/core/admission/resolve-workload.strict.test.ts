import { describe, expect, it } from 'vitest';
import { optedInPod, pool, profile, tf } from '../../../test/fixtures/resolve-inputs.ts';
import type { Pod } from '../../schemas/pod.ts';
import { formatIssue } from '../model/issue.ts';
import { resolveWorkload, type ResolveSources } from './resolve-workload.ts';

const gpu = (name: string, gpus = 0) => ({ name, ...(gpus > 0 ? { resources: { limits: { 'nvidia.com/gpu': gpus } } } : {}) });

interface Row {
  readonly name: string;
  readonly pod: Pod;
  readonly sources?: ResolveSources;
  readonly code: string;
  readonly field: string;
  readonly message: string;
}

const base = { 'tflops-request': '1' };

// Each strict rule: the code, the field named, and the readable message (rule, then the value received).
const ROWS: readonly Row[] = [
  { name: 'vram-request 4GB is not a quantity', pod: optedInPod({ 'vram-request': '4GB' }), code: 'INVALID_INPUT', field: tf('vram-request'), message: 'tensor-fusion.ai/vram-request must be a byte quantity like 4Gi or 512Mi (Kubernetes quantity; use Gi, not GB), got "4GB"' },
  { name: 'tflops-request abc', pod: optedInPod({ 'tflops-request': 'abc' }), code: 'INVALID_INPUT', field: tf('tflops-request'), message: 'must be a TFLOPS amount like 10, 2.5 or 500m (Kubernetes quantity), got "abc"' },
  { name: 'tflops-limit empty', pod: optedInPod({ ...base, 'tflops-limit': '' }), code: 'INVALID_INPUT', field: tf('tflops-limit'), message: 'must be a TFLOPS amount like 10 or 500m, not empty, got ""' },
  { name: 'vram-limit negative', pod: optedInPod({ ...base, 'vram-limit': '-1' }), code: 'INVALID_INPUT', field: tf('vram-limit'), message: 'vram-limit must not be negative, got "-1"' },
  { name: 'tflops-request negative', pod: optedInPod({ 'tflops-request': '-5' }), code: 'INVALID_INPUT', field: tf('tflops-request'), message: 'must not be negative, got "-5"' },
  { name: 'vram with a fraction of a byte', pod: optedInPod({ ...base, 'vram-request': '0.5' }), code: 'INVALID_INPUT', field: tf('vram-request'), message: 'must be a whole number of bytes, got "0.5"' },
  { name: 'compute percent above 100', pod: optedInPod({ 'compute-percent-request': '150' }), code: 'INVALID_INPUT', field: tf('compute-percent-request'), message: 'must be a percentage from 0 to 100, got "150"' },
  { name: 'tflops request above limit', pod: optedInPod({ 'tflops-request': '30', 'tflops-limit': '20' }), code: 'INVALID_INPUT', field: tf('tflops-request'), message: 'tensor-fusion.ai/tflops-request must be at most tensor-fusion.ai/tflops-limit (20), got "30"' },
  { name: 'vram request above limit', pod: optedInPod({ ...base, 'vram-request': '8Gi', 'vram-limit': '4Gi' }), code: 'INVALID_INPUT', field: tf('vram-request'), message: 'must be at most tensor-fusion.ai/vram-limit (4Gi), got "8Gi"' },
  { name: 'profile request above annotation limit', pod: optedInPod({ 'tflops-limit': '2', 'workload-profile': 'profile' }), sources: { profile: profile({ resources: { requests: { tflops: '5' } } }) }, code: 'INVALID_INPUT', field: 'WorkloadProfile profile spec.resources.requests.tflops', message: 'must be at most tensor-fusion.ai/tflops-limit (2), got "5"' },
  { name: 'unknown qos', pod: optedInPod({ ...base, qos: 'urgent' }), code: 'INVALID_INPUT', field: tf('qos'), message: 'tensor-fusion.ai/qos must be one of low, medium, high, critical, got "urgent"' },
  { name: 'unknown feature', pod: optedInPod({ ...base, 'disable-features': 'gpu-limiter,turbo' }), code: 'INVALID_INPUT', field: tf('disable-features'), message: 'must list only gpu-limiter, gpu-opt, mem-manager, start-worker' },
  { name: 'TFLOPS and percent on the request side', pod: optedInPod({ 'tflops-request': '5', 'compute-percent-request': '10' }), code: 'CONFLICTING_OPTIONS', field: tf('tflops-request'), message: 'must not be set together with tensor-fusion.ai/compute-percent-request' },
  { name: 'TFLOPS and percent on the profile limit side', pod: optedInPod({ ...base, 'workload-profile': 'profile' }), sources: { profile: profile({ resources: { limits: { tflops: '5', compute: '10' } } }) }, code: 'CONFLICTING_OPTIONS', field: 'WorkloadProfile profile spec.resources.limits.tflops', message: 'must not be set together with resources.limits.compute' },
  { name: 'request in TFLOPS, limit in percent', pod: optedInPod({ 'tflops-request': '5', 'compute-percent-limit': '10' }), code: 'CONFLICTING_OPTIONS', field: tf('tflops-request'), message: 'must use the same unit as tensor-fusion.ai/compute-percent-limit' },
  { name: 'gpu-count 0', pod: optedInPod({ ...base, 'gpu-count': '0' }), code: 'INVALID_INPUT', field: tf('gpu-count'), message: 'must be a whole number from 1 to 128, got "0"' },
  { name: 'gpu-count 129', pod: optedInPod({ ...base, 'gpu-count': '129' }), code: 'INVALID_INPUT', field: tf('gpu-count'), message: 'got "129"' },
  { name: 'gpu-count disagrees with gpu-indices', pod: optedInPod({ ...base, 'gpu-count': '3', 'gpu-indices': '0,1' }), code: 'CONFLICTING_OPTIONS', field: tf('gpu-count'), message: 'must equal the number of tensor-fusion.ai/gpu-indices (2), got "3"' },
  { name: 'dedicated-gpu without a model', pod: optedInPod({ 'dedicated-gpu': 'true' }), code: 'INVALID_INPUT', field: tf('dedicated-gpu'), message: 'must be used with tensor-fusion.ai/gpu-model' },
  { name: 'dedicated-gpu with two models', pod: optedInPod({ 'dedicated-gpu': 'true', 'gpu-model': 'A100,H100' }), code: 'INVALID_INPUT', field: tf('gpu-model'), message: 'must name exactly one model when tensor-fusion.ai/dedicated-gpu is "true"' },
  { name: 'dedicated-gpu with a model the catalogue lacks', pod: optedInPod({ 'dedicated-gpu': 'true', 'gpu-model': 'G2' }), code: 'NOT_FOUND', field: tf('gpu-model'), message: 'must name a GPU model in the catalogue' },
  { name: 'dedicated-gpu beside a resource annotation', pod: optedInPod({ 'dedicated-gpu': 'true', 'gpu-model': 'A100', 'vram-limit': '4Gi' }), code: 'CONFLICTING_OPTIONS', field: tf('vram-limit'), message: 'must not be set with tensor-fusion.ai/dedicated-gpu: "true"' },
  { name: 'standalone-worker-mode with a remote GPU', pod: optedInPod({ ...base, 'is-local-gpu': 'false', 'standalone-worker-mode': 'true' }), code: 'CONFLICTING_OPTIONS', field: tf('standalone-worker-mode'), message: 'must be set only when tensor-fusion.ai/is-local-gpu is "true"' },
  { name: 'sidecar-worker with is-local-gpu false', pod: optedInPod({ ...base, 'sidecar-worker': 'true', 'is-local-gpu': 'false' }), code: 'CONFLICTING_OPTIONS', field: tf('is-local-gpu'), message: 'must be "true" when tensor-fusion.ai/sidecar-worker is "true"' },
  { name: 'sidecar-worker disagrees with standalone-worker-mode', pod: optedInPod({ ...base, 'is-local-gpu': 'true', 'sidecar-worker': 'false', 'standalone-worker-mode': 'true' }), code: 'CONFLICTING_OPTIONS', field: tf('sidecar-worker'), message: 'its alias' },
  { name: 'hard isolation in an embedded local worker', pod: optedInPod({ ...base, 'is-local-gpu': 'true', isolation: 'hard' }), code: 'CONFLICTING_OPTIONS', field: tf('isolation'), message: 'must not be "hard" for an embedded local worker' },
  { name: 'inject-container needed with two containers', pod: optedInPod(base, { containers: [gpu('a'), gpu('b')] }), code: 'INVALID_INPUT', field: tf('inject-container'), message: 'must be set when the pod has more than one container (a, b)' },
  { name: 'inject-container names no container', pod: optedInPod({ ...base, 'inject-container': 'python' }, { containers: [gpu('app')] }), code: 'NOT_FOUND', field: tf('inject-container'), message: 'must name containers of the pod (app), got "python"' },
  { name: 'workload-profile not supplied', pod: optedInPod({ ...base, 'workload-profile': 'missing' }), code: 'NOT_FOUND', field: tf('workload-profile'), message: 'must name a WorkloadProfile in the pod\'s namespace (ns), got "missing"' },
  { name: 'workload-profile from another namespace', pod: optedInPod({ ...base, 'workload-profile': 'other' }), sources: { profile: { ...profile({}, 'other'), metadata: { name: 'other', namespace: 'elsewhere' } } }, code: 'NOT_FOUND', field: tf('workload-profile'), message: 'in the pod\'s namespace (ns)' },
  { name: 'gpupool that does not exist', pod: optedInPod({ ...base, gpupool: 'nope' }), sources: { pools: [pool('default-pool', { isDefault: true })] }, code: 'NOT_FOUND', field: tf('gpupool'), message: 'must name an existing GPUPool (default-pool), got "nope"' },
  { name: 'profile poolName that does not exist', pod: optedInPod({ ...base, 'workload-profile': 'profile' }), sources: { profile: profile({ poolName: 'gone' }), pools: [] }, code: 'NOT_FOUND', field: 'WorkloadProfile profile spec.poolName', message: 'must name an existing GPUPool (none defined), got "gone"' },
  { name: 'no default pool', pod: optedInPod(base), sources: { pools: [pool('a')] }, code: 'NOT_FOUND', field: tf('gpupool'), message: 'must be set: no GPUPool is marked default' },
  { name: 'enabled label not a boolean', pod: optedInPod(base, { labels: { 'tensor-fusion.ai/enabled': 'yes' } }), code: 'INVALID_INPUT', field: 'label tensor-fusion.ai/enabled', message: 'must be "true" or "false", got "yes"' },
  { name: 'no size at all', pod: optedInPod({ qos: 'low' }), code: 'INVALID_INPUT', field: tf('tflops-request'), message: 'must be set: a GPU share needs a size' },
  { name: 'vram limit larger than the model', pod: optedInPod({ ...base, 'gpu-model': 'T4', 'vram-limit': '32Gi' }), code: 'INVALID_INPUT', field: tf('vram-limit'), message: 'must fit on one GPU of the allowed models (T4: at most 16Gi), got "32Gi"' },
  { name: 'tflops limit larger than the model', pod: optedInPod({ 'gpu-model': 'L4', 'tflops-limit': '500' }), code: 'INVALID_INPUT', field: tf('tflops-limit'), message: 'L4: at most 121 TFLOPS' },
  { name: 'auto-resources and its alias autoscale disagree', pod: optedInPod({ ...base, 'auto-resources': 'true', autoscale: 'false' }), code: 'CONFLICTING_OPTIONS', field: tf('autoscale'), message: 'must agree with tensor-fusion.ai/auto-resources (true), its alias' },
  { name: 'v1 and current autoscaling names disagree', pod: optedInPod({ ...base, 'workload-profile': 'profile' }), sources: { profile: profile({ autoScalingConfig: { autoSetResources: { targetComputePercentile: '0.95', targettflopspercentile: '0.9' } } }) }, code: 'CONFLICTING_OPTIONS', field: 'WorkloadProfile profile spec.autoScalingConfig.autoSetResources.targettflopspercentile', message: 'must agree with targetComputePercentile' },
  { name: 'enabled-replicas not a number', pod: optedInPod({ ...base, 'enabled-replicas': 'all' }), code: 'INVALID_INPUT', field: tf('enabled-replicas'), message: 'must be a whole number of replicas, 0 or more, got "all"' },
  { name: 'is-local-gpu not a boolean', pod: optedInPod({ ...base, 'is-local-gpu': 'yes' }), code: 'INVALID_INPUT', field: tf('is-local-gpu'), message: 'must be "true" or "false", got "yes"' },
];

describe('Function: resolveWorkload() — strict validation', () => {
  it.each(ROWS)('$name', ({ pod, sources, code, field, message }) => {
    const result = resolveWorkload(pod, sources);
    expect(result.ok).toBe(false);
    const found = result.ok ? undefined : result.issues.find((candidate) => candidate.field === field && candidate.code === code);
    expect(found, JSON.stringify(result)).toBeDefined();
    expect(formatIssue(found as NonNullable<typeof found>)).toContain(message);
  });

  it('reports every issue at once', () => {
    const result = resolveWorkload(optedInPod({ 'vram-request': '4GB', 'tflops-request': '30', 'tflops-limit': '20', qos: 'urgent', 'gpu-count': '0' }));
    expect(result.ok ? [] : result.issues.map((found) => found.field)).toEqual([tf('vram-request'), tf('qos'), tf('gpu-count'), tf('tflops-request')]);
  });

  it('does not claim a missing size when the only size was unparsable', () => {
    const result = resolveWorkload(optedInPod({ 'vram-request': '4GB' }));
    expect(result.ok ? [] : result.issues.map((found) => found.rule)).toHaveLength(1);
  });
});

describe('Function: resolveWorkload() — warnings, which do not block', () => {
  it.each([
    { name: 'a misspelt key, with a suggestion', pod: optedInPod({ ...base, 'vram-requst': '1Gi' }), field: tf('vram-requst'), message: 'did you mean tensor-fusion.ai/vram-request?' },
    { name: 'an unknown key with no close match', pod: optedInPod({ ...base, 'something-else-entirely': 'x' }), field: tf('something-else-entirely'), message: 'must be a known tensor-fusion.ai annotation; it is ignored' },
    { name: 'a TensorFusion key not implemented', pod: optedInPod({ ...base, 'gang-enabled': 'true' }), field: tf('gang-enabled'), message: 'this TensorFusion feature is not implemented' },
    { name: 'a profile given but not referenced', pod: optedInPod(base), sources: { profile: profile({}) }, field: tf('workload-profile'), message: 'profile "profile" was given but the pod does not reference it' },
    { name: 'partition-id without partitioned isolation', pod: optedInPod({ ...base, 'partition-id': 'p1' }), field: tf('partition-id'), message: 'must be used only with isolation "partitioned"' },
    { name: 'two default pools', pod: optedInPod(base), sources: { pools: [pool('b', { isDefault: true }), pool('a', { isDefault: true })] }, field: 'GPUPool spec.isDefault', message: 'be true on one pool only; using a' },
  ])('$name', ({ pod, sources, field, message }) => {
    const result = resolveWorkload(pod, sources);
    expect(result.ok).toBe(true);
    const found = result.warnings.find((candidate) => candidate.field === field);
    expect(found && formatIssue(found)).toContain(message);
  });

  it('passes system keys written by the control plane silently', () => {
    const result = resolveWorkload(optedInPod({ ...base, 'gpu-ids': 'gpu-1', 'pod-counter-key': 'k' }));
    expect(result.warnings).toEqual([]);
  });
});
