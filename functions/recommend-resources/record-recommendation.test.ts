import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { toLambdaKafkaEvent } from '../../shared/adapters/kafka/lambda-event.ts';
import { decodeRecommendation } from '../../shared/core/admission/recorded-recommendation.ts';
import { AppError } from '../../shared/core/errors.ts';
import { RECOMMENDED_RESOURCES_KEY } from '../../shared/schemas/annotation-keys.ts';
import { ownerWith } from '../../test/fixtures/admission/recommended.ts';
import { recommendHarness } from '../../test/fixtures/autoscaling/recommend-harness.ts';
import { admittedPod, usageEvent } from '../../test/fixtures/autoscaling/workload-pods.ts';
import { createRecommendHandler } from './handler.ts';

const GIB = 1024 ** 3;
const T0 = Date.parse('2025-01-31T12:00:00Z');
const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'ml', name: 'web-abc' };
const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;

/** Pods llm-0 and llm-1 of ReplicaSet web-abc (template `abc`), 20/40 TFLOPS and 4Gi/8Gi, with `annotations` over those. */
function withReplicaSet(annotations: Record<string, string | null> = {}) {
  const harness = recommendHarness();
  for (const name of ['llm-0', 'llm-1']) {
    harness.workloads.putPod(admittedPod({ name, createdMs: T0, annotations, owner: { kind: 'ReplicaSet', name: 'web-abc' }, labels: { 'pod-template-hash': 'abc' } }));
  }
  harness.cluster.putOwner(ownerWith(undefined, { resourceVersion: '1' }));
  return harness;
}

/** A sample of llm-0 at `percent` compute and 6Gi at interval `n`: over the limit, so evaluated at once. */
const spike = (n: number, percent: number) => usageEvent(T0 + n * 5_000, [{ pod: 'llm-0', computePercent: percent, vramBytes: 6 * GIB }], { id: n + 1 });
const recordOn = (harness: ReturnType<typeof recommendHarness>) => {
  const text = harness.cluster.owner(RS)?.annotations[RECOMMENDED_RESOURCES_KEY];
  const decoded = text === undefined ? undefined : decodeRecommendation(text, 'owner');
  return decoded?.ok === true ? decoded.value : decoded;
};
const podAnnotations = (harness: ReturnType<typeof recommendHarness>, name = 'llm-0') => harness.workloads.pod('ml', name)?.pod.metadata.annotations ?? {};

