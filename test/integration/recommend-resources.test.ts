// recommend-resources on the real stack: gpu.metrics records on Kafka → the runner process running the
// function from serverless.yml → live pods' annotations patched in kube-apiserver, the record in dynalite,
// decisions on Kafka; a Deployment with auto-replicas scaled up and down through its scale subresource
// (the controller-manager creates the pods; they stay Pending without kubelets); a cron rule inside its window.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DecisionEvent } from '../../shared/schemas/events/decisions.ts';
import { recordKey } from '../../functions/recommend-resources/workload-record.ts';
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

async function createPod(name: string, workload: string, annotations: Record<string, string>): Promise<void> {
  const template = admittedTemplate(workload, annotations);
  await scenario.core.createNamespacedPod({ namespace: scenario.namespace, body: { metadata: { ...template.metadata, name }, spec: template.spec } });
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
    await waitFor('llm-0 limit raised', async () => (await annotationsOf('llm-0'))['tensor-fusion.ai/tflops-limit'] !== '40', 60_000);
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
