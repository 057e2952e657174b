// recommend-resources on the real stack: gpu.metrics records on Kafka → the runner process running the
// function from serverless.yml → live pods' annotations patched in kube-apiserver, the record and the node
// ledger in dynalite, decisions on Kafka; a Deployment with auto-replicas scaled up and down through its
// scale subresource within what its pool's ledgers can place (the controller-manager creates the pods; they
// stay Pending without kubelets); a cron rule inside its window.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DecisionEvent } from '../../shared/schemas/events/decisions.ts';
import { recordKey } from '../../functions/recommend-resources/workload-record.ts';
import { createLedgerStore } from '../../shared/adapters/state/ledger-store.ts';
import type { NodeLedger } from '../../shared/schemas/node-ledger.ts';
import { allocationWith, booked, ledgerWith } from '../fixtures/ledger.ts';
import { admittedTemplate, liveScenario, type LiveScenario } from '../fixtures/autoscaling/live-stack.ts';
import { usageEvent, type PodUsageOptions } from '../fixtures/autoscaling/workload-pods.ts';
import { readTopic, waitFor } from '../fixtures/handlers/harness.ts';

const stack = inject('stack');
const GIB = 1024 ** 3;
/** The pods' compute limit, 40 TFLOPS of an A100's 312, in percent. */
const LIMIT_PERCENT = (40 / 312) * 100;
let scenario: LiveScenario;
let sent = 0;

beforeAll(async () => {
  scenario = await liveScenario(stack, 'rec-it');
  scenario.startRunner();
}, 120_000);

afterAll(async () => {
  await scenario.cleanup();
}, 60_000);

/** Create an admitted pod; its uid. */
async function createPod(name: string, workload: string, annotations: Record<string, string>): Promise<string> {
  const template = admittedTemplate(workload, annotations);
  const created = await scenario.core.createNamespacedPod({ namespace: scenario.namespace, body: { metadata: { ...template.metadata, name }, spec: template.spec } });
  return created.metadata?.uid ?? '';
}

/** Write node `node`'s ledger (pool `default`, this scenario's cluster) and index its allocations, as allocate-gpus would. */
async function seedLedger(node: string, ledger: Partial<NodeLedger>): Promise<void> {
  const ledgers = createLedgerStore(scenario.table.store);
  const written = { ...ledgerWith(node, 1), clusterId: scenario.clusterId, pool: 'default', ...ledger };
  await ledgers.writeLedger(written, 'absent');
  for (const allocation of written.allocations) {
    await ledgers.writePodAllocation({ clusterId: scenario.clusterId, podUid: allocation.podUid, namespace: scenario.namespace, pod: allocation.pod, pool: 'default', node, released: false }, 'absent');
  }
}

/** Publish one interval of usage, ending now (each call a later interval end). */
async function report(pods: readonly Omit<PodUsageOptions, 'namespace'>[]): Promise<void> {
  sent += 1;
  const event = usageEvent(Date.now() + sent, pods.map((pod) => ({ ...pod, namespace: scenario.namespace })), { clusterId: scenario.clusterId, id: sent });
  await scenario.publisher.publish(scenario.topics.metrics, [{ ...event, id: crypto.randomUUID() }]);
}

const annotationsOf = async (name: string) =>
  (await scenario.core.readNamespacedPod({ name, namespace: scenario.namespace })).metadata?.annotations ?? {};

