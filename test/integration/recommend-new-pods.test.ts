// New pods of an autoscaled workload on the real stack: the admission webhook (kube-apiserver → HTTPS server →
// functions/admit-pod) and recommend-resources (Kafka → runner process) on one namespace. A Deployment with
// auto-resources has its pod resized by the recommender, which records the values on the pod's ReplicaSet
// (tensor-fusion.ai/recommended-resources); scaled up, the controller-manager's new pod is admitted with the
// recommended values, not the template's; after a rollout (a new ReplicaSet) new pods start from the template.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdmissionServer } from '../../agents/admission-server/server.ts';
import { createAdmitPodHandler } from '../../functions/admit-pod/handler.ts';
import { makeServingCertificates } from '../../infra/kubernetes/admission/certs.ts';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { ALLOCATION_GATE } from '../../shared/core/admission/mutate-pod.ts';
import { ENABLED_LABEL, RECOMMENDED_RESOURCES_KEY } from '../../shared/schemas/annotation-keys.ts';
import { applyCrd, applyObjects, readDocuments, registerWebhook, unregisterWebhook } from '../fixtures/admission/kube.ts';
import { liveScenario, type LiveScenario } from '../fixtures/autoscaling/live-stack.ts';
import { usageEvent } from '../fixtures/autoscaling/workload-pods.ts';
import { waitFor } from '../fixtures/handlers/harness.ts';
import { closeServer } from '../fixtures/close-server.ts';

const stack = inject('stack');
const GIB = 1024 ** 3;
const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
const MERGE = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
/** How long the webhook serves owners from its cache (5 s by default): a record younger than that is not seen yet. */
const OWNER_CACHE_MS = 1_000;
const WEBHOOK = `vgpu-recommend-new-pods-${process.pid}-${Date.now().toString(36)}`;
const TEMPLATE = { [tf('tflops-request')]: '20', [tf('tflops-limit')]: '40', [tf('vram-request')]: '4Gi', [tf('vram-limit')]: '8Gi', [tf('gpu-model')]: 'A100', [tf('auto-resources')]: 'true', [tf('inject-container')]: 'python' };
let scenario: LiveScenario;
let server: Server | undefined;
let certDir: string | undefined;
let config: k8s.KubeConfig;

beforeAll(async () => {
  scenario = await liveScenario(stack, 'rec-new');
  config = new k8s.KubeConfig();
  config.loadFromFile(stack.kubernetes.kubeconfig);
  certDir = await mkdtemp(join(tmpdir(), 'vgpu-rec-new-'));
  const certs = await makeServingCertificates(certDir, { hosts: ['127.0.0.1'] });
  const cluster = createKubernetesCluster({ access: { kind: 'kubeconfig-file', path: stack.kubernetes.kubeconfig }, cacheTtlMs: OWNER_CACHE_MS });
  const listening = createAdmissionServer({ handler: createAdmitPodHandler({ cluster }), tls: { cert: certs.certPem, key: certs.keyPem } });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const port = (listening.address() as { port: number }).port;
  await applyCrd(config, 'infra/crds/gpupools.tensor-fusion.ai.yaml');
  await applyObjects(config, [...await readDocuments('examples/default-pool.yaml'), ...await readDocuments('infra/kubernetes/admission/priority-classes.yaml')]);
  await registerWebhook(config, { name: WEBHOOK, url: `https://127.0.0.1:${port}/mutate-v1-pod`, caBundle: certs.caBundle, namespaceLabel: { 'vgpu.test/run': scenario.namespace } });
  await waitFor('the webhook to be called', async () => {
    const probe = await scenario.core.createNamespacedPod({ namespace: scenario.namespace, dryRun: 'All', body: {
      metadata: { name: 'probe', labels: { [ENABLED_LABEL]: 'true' }, annotations: { [tf('tflops-request')]: '1' } },
      spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] },
    } });
    return probe.spec?.schedulingGates?.some((gate) => gate.name === ALLOCATION_GATE) === true;
  }, 30_000);
  scenario.startRunner();
}, 120_000);

afterAll(async () => {
  if (config !== undefined) await unregisterWebhook(config, WEBHOOK);
  await scenario?.cleanup();
  await closeServer(server);
  if (certDir !== undefined) await rm(certDir, { recursive: true, force: true });
}, 60_000);

