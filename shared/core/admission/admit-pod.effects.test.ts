// One row per annotation (and per pod shape) the webhook acts on: what the admitted pod carries.
import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../test/fixtures/admission/json-patch.ts';
import { defaultPool, optedInPod, podCreate, replicaSetOwner, replicaSetPod, seedProfile } from '../../../test/fixtures/admission/reviews.ts';
import { admitPod, type AdmissionInput } from './admit-pod.ts';
import type { JsonValue } from './json-patch.ts';
import type { OwnerObject } from './owner.ts';

const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
const pools = [defaultPool(), defaultPool({ defaultUsingLocalGPU: true, qosConfig: { defaultQoS: 'low' } }, 'local-pool')];

interface Container { name: string; env?: { name: string; value?: string }[]; resources?: { requests?: Record<string, string>; limits?: Record<string, string> }; volumeMounts?: { name: string }[] }
interface PodView {
  metadata: { annotations: Record<string, string>; labels: Record<string, string> };
  spec: { containers: Container[]; priorityClassName?: string; priority?: number; preemptionPolicy?: string; volumes: { name: string }[] };
}

function admitted(input: AdmissionInput): { pod: PodView; warnings: readonly string[] } {
  const decision = admitPod(input);
  if (decision.verdict !== 'allow') throw new Error(decision.message);
  return { pod: applyJsonPatch(input.request.object as JsonValue, decision.patch) as unknown as PodView, warnings: decision.warnings };
}

const envOf = (pod: PodView, container = 0): Record<string, string | undefined> =>
  Object.fromEntries((pod.spec.containers[container]?.env ?? []).map((entry) => [entry.name, entry.value]));
const bare = (annotations: Record<string, string>, options: Parameters<typeof optedInPod>[1] = {}): AdmissionInput =>
  ({ request: podCreate(optedInPod(annotations, options)), pools });