describe('Integration: recommend-resources on the stack', () => {
  it('a sample over the limit patches the live pods of the workload at once, records the workload and publishes the decisions', async () => {
    for (const name of ['llm-0', 'llm-1']) await createPod(name, 'llm', { 'tensor-fusion.ai/auto-resources': 'true' });
    const started = Date.now();
    await report([{ pod: 'llm-0', computePercent: 50, vramBytes: 2 * GIB }, { pod: 'llm-1', computePercent: 5, vramBytes: 2 * GIB }]);
    // The pods are patched one after the other: wait for both, or llm-1 may be read before its patch lands.
    for (const name of ['llm-0', 'llm-1']) await waitFor(`${name} limit raised`, async () => (await annotationsOf(name))['tensor-fusion.ai/tflops-limit'] !== '40', 60_000);
    const latencyMs = Date.now() - started;
    for (const name of ['llm-0', 'llm-1']) {
      const annotations = await annotationsOf(name);
      expect(annotations['tensor-fusion.ai/tflops-limit']).toBe('163.8');
      expect(annotations['tensor-fusion.ai/tflops-request']).toBe('20');
    }
    const item = await scenario.table.store.get(recordKey({ clusterId: scenario.clusterId, namespace: scenario.namespace, workload: 'llm' }));
    expect(item?.version).toBe(1);
    const decisions = (await readTopic(scenario.kafka, scenario.topics.decisions, 2)) as DecisionEvent[];
    expect(decisions.map((event) => [event.type, (event.data as { pod?: string }).pod]).sort()).toEqual([['scaling.applied', 'llm-0'], ['scaling.applied', 'llm-1']]);
    expect(latencyMs).toBeLessThan(30_000);
  }, 90_000);

  it('a request rise is booked on the pod\'s node ledger, capped at what is free on its GPU', async () => {
    await scenario.createProfile('eager', { autoScalingConfig: { autoSetResources: { enable: true, initialDelayPeriod: '0s' } } });
    const uid = await createPod('eager-0', 'eager', { 'tensor-fusion.ai/workload-profile': 'eager' });
    await seedLedger('gpu-eager', { allocations: [allocationWith(uid, [booked('gpu-eager-gpu0', 20, 4)], { pod: 'eager-0' }), allocationWith('neighbour', [booked('gpu-eager-gpu0', 270, 4)])] });
    await report([{ pod: 'eager-0', computePercent: 60, computeMeanPercent: 50, vramBytes: 6 * GIB, gpuUuid: 'gpu-eager-gpu0' }]);
    await waitFor('eager-0 request raised', async () => (await annotationsOf('eager-0'))['tensor-fusion.ai/tflops-request'] !== '20', 60_000);
    expect((await annotationsOf('eager-0'))['tensor-fusion.ai/tflops-request']).toBe('42');
    const ledger = await createLedgerStore(scenario.table.store).getLedger(scenario.clusterId, 'gpu-eager');
    expect(ledger?.ledger.allocations.find((allocation) => allocation.podUid === uid)?.gpus[0]?.tflopsMilli).toBe(42_000);
  }, 90_000);

  it('a Deployment with auto-replicas scales up under load and back down when it eases', async () => {
    await scenario.createProfile('web', { autoScalingConfig: { autoSetReplicas: { minReplicas: 1, maxReplicas: 3, scaleUpCoolDownTime: '0s', scaleDownCoolDownTime: '0s', evaluationPeriod: '30s' } } });
    const template = admittedTemplate('web', { 'tensor-fusion.ai/auto-replicas': 'true', 'tensor-fusion.ai/workload-profile': 'web' });
    await scenario.apps.createNamespacedDeployment({
      namespace: scenario.namespace,
      body: { metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { ...template.metadata, labels: { ...template.metadata.labels, app: 'web' } }, spec: template.spec } } },
    });
    const replicas = async () => (await scenario.apps.readNamespacedDeploymentScale({ name: 'web', namespace: scenario.namespace })).spec?.replicas;
    const podsOfWeb = async () => (await scenario.core.listNamespacedPod({ namespace: scenario.namespace, labelSelector: 'app=web' })).items.map((pod) => pod.metadata?.name ?? '');
    const load = async (utilisation: number) => {
      const pods = await podsOfWeb();
      await report(pods.map((pod) => ({ pod, computePercent: utilisation * LIMIT_PERCENT, computeMeanPercent: utilisation * LIMIT_PERCENT, vramBytes: GIB })));
    };
    await seedLedger('gpu-web', { gpus: [{ ...ledgerWith('gpu-web', 1).gpus[0] as NodeLedger['gpus'][number], capacity: { tflopsMilli: 100_000, vramBytes: 80 * GIB } }] });
    await waitFor('the Deployment\'s first pod', async () => (await podsOfWeb()).length === 1, 30_000);
    await waitFor('scaled up to 3', async () => {
      await load(1.6);
      return (await replicas()) === 3;
    }, 60_000);
    await waitFor('the controller-manager runs 3 pods', async () => (await podsOfWeb()).length === 3, 30_000);
    await waitFor('scaled back down to 1', async () => {
      await load(0.05);
      return (await replicas()) === 1;
    }, 60_000);
  }, 180_000);

  it('a cron rule whose window holds now sets the pods\' resources', async () => {
    const now = new Date();
    const at = (offsetMinutes: number) => {
      const instant = new Date(now.getTime() + offsetMinutes * 60_000);
      return `${instant.getUTCMinutes()} ${instant.getUTCHours()} * * *`;
    };
    await scenario.createProfile('nightly', { autoScalingConfig: { cronScalingRules: [{
      name: 'now', enable: true, start: at(-2), end: at(30), desiredResources: { requests: { tflops: '60', vram: '10Gi' }, limits: { tflops: '80', vram: '12Gi' } },
    }] } });
    await createPod('batch-0', 'batch', { 'tensor-fusion.ai/workload-profile': 'nightly' });
    await report([{ pod: 'batch-0', computePercent: 5, vramBytes: GIB }]);
    await waitFor('cron resources applied', async () => (await annotationsOf('batch-0'))['tensor-fusion.ai/tflops-request'] === '60', 60_000);
    expect(await annotationsOf('batch-0')).toMatchObject({
      'tensor-fusion.ai/tflops-limit': '80', 'tensor-fusion.ai/vram-request': '10Gi', 'tensor-fusion.ai/vram-limit': '12Gi',
    });
  }, 90_000);
});