const podsOfWeb = async (): Promise<k8s.V1Pod[]> =>
  (await scenario.core.listNamespacedPod({ namespace: scenario.namespace, labelSelector: 'app=web' })).items.filter((pod) => pod.metadata?.deletionTimestamp === undefined);
const limitsOf = (pod: k8s.V1Pod | undefined) => ({
  annotation: pod?.metadata?.annotations?.[tf('tflops-limit')],
  env: pod?.spec?.containers[0]?.env?.find((entry) => entry.name === 'TF_TFLOPS_LIMIT')?.value,
});
const replicaSetOf = (pod: k8s.V1Pod | undefined): string => pod?.metadata?.ownerReferences?.find((owner) => owner.controller === true)?.name ?? '';

describe('Integration: new pods of a resized workload (admission webhook + recommend-resources)', () => {
  it('a pod added after a resize is admitted with the recommended values; a new template starts from its own', async () => {
    await scenario.apps.createNamespacedDeployment({ namespace: scenario.namespace, body: {
      metadata: { name: 'web' },
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web', [ENABLED_LABEL]: 'true' }, annotations: TEMPLATE }, spec: { containers: [{ name: 'python', image: 'pytorch/pytorch:latest' }], terminationGracePeriodSeconds: 0 } },
      },
    } });
    let first: k8s.V1Pod | undefined;
    await waitFor('the first pod, admitted', async () => (first = (await podsOfWeb())[0]) !== undefined, 30_000);
    expect(limitsOf(first)).toEqual({ annotation: '40', env: '40' });
    const name = first?.metadata?.name ?? '';
    const event = usageEvent(Date.now(), [{ pod: name, namespace: scenario.namespace, computePercent: 50, vramBytes: 2 * GIB }], { clusterId: scenario.clusterId });
    await scenario.publisher.publish(scenario.topics.metrics, [{ ...event, id: crypto.randomUUID() }]);
    let resized: string | undefined;
    await waitFor('the pod resized', async () => {
      resized = (await scenario.core.readNamespacedPod({ name, namespace: scenario.namespace })).metadata?.annotations?.[tf('tflops-limit')];
      return resized !== '40';
    }, 60_000);
    const replicaSet = replicaSetOf(first);
    let recorded: string | undefined;
    await waitFor('the recommendation recorded on the ReplicaSet', async () => {
      recorded = (await scenario.apps.readNamespacedReplicaSet({ name: replicaSet, namespace: scenario.namespace })).metadata?.annotations?.[RECOMMENDED_RESOURCES_KEY];
      return recorded !== undefined;
    }, 30_000);
    expect(JSON.parse(recorded ?? '{}')).toMatchObject({ annotations: { [tf('tflops-limit')]: resized, [tf('tflops-request')]: '20' }, template: first?.metadata?.labels?.['pod-template-hash'] });

    await sleep(OWNER_CACHE_MS + 100); // the webhook read the ReplicaSet when it admitted the first pod
    await scenario.apps.patchNamespacedDeployment({ name: 'web', namespace: scenario.namespace, body: { spec: { replicas: 2 } } }, MERGE);
    let added: k8s.V1Pod | undefined;
    await waitFor('the added pod', async () => (added = (await podsOfWeb()).find((pod) => pod.metadata?.name !== name)) !== undefined, 30_000);
    expect(limitsOf(added)).toEqual({ annotation: resized, env: resized });
    expect(added?.metadata?.annotations?.[tf('tflops-request')]).toBe('20');

    await scenario.apps.patchNamespacedDeployment({ name: 'web', namespace: scenario.namespace, body: { spec: { template: { metadata: { annotations: { 'example.com/revision': '2' } } } } } }, MERGE);
    let rolled: k8s.V1Pod | undefined;
    await waitFor('a pod of the new ReplicaSet', async () => (rolled = (await podsOfWeb()).find((pod) => replicaSetOf(pod) !== replicaSet)) !== undefined, 30_000);
    expect(limitsOf(rolled)).toEqual({ annotation: '40', env: '40' });
  }, 180_000);
});