describe('Function: admitPod() — what each annotation writes', () => {
  it.each<{ name: string; input: AdmissionInput; check: (pod: PodView) => void }>([
    {
      name: 'tflops-request alone: limit copied, both written, env in TFLOPS', input: bare({ [tf('tflops-request')]: '2.5' }),
      check: (pod) => {
        expect(pod.metadata.annotations).toMatchObject({ [tf('tflops-request')]: '2.5', [tf('tflops-limit')]: '2.5' });
        expect(envOf(pod)).toMatchObject({ TF_TFLOPS_REQUEST: '2.5', TF_TFLOPS_LIMIT: '2.5' });
      },
    },
    {
      name: 'vram only: canonical quantities and bytes in env, no compute env', input: bare({ [tf('vram-limit')]: '1024Mi' }),
      check: (pod) => {
        expect(pod.metadata.annotations).toMatchObject({ [tf('vram-request')]: '1Gi', [tf('vram-limit')]: '1Gi' });
        expect(envOf(pod)).toMatchObject({ TF_VRAM_REQUEST_BYTES: String(2 ** 30), TF_VRAM_LIMIT_BYTES: String(2 ** 30) });
        expect(envOf(pod)).not.toHaveProperty('TF_TFLOPS_LIMIT');
      },
    },
    {
      name: 'compute-percent: written in percent, env in percent', input: bare({ [tf('compute-percent-request')]: '25', [tf('compute-percent-limit')]: '50' }),
      check: (pod) => {
        expect(pod.metadata.annotations).toMatchObject({ [tf('compute-percent-request')]: '25', [tf('compute-percent-limit')]: '50' });
        expect(envOf(pod)).toMatchObject({ TF_COMPUTE_PERCENT_REQUEST: '25', TF_COMPUTE_PERCENT_LIMIT: '50' });
      },
    },
    {
      name: 'shared isolation without amounts: no amount annotations or env', input: bare({ [tf('isolation')]: 'shared' }),
      check: (pod) => {
        expect(Object.keys(pod.metadata.annotations).filter((key) => /request|limit/.test(key))).toEqual([]);
        expect(envOf(pod)).toMatchObject({ TF_ISOLATION_MODE: 'shared' });
      },
    },
    {
      name: 'qos high: priority class tensor-fusion-high, priority and preemptionPolicy cleared',
      input: bare({ [tf('tflops-request')]: '1', [tf('qos')]: 'high' }, { spec: { priority: 0, preemptionPolicy: 'PreemptLowerPriority' } }),
      check: (pod) => {
        expect(pod.spec).toMatchObject({ priorityClassName: 'tensor-fusion-high' });
        expect(pod.spec).not.toHaveProperty('priority');
        expect(pod.spec).not.toHaveProperty('preemptionPolicy');
        expect(envOf(pod)['TF_QOS']).toBe('high');
      },
    },
    { name: 'qos critical: tensor-fusion-critical', input: bare({ [tf('tflops-request')]: '1', [tf('qos')]: 'critical' }), check: (pod) => expect(pod.spec.priorityClassName).toBe('tensor-fusion-critical') },
    {
      name: 'qos high on a pod that names a priority class: kept', input: bare({ [tf('tflops-request')]: '1', [tf('qos')]: 'high' }, { spec: { priorityClassName: 'mine', priority: 5 } }),
      check: (pod) => expect([pod.spec.priorityClassName, pod.spec.priority]).toEqual(['mine', 5]),
    },
    { name: 'qos low and medium: no priority class', input: bare({ [tf('tflops-request')]: '1', [tf('qos')]: 'low' }), check: (pod) => expect(pod.spec).not.toHaveProperty('priorityClassName') },
    {
      name: 'requests equal to limits derive qos high (and its priority class)', input: bare({ [tf('tflops-request')]: '5', [tf('tflops-limit')]: '5', [tf('vram-request')]: '1Gi', [tf('vram-limit')]: '1Gi' }),
      check: (pod) => expect([pod.metadata.annotations[tf('qos')], pod.spec.priorityClassName]).toEqual(['high', 'tensor-fusion-high']),
    },
    {
      name: 'gpu-count 4: annotation and env', input: bare({ [tf('tflops-request')]: '1', [tf('gpu-count')]: '4' }),
      check: (pod) => expect([pod.metadata.annotations[tf('gpu-count')], envOf(pod)['TF_GPU_COUNT']]).toEqual(['4', '4']),
    },
    {
      name: 'gpu-indices: written with the count they imply', input: bare({ [tf('tflops-request')]: '1', [tf('gpu-indices')]: '0,3' }),
      check: (pod) => expect(pod.metadata.annotations).toMatchObject({ [tf('gpu-indices')]: '0,3', [tf('gpu-count')]: '2' }),
    },
    {
      name: 'gpupool: the named pool and its defaults (local, defaultQoS low)', input: bare({ [tf('tflops-request')]: '1', [tf('gpupool')]: 'local-pool' }),
      check: (pod) => {
        expect(pod.metadata.annotations).toMatchObject({ [tf('gpupool')]: 'local-pool', [tf('is-local-gpu')]: 'true', [tf('qos')]: 'low' });
        expect(envOf(pod)).toMatchObject({ TF_GPU_POOL: 'local-pool', TF_IS_LOCAL_GPU: 'true' });
      },
    },
    {
      name: 'gpu-model list: written and in env', input: bare({ [tf('tflops-request')]: '1', [tf('gpu-model')]: 'A100,H100' }),
      check: (pod) => expect([pod.metadata.annotations[tf('gpu-model')], envOf(pod)['TF_GPU_MODEL']]).toEqual(['A100,H100', 'A100,H100']),
    },
    {
      name: 'dedicated-gpu: full capacity in env, no amount annotations beside it, qos high',
      input: bare({ [tf('dedicated-gpu')]: 'true', [tf('gpu-model')]: 'A100' }),
      check: (pod) => {
        expect(envOf(pod)).toMatchObject({ TF_TFLOPS_REQUEST: '312', TF_TFLOPS_LIMIT: '312', TF_VRAM_LIMIT_BYTES: String(40 * 2 ** 30), TF_DEDICATED_GPU: 'true', TF_QOS: 'high' });
        expect(pod.metadata.annotations).not.toHaveProperty(tf('tflops-limit'));
        expect([pod.metadata.annotations[tf('qos')], pod.spec.priorityClassName]).toEqual(['high', 'tensor-fusion-high']);
      },
    },
    {
      name: 'is-local-gpu false (remote): workers are standalone, standalone-worker-mode not written', input: bare({ [tf('tflops-request')]: '1', [tf('is-local-gpu')]: 'false' }),
      check: (pod) => {
        expect(pod.metadata.annotations[tf('is-local-gpu')]).toBe('false');
        expect(pod.metadata.annotations).not.toHaveProperty(tf('standalone-worker-mode'));
        expect(envOf(pod)).toMatchObject({ TF_IS_LOCAL_GPU: 'false', TF_STANDALONE_WORKER: 'true' });
      },
    },
    {
      name: 'standalone-worker-mode true with a local GPU', input: bare({ [tf('tflops-request')]: '1', [tf('is-local-gpu')]: 'true', [tf('standalone-worker-mode')]: 'true' }),
      check: (pod) => expect([pod.metadata.annotations[tf('standalone-worker-mode')], envOf(pod)['TF_STANDALONE_WORKER']]).toEqual(['true', 'true']),
    },
    {
      name: 'sidecar-worker true forces local mode', input: bare({ [tf('tflops-request')]: '1', [tf('sidecar-worker')]: 'true', [tf('isolation')]: 'hard' }),
      check: (pod) => expect(pod.metadata.annotations).toMatchObject({ [tf('is-local-gpu')]: 'true', [tf('standalone-worker-mode')]: 'true', [tf('isolation')]: 'hard' }),
    },
    {
      name: 'isolation partitioned with partition-id', input: bare({ [tf('tflops-request')]: '1', [tf('isolation')]: 'partitioned', [tf('partition-id')]: '1g.10gb' }),
      check: (pod) => expect(pod.metadata.annotations).toMatchObject({ [tf('isolation')]: 'partitioned', [tf('partition-id')]: '1g.10gb' }),
    },
    {
      name: 'offline (no pools read): no pool written', input: { request: podCreate(optedInPod({ [tf('tflops-request')]: '1' })) },
      check: (pod) => {
        expect(pod.metadata.annotations).not.toHaveProperty(tf('gpupool'));
        expect(envOf(pod)).not.toHaveProperty('TF_GPU_POOL');
      },
    },
    { name: 'vendor: written', input: bare({ [tf('tflops-request')]: '1', [tf('vendor')]: 'AMD' }), check: (pod) => expect(pod.metadata.annotations[tf('vendor')]).toBe('AMD') },
    {
      name: 'disable-features: the reference env, none for start-worker', input: bare({ [tf('tflops-request')]: '1', [tf('disable-features')]: 'gpu-limiter,gpu-opt,mem-manager,start-worker' }),
      check: (pod) => {
        expect(envOf(pod)).toMatchObject({ DISABLE_GPU_LIMITER: 'true', TF_ENABLE_DISPATCH_FORWARD: '1', TF_DISABLE_MEMORY_MANAGER: '1' });
        expect(Object.keys(envOf(pod)).filter((name) => !name.startsWith('TF_'))).toEqual(['DISABLE_GPU_LIMITER']);
      },
    },
    {
      name: 'inject-container: only the named container changes', input: bare({ [tf('tflops-request')]: '1', [tf('inject-container')]: 'worker' }, { containers: [{ name: 'proxy' }, { name: 'worker' }] }),
      check: (pod) => {
        expect(pod.spec.containers[0]).toEqual({ name: 'proxy' });
        expect(envOf(pod, 1)['TF_TFLOPS_LIMIT']).toBe('1');
        expect(pod.metadata.annotations[tf('inject-container')]).toBe('worker');
      },
    },
    {
      name: 'native GPU resources are removed from inject containers; other resources stay',
      input: bare({ [tf('tflops-request')]: '1' }, { containers: [{ name: 'python', resources: {
        requests: { cpu: '1', 'nvidia.com/gpu': '2' }, limits: { memory: '1Gi', 'nvidia.com/gpu': '2', 'nvidia.com/mig-1g.10gb': '1', 'amd.com/gpu': '1' },
      } }] }),
      check: (pod) => {
        expect(pod.spec.containers[0]?.resources).toEqual({ requests: { cpu: '1' }, limits: { memory: '1Gi' } });
        expect(pod.metadata.annotations).toMatchObject({ [tf('gpu-count')]: '3', [tf('inject-container')]: 'python' });
      },
    },
    {
      name: 'env the webhook owns is replaced; the container\'s other env stays',
      input: bare({ [tf('tflops-request')]: '1' }, { containers: [{ name: 'python', env: [{ name: 'HOME', value: '/root' }, { name: 'TF_QOS', value: 'critical' }] }] }),
      check: (pod) => {
        expect(pod.spec.containers[0]?.env?.slice(0, 2)).toEqual([{ name: 'HOME', value: '/root' }, { name: 'TF_QOS', value: 'medium' }]);
        expect(pod.spec.containers[0]?.env?.filter((entry) => entry.name === 'TF_QOS')).toHaveLength(1);
      },
    },
    {
      name: 'existing volumes and mounts stay; the pod-info volume is added after them',
      input: bare({ [tf('tflops-request')]: '1' }, { containers: [{ name: 'python', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], spec: { volumes: [{ name: 'data', emptyDir: {} }] } }),
      check: (pod) => {
        expect(pod.spec.volumes.map((volume) => volume.name)).toEqual(['data', 'tensor-fusion-pod-info']);
        expect(pod.spec.containers[0]?.volumeMounts?.map((mount) => mount.name)).toEqual(['data', 'tensor-fusion-pod-info']);
      },
    },
  ])('$name', ({ input, check }) => check(admitted(input).pod));
});

describe('Function: admitPod() — the workload label', () => {
  const ownedBy = (kind: string, name: string, owner?: OwnerObject): AdmissionInput => ({
    request: podCreate(optedInPod({ [tf('tflops-request')]: '1' }, { name: `${name}-abcde` }) as never),
    pools, ...(owner === undefined ? {} : { owner }),
  });
  const withOwner = (input: AdmissionInput, kind: string, name: string): AdmissionInput => {
    const object = structuredClone(input.request.object) as { metadata: Record<string, unknown> };
    object.metadata['ownerReferences'] = [{ apiVersion: kind === 'Job' ? 'batch/v1' : 'apps/v1', kind, name, uid: 'u', controller: true }];
    return { ...input, request: { ...input.request, object } };
  };
  const jobOwner: OwnerObject = {
    reference: { apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'nightly-29000000' }, resourceVersion: '1', annotations: {},
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', controller: true }],
  };
  it.each([
    { name: 'a ReplicaSet pod names its Deployment', input: { request: podCreate(replicaSetPod()), profile: seedProfile(), pools, owner: replicaSetOwner() }, workload: 'pytorch-example' },
    { name: 'a Job pod names its CronJob', input: withOwner(ownedBy('Job', 'nightly-29000000', jobOwner), 'Job', 'nightly-29000000'), workload: 'nightly' },
    { name: 'a Job without a CronJob names itself', input: withOwner(ownedBy('Job', 'once', { ...jobOwner, reference: { ...jobOwner.reference, name: 'once' }, ownerReferences: [] }), 'Job', 'once'), workload: 'once' },
    { name: 'a StatefulSet pod names its StatefulSet', input: withOwner(ownedBy('StatefulSet', 'web'), 'StatefulSet', 'web'), workload: 'web' },
    { name: 'a ReplicaSet not made by a Deployment names itself', input: { request: podCreate(replicaSetPod()), profile: seedProfile(), pools, owner: { ...replicaSetOwner(), ownerReferences: [] } }, workload: 'pytorch-example-7d9f8b6c5d' },
    { name: 'an owner read for another object is not used (the name-suffix guess stands)', input: { request: podCreate(replicaSetPod()), profile: seedProfile(), pools, owner: replicaSetOwner({ hash: 'x' }) }, workload: 'pytorch-example' },
    { name: 'an owner that could not be read (gone): the name-suffix guess', input: { request: podCreate(replicaSetPod()), profile: seedProfile(), pools }, workload: 'pytorch-example' },
    { name: 'a bare pod names itself', input: bare({ [tf('tflops-request')]: '1' }), workload: 'trainer' },
    { name: 'the workload annotation wins', input: { request: podCreate(replicaSetPod({ annotations: { [tf('workload')]: 'shared-workers' } })), profile: seedProfile(), pools, owner: replicaSetOwner() }, workload: 'shared-workers' },
  ])('$name', ({ input, workload }) => {
    const { pod } = admitted(input);
    expect([pod.metadata.labels[tf('workload')], envOf(pod)['TF_WORKLOAD']]).toEqual([workload, workload]);
  });

  it('leaves the label out, with a warning, when the name cannot be a label value', () => {
    const long = `w${'x'.repeat(70)}`;
    const { pod, warnings } = admitted(bare({ [tf('tflops-request')]: '1', [tf('workload')]: long }));
    expect(pod.metadata.labels).not.toHaveProperty(tf('workload'));
    expect(envOf(pod)['TF_WORKLOAD']).toBe(long);
    expect(warnings).toEqual([`label tensor-fusion.ai/workload must be a label value (at most 63 characters); the label is left out, got "${long}"`]);
  });
});
