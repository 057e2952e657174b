// Autoscaling on top of the real allocation path: a pod admitted by the webhook and placed by allocate-gpus
// (cluster-agent, runner, node ledger in dynalite, pinned and ungated), then a gpu.metrics sample through the
// runner running recommend-resources: the pod's request is raised in kube-apiserver and on the very booking
// allocate-gpus made in the node ledger.
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKafkaEventPublisher } from '../../shared/adapters/kafka/producer.ts';
import { startAllocatorE2e, type AllocatorE2e } from '../fixtures/allocator-e2e.ts';
import { usageEvent } from '../fixtures/autoscaling/workload-pods.ts';
import { createTopic, startRunnerProcess, uniqueName, waitFor, type RunnerProcess } from '../fixtures/handlers/harness.ts';

const stack = inject('stack');
const GIB = 2 ** 30;
const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
let e2e: AllocatorE2e;
let metricsTopic: string;
const runners: RunnerProcess[] = [];

beforeAll(async () => {
  e2e = await startAllocatorE2e(stack, { gpus: 1 });
  metricsTopic = `${e2e.run}-metrics`;
  await createTopic(e2e.kafka, metricsTopic, 1);
  await e2e.config.makeApiClient(k8s.CustomObjectsApi).createNamespacedCustomObject({
    group: 'tensor-fusion.ai', version: 'v1', namespace: e2e.namespace, plural: 'workloadprofiles',
    body: { apiVersion: 'tensor-fusion.ai/v1', kind: 'WorkloadProfile', metadata: { name: 'eager' }, spec: { autoScalingConfig: { autoSetResources: { enable: true, initialDelayPeriod: '0s' } } } },
  });
}, 180_000);

afterAll(async () => {
  for (const runner of runners) if (runner.child.exitCode === null) runner.child.kill('SIGTERM');
  await Promise.all(runners.map((runner) => runner.exited));
  await e2e?.stop();
}, 60_000);

describe('Integration: recommend-resources after allocate-gpus (webhook, cluster-agent, runners, dynalite ledger)', () => {
  it('raises an allocated pod\'s request on the pod and on its node-ledger booking', async () => {
    runners.push(e2e.startRunner());
    runners.push(startRunnerProcess([
      '--function', 'recommend-resources', '--topic', metricsTopic, '--group', uniqueName('recommend'), '--brokers', stack.kafka.bootstrap,
      '--batch-window-ms', '20', '--dead-letter-topic', e2e.topics.deadLetter,
    ], {
      STATE_TABLE_NAME: e2e.table.name, DYNAMODB_ENDPOINT: stack.dynamodb.endpoint, KAFKA_BROKERS: stack.kafka.bootstrap, KUBECONFIG: stack.kubernetes.kubeconfig,
      METRICS_TOPIC: metricsTopic, DECISIONS_TOPIC: e2e.topics.decisions, DEAD_LETTER_TOPIC: e2e.topics.deadLetter,
    }));
    await e2e.core.createNamespacedPod({ namespace: e2e.namespace, body: {
      metadata: { name: 'eager-0', labels: { [tf('enabled')]: 'true' }, annotations: {
        [tf('tflops-request')]: '20', [tf('tflops-limit')]: '40', [tf('vram-request')]: '4Gi', [tf('vram-limit')]: '8Gi', [tf('workload-profile')]: 'eager', [tf('gpu-model')]: 'A100',
      } },
      spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }], terminationGracePeriodSeconds: 0 },
    } });
    await waitFor('eager-0 allocated and ungated', async () => (await e2e.pods()).ungated.length === 1, 90_000);
    const pod = await e2e.core.readNamespacedPod({ name: 'eager-0', namespace: e2e.namespace });
    const uid = pod.metadata?.uid ?? '';
    const gpuUuid = pod.metadata?.annotations?.[tf('gpu-ids')] ?? '';
    const booking = async () => (await e2e.ledgers.getLedger(e2e.run, e2e.node))?.ledger.allocations.find((allocation) => allocation.podUid === uid)?.gpus[0];
    expect((await booking())?.tflopsMilli).toBe(20_000);
    const publisher = createKafkaEventPublisher(e2e.kafka);
    try {
      const event = usageEvent(Date.now(), [{ pod: 'eager-0', namespace: e2e.namespace, gpuUuid, computePercent: 60, computeMeanPercent: 50, vramBytes: 6 * GIB }], { clusterId: e2e.run });
      await publisher.publish(metricsTopic, [{ ...event, id: crypto.randomUUID(), data: { ...event.data, node: e2e.node } }]);
    } finally {
      await publisher.disconnect();
    }
    let request = '20';
    await waitFor('eager-0 request raised', async () => {
      request = (await e2e.core.readNamespacedPod({ name: 'eager-0', namespace: e2e.namespace })).metadata?.annotations?.[tf('tflops-request')] ?? '20';
      return request !== '20';
    }, 60_000);
    expect(Number(request)).toBeGreaterThan(20);
    expect((await booking())?.tflopsMilli).toBe(Math.round(Number(request) * 1000));
  }, 180_000);
});