describe('Function: recommend-resources — the applied recommendation recorded on the pods\' owner', () => {
  it('writes what the pods were patched to (target resources), for their template, once; again only when it changes', async () => {
    const harness = withReplicaSet();
    await harness.send([spike(0, 30)]);
    const pods = podAnnotations(harness);
    const first = recordOn(harness);
    expect(first).toEqual({
      annotations: Object.fromEntries(['tflops-request', 'tflops-limit', 'vram-request', 'vram-limit'].map((suffix) => [tf(suffix), pods[tf(suffix)]])),
      template: 'abc', appliedAt: '2025-01-31T12:00:00.000Z',
    });
    expect(pods[tf('tflops-limit')]).not.toBe('40');
    expect(podAnnotations(harness, 'llm-1')[tf('tflops-limit')]).toBe('40'); // it sent no readings: resized once it does
    expect(harness.cluster.calls).toMatchObject({ getOwner: 1, updateOwnerAnnotations: 1 });
    harness.clock.set(T0 + 5_000);
    await harness.send([usageEvent(T0 + 5_000, [{ pod: 'llm-0', computePercent: 5, vramBytes: GIB }], { id: 2 })], 1);
    expect(harness.cluster.calls).toMatchObject({ getOwner: 1, updateOwnerAnnotations: 1 });
    harness.clock.set(T0 + 10_000);
    await harness.send([spike(2, 90)], 2);
    expect(podAnnotations(harness)[tf('tflops-limit')]).not.toBe(pods[tf('tflops-limit')]);
    expect(recordOn(harness)).toMatchObject({ annotations: { [tf('tflops-limit')]: podAnnotations(harness)[tf('tflops-limit')] }, appliedAt: '2025-01-31T12:00:10.000Z' });
    expect(harness.cluster.calls.updateOwnerAnnotations).toBe(2);
  });

  it('another instance finds the same record on the owner and writes nothing', async () => {
    const harness = withReplicaSet();
    await harness.send([spike(0, 30)]);
    const other = createRecommendHandler(harness.deps);
    harness.clock.set(T0 + 30_000);
    const event = usageEvent(T0 + 30_000, [{ pod: 'llm-0', computePercent: 5, vramBytes: GIB }], { id: 2 });
    const records = [{ topic: 'gpu-metrics', partition: 1, offset: '1', timestamp: '0', key: 'k', value: JSON.stringify(event), headers: {} }];
    await other(toLambdaKafkaEvent(records, { eventSource: 'SelfManagedKafka', bootstrapServers: 'b:9092' }), {} as Context);
    expect(harness.cluster.calls).toMatchObject({ getOwner: 2, updateOwnerAnnotations: 1 });
  });

  it.each([
    { name: 'target compute: the compute keys only', annotations: { [tf('autoscale-target')]: 'compute' }, keys: ['tflops-request', 'tflops-limit'] },
    { name: 'target vram: the VRAM keys only', annotations: { [tf('autoscale-target')]: 'vram' }, keys: ['vram-request', 'vram-limit'] },
  ])('$name', async ({ annotations, keys }) => {
    const harness = withReplicaSet(annotations);
    await harness.send([spike(0, 90)]);
    const recorded = recordOn(harness);
    expect(recorded !== undefined && 'annotations' in recorded ? Object.keys(recorded.annotations) : recorded).toEqual(keys.map(tf));
  });

  it('auto-resources off: nothing applied, nothing recorded', async () => {
    const harness = withReplicaSet({ [tf('auto-resources')]: 'false' });
    await harness.send([spike(0, 90)]);
    expect(harness.cluster.calls).toMatchObject({ getOwner: 0, updateOwnerAnnotations: 0 });
  });

  it('a lost race re-reads the owner fresh and writes again', async () => {
    const harness = withReplicaSet();
    const update = harness.cluster.updateOwnerAnnotations;
    let conflicts = 1;
    Object.assign(harness.cluster, { updateOwnerAnnotations: (change: Parameters<typeof update>[0]) => (conflicts-- > 0 ? Promise.reject(new AppError('VERSION_CONFLICT', 'raced')) : update(change)) });
    await harness.send([spike(0, 30)]);
    expect(recordOn(harness)).toMatchObject({ template: 'abc' });
    expect(harness.cluster.calls.getOwner).toBe(2);
  });

  it('an owner that cannot be written: logged, the batch still succeeds and its decisions are published; the next batch tries again', async () => {
    const harness = withReplicaSet();
    harness.cluster.putOwner(ownerWith(undefined, { resourceVersion: '1' }));
    const update = harness.cluster.updateOwnerAnnotations;
    Object.assign(harness.cluster, { updateOwnerAnnotations: () => Promise.reject(new AppError('DEPENDENCY_UNAVAILABLE', 'apiserver down')) });
    await expect(harness.send([spike(0, 30)])).resolves.toEqual({ batchItemFailures: [] });
    expect(harness.published.filter((sent) => sent.topic === 'decisions').map((sent) => sent.event.type)).toEqual(['scaling.applied']);
    expect(harness.logs).toContainEqual({ level: 'warn', message: 'recommendation not recorded on the owner', fields: { owner: 'ReplicaSet/ml/web-abc', code: 'DEPENDENCY_UNAVAILABLE', error: 'apiserver down' } });
    Object.assign(harness.cluster, { updateOwnerAnnotations: update });
    harness.clock.set(T0 + 5_000);
    await harness.send([usageEvent(T0 + 5_000, [{ pod: 'llm-0', computePercent: 5, vramBytes: GIB }], { id: 2 })], 1);
    expect(recordOn(harness)).toMatchObject({ template: 'abc' });
  });

  it('an owner that is gone: nothing written', async () => {
    const harness = recommendHarness();
    harness.workloads.putPod(admittedPod({ createdMs: T0, owner: { kind: 'ReplicaSet', name: 'web-abc' } }));
    await expect(harness.send([spike(0, 30)])).resolves.toEqual({ batchItemFailures: [] });
    expect(harness.cluster.calls).toMatchObject({ getOwner: 1, updateOwnerAnnotations: 0 });
  });
});
