// The admission webhook against the REAL local control plane: kube-apiserver calls the HTTPS server
// (agents/admission-server, started here on a loopback port with a certificate for 127.0.0.1 signed by a
// CA made for the run) with real AdmissionReviews; the controller-manager creates the pods. Each test
// uses its own namespace, labelled so that only this run's webhook configuration sees its pods.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startAgentProcess } from '../fixtures/gpu/agents-harness.ts';
import { startRunnerProcess, testKafka } from '../fixtures/handlers/harness.ts';
import { provisionTopics } from '../../shared/adapters/kafka/provision-topics.ts';
import { createAdmissionServer, type HttpHandler } from '../../agents/admission-server/server.ts';
import { createAdmitPodHandler } from '../../functions/admit-pod/handler.ts';
import { makeServingCertificates } from '../../infra/kubernetes/admission/certs.ts';
import { waitUntil } from '../../infra/local/processes.ts';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { claimedAtOf, COUNTER_KEY_PREFIX, parseMark } from '../../shared/core/admission/grey-release.ts';
import { ALLOCATION_GATE } from '../../shared/core/admission/mutate-pod.ts';
import type { Cluster } from '../../shared/ports/cluster.ts';
import { applyCrd, applyObjects, createNamespace, readDocuments, registerWebhook, unregisterWebhook } from '../fixtures/admission/kube.ts';
import { closeServer } from '../fixtures/close-server.ts';

const RUN = `${process.pid}-${Date.now().toString(36)}`;
const LABEL = { 'vgpu-admission-test': RUN };
const WEBHOOK = `vgpu-admission-test-${RUN}`;
/**
 * How long a claimed grey-release slot waits for its pod: the webhook runs with this short grace so the
 * replacement test need not wait out the production default (45 s, unit-tested).
 */
const GRACE_SECONDS = 5;
const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;

type Deployment = k8s.V1Deployment & { spec: k8s.V1DeploymentSpec & { template: k8s.V1PodTemplateSpec } };

describe('Integration: admission webhook (kube-apiserver → HTTPS server → functions/admit-pod)', () => {
  const stackAll = inject('stack');
  const stack = stackAll.kubernetes;
  let config: k8s.KubeConfig;
  let core: k8s.CoreV1Api;
  let apps: k8s.AppsV1Api;
  let cluster: Cluster;
  let server: Server;
  let certDir: string;
  let namespaces = 0;
  /** Every answer the webhook gave, by pod name (generateName for controller-made pods). */
  const answers = new Map<string, { allowed: boolean; patch?: string }[]>();

  const recording = (handler: HttpHandler): HttpHandler => async (event, context) => {
    const result = await handler(event, context);
    const metadata = (JSON.parse(event.body ?? '{}') as { request?: { object?: { metadata?: { name?: string; generateName?: string } } } }).request?.object?.metadata;
    const name = metadata?.name ?? metadata?.generateName ?? '';
    answers.set(name, [...answers.get(name) ?? [], (JSON.parse(result.body ?? '{}') as { response: { allowed: boolean; patch?: string } }).response]);
    return result;
  };

  const env = (pod: k8s.V1Pod, name: string): string | undefined => pod.spec?.containers[0]?.env?.find((entry) => entry.name === name)?.value;
  const isMutated = (pod: k8s.V1Pod): boolean => pod.spec?.schedulingGates?.some((gate) => gate.name === ALLOCATION_GATE) === true;
  const podsOf = async (namespace: string): Promise<k8s.V1Pod[]> => (await core.listNamespacedPod({ namespace })).items.filter((pod) => pod.metadata?.deletionTimestamp === undefined);

  async function namespace(): Promise<string> {
    const name = `adm-${RUN}-${++namespaces}`.toLowerCase().slice(0, 63);
    await createNamespace(core, name, LABEL);
    return name;
  }

  async function seedDeployment(ns: string, change: (deployment: Deployment) => void = () => undefined): Promise<Deployment> {
    const [deployment] = await readDocuments('examples/seed-deployment.yaml') as Deployment[];
    if (deployment === undefined) throw new Error('examples/seed-deployment.yaml is empty');
    deployment.metadata = { ...deployment.metadata, namespace: ns };
    change(deployment);
    await apps.createNamespacedDeployment({ namespace: ns, body: deployment });
    return deployment;
  }

  async function waitForPods(ns: string, count: number): Promise<k8s.V1Pod[]> {
    let pods: k8s.V1Pod[] = [];
    await waitUntil(`${count} pods in ${ns}`, async () => (pods = await podsOf(ns)).length === count, 60_000);
    return pods;
  }

  beforeAll(async () => {
    config = new k8s.KubeConfig();
    config.loadFromFile(stack.kubeconfig);
    core = config.makeApiClient(k8s.CoreV1Api);
    apps = config.makeApiClient(k8s.AppsV1Api);
    certDir = await mkdtemp(join(tmpdir(), 'vgpu-admission-'));
    const certs = await makeServingCertificates(certDir, { hosts: ['127.0.0.1'] });
    cluster = createKubernetesCluster({ access: { kind: 'kubeconfig-file', path: stack.kubeconfig }, cacheTtlMs: 1_000 });
    server = createAdmissionServer({ handler: recording(createAdmitPodHandler({ cluster, slotClaimGraceSeconds: GRACE_SECONDS })), tls: { cert: certs.certPem, key: certs.keyPem } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await applyCrd(config, 'infra/crds/workloadprofiles.tensor-fusion.ai.yaml');
    await applyCrd(config, 'infra/crds/gpupools.tensor-fusion.ai.yaml');
    await applyObjects(config, [...await readDocuments('examples/default-pool.yaml'), ...await readDocuments('infra/kubernetes/admission/priority-classes.yaml')]);
    await registerWebhook(config, { name: WEBHOOK, url: `https://127.0.0.1:${port}/mutate-v1-pod`, caBundle: certs.caBundle, namespaceLabel: LABEL });
    // The API server picks up a new webhook configuration asynchronously: wait until a dry-run pod is mutated.
    const probe = await namespace();
    await waitUntil('the webhook to be called', async () => {
      const created = await core.createNamespacedPod({ namespace: probe, dryRun: 'All', body: {
        metadata: { name: 'probe', labels: { [tf('enabled')]: 'true' }, annotations: { [tf('tflops-request')]: '1' } },
        spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] },
      } });
      return isMutated(created);
    }, 30_000);
  }, 120_000);

  afterAll(async () => {
    if (config !== undefined) await unregisterWebhook(config, WEBHOOK);
    // Pods left unmutated (beyond enabled-replicas) are scheduled onto the stack's nodes, which have no kubelet
    // to confirm a graceful deletion: delete the namespace (no new pods), then force-delete its pods.
    for (let i = 1; i <= namespaces; i++) {
      const name = `adm-${RUN}-${i}`.toLowerCase().slice(0, 63);
      await core?.deleteNamespace({ name }).catch(() => undefined);
      await core?.deleteCollectionNamespacedPod({ namespace: name, gracePeriodSeconds: 0 }).catch(() => undefined);
    }
    await closeServer(server);
    if (certDir !== undefined) await rm(certDir, { recursive: true, force: true });
  });

  it('mutates the seed Deployment\'s pods: resolved annotations (annotation over profile), env, gate, label, pod-info volume', async () => {
    const ns = await namespace();
    const [profile] = await readDocuments('examples/seed-profile.yaml');
    await applyObjects(config, [{ ...profile, metadata: { ...profile?.metadata, namespace: ns } }]);
    await seedDeployment(ns);
    const [pod] = await waitForPods(ns, 1);
    const annotations = pod?.metadata?.annotations ?? {};
    // Annotations win over the profile (tflops 10/20 over 5/15, vram 4Gi over 3Gi); gpu-model comes from the profile.
    expect(annotations).toMatchObject({
      [tf('tflops-request')]: '10', [tf('tflops-limit')]: '20', [tf('vram-request')]: '4Gi', [tf('vram-limit')]: '4Gi',
      [tf('qos')]: 'medium', [tf('gpu-count')]: '1', [tf('gpupool')]: 'default-pool', [tf('gpu-model')]: 'A100',
      [tf('is-local-gpu')]: 'true', [tf('standalone-worker-mode')]: 'false', [tf('isolation')]: 'soft', [tf('inject-container')]: 'python',
    });
    expect(pod?.metadata?.labels).toMatchObject({ [tf('workload')]: 'pytorch-example', [tf('enabled')]: 'true' });
    expect(pod?.spec?.schedulingGates).toEqual([{ name: ALLOCATION_GATE }]);
    expect([env(pod ?? {}, 'TF_TFLOPS_LIMIT'), env(pod ?? {}, 'TF_VRAM_LIMIT_BYTES'), env(pod ?? {}, 'TF_GPU_COUNT'), env(pod ?? {}, 'TF_QOS')]).toEqual(['20', String(4 * 2 ** 30), '1', 'medium']);
    expect(pod?.spec?.volumes?.find((volume) => volume.name === 'tensor-fusion-pod-info')?.downwardAPI?.items?.map((item) => item.fieldRef?.fieldPath))
      .toEqual(['metadata.annotations', 'metadata.labels']);
    expect(pod?.spec?.containers[0]?.volumeMounts).toContainEqual({ name: 'tensor-fusion-pod-info', mountPath: '/etc/tensor-fusion/pod', readOnly: true });
    expect(pod?.status?.phase).toBe('Pending');
  });

  it('sets the QoS priority class on a high pod and stays a fixed point when the API server re-invokes it', async () => {
    const ns = await namespace();
    const created = await core.createNamespacedPod({ namespace: ns, body: {
      metadata: { name: 'high', labels: { [tf('enabled')]: 'true' }, annotations: { [tf('tflops-request')]: '10', [tf('qos')]: 'high', [tf('gpupool')]: 'default-pool' } },
      spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10', resources: { limits: { 'nvidia.com/gpu': '1' } } }] },
    } });
    expect([created.spec?.priorityClassName, created.spec?.priority]).toEqual(['tensor-fusion-high', 10_000]);
    expect(created.spec?.containers[0]?.resources?.limits ?? {}).not.toHaveProperty('nvidia.com/gpu');
    expect(env(created, 'TF_QOS')).toBe('high');
    expect(created.spec?.schedulingGates).toEqual([{ name: ALLOCATION_GATE }]);
    // Our patch changed the pod, so the API server re-ran the Priority plugin (priority 10000) and then,
    // reinvocationPolicy IfNeeded, the webhook again: the second answer allows with no patch.
    expect(answers.get('high')?.map((answer) => [answer.allowed, answer.patch === undefined])).toEqual([[true, false], [true, true]]);
  });

  it('refuses a pod with bad annotations; the ReplicaSet\'s FailedCreate event names each key, rule and value', async () => {
    const ns = await namespace();
    await seedDeployment(ns, (deployment) => {
      Object.assign(deployment.spec.template.metadata?.annotations ?? {}, { [tf('vram-request')]: '4GB', [tf('tflops-request')]: '30', [tf('qos')]: 'urgent' });
    });
    let message = '';
    await waitUntil('a FailedCreate event', async () => {
      const events = await core.listNamespacedEvent({ namespace: ns, fieldSelector: 'involvedObject.kind=ReplicaSet,reason=FailedCreate' });
      message = events.items[0]?.message ?? '';
      return message !== '';
    }, 60_000);
    expect(message).toContain('denied the request');
    expect(message).toContain('tensor-fusion.ai/vram-request must be a byte quantity like 4Gi or 512Mi (Kubernetes quantity; use Gi, not GB), got "4GB"');
    expect(message).toContain('tensor-fusion.ai/qos must be one of low, medium, high, critical, got "urgent"');
    expect(message).toContain('tensor-fusion.ai/tflops-request must be at most tensor-fusion.ai/tflops-limit (20), got "30"');
    expect(await podsOf(ns)).toEqual([]);
  });

  it('enabled-replicas 1 of 3: one pod mutated; delete it and its replacement takes the slot over; scaling to 5 keeps one', async () => {
    const ns = await namespace();
    await seedDeployment(ns, (deployment) => {
      deployment.spec.replicas = 3;
      Object.assign(deployment.spec.template.metadata?.annotations ?? {}, { [tf('enabled-replicas')]: '1' });
      delete deployment.spec.template.metadata?.annotations?.[tf('workload-profile')];
    });
    const pods = await waitForPods(ns, 3);
    const mutated = pods.filter(isMutated);
    expect(mutated).toHaveLength(1);
    const holder = mutated[0] as k8s.V1Pod;
    const replicaSet = holder.metadata?.ownerReferences?.[0]?.name ?? '';
    const slots = async (): Promise<string[]> => {
      const annotations = (await apps.readNamespacedReplicaSet({ name: replicaSet, namespace: ns })).metadata?.annotations ?? {};
      return Object.entries(annotations).filter(([key]) => key.startsWith(COUNTER_KEY_PREFIX)).flatMap(([, value]) => value.split(','));
    };
    expect(await slots()).toHaveLength(1);
    expect(holder.metadata?.annotations?.[tf('pod-counter-key')]).toMatch(new RegExp(`^${COUNTER_KEY_PREFIX}.+#${(await slots())[0]}$`));

    // The holder is gated, so never bound to a node, and the API server removes an unbound pod at once; the
    // ReplicaSet controller replaces it before any pod.deleted could travel. Admission finds every slot taken,
    // lists the template's pods, and takes over the slot that no pod holds once its claim is older than the
    // grace (GRACE_SECONDS here; a terminating holder's slot is taken over at once: unit-tested), so the test lets it age first.
    const claimedAt = claimedAtOf(parseMark(holder.metadata?.annotations?.[tf('pod-counter-key')])?.token ?? '') ?? 0;
    await sleep(Math.max(0, (claimedAt + GRACE_SECONDS + 1) * 1000 - Date.now()));
    await core.deleteNamespacedPod({ name: holder.metadata?.name ?? '', namespace: ns });
    await waitUntil('the replacement pod, mutated', async () => {
      const now = await podsOf(ns);
      return now.length === 3 && now.some((pod) => isMutated(pod) && pod.metadata?.name !== holder.metadata?.name);
    }, 60_000);
    expect((await podsOf(ns)).filter(isMutated)).toHaveLength(1);
    expect(await slots()).toHaveLength(1);

    await apps.patchNamespacedDeployment({ name: 'pytorch-example', namespace: ns, body: { spec: { replicas: 5 } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    const scaled = await waitForPods(ns, 5);
    expect(scaled.filter(isMutated)).toHaveLength(1);
    expect(scaled.filter((pod) => !isMutated(pod)).every((pod) => pod.metadata?.annotations?.[tf('pod-counter-key')] === undefined)).toBe(true);
    expect(await slots()).toHaveLength(1);
  });

  it('gives a deleted pod\'s slot back through the stream: cluster-agent → cluster-events → runner → release-grey-slots', async () => {
    const ns = await namespace();
    const clusterId = `adm-${RUN}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const journal = join(certDir, `${clusterId}.state.jsonl`);
    const kafka = testKafka(stackAll.kafka.bootstrap);
    await provisionTopics(kafka, { replicationFactor: 1 });
    const processes = [
      startAgentProcess('cluster-agent', ['--cluster-id', clusterId, '--namespace', ns, '--watch', 'pods', '--brokers', stackAll.kafka.bootstrap,
        '--kubeconfig', stack.kubeconfig, '--state-file', journal]),
      startRunnerProcess(['--function', 'release-grey-slots', '--group', `release-grey-slots-${RUN}`, '--brokers', stackAll.kafka.bootstrap, '--batch-window-ms', '100'],
        { KUBECONFIG: stack.kubeconfig, KAFKA_BROKERS: stackAll.kafka.bootstrap }),
    ];
    try {
      await seedDeployment(ns, (deployment) => {
        deployment.spec.replicas = 1;
        Object.assign(deployment.spec.template.metadata?.annotations ?? {}, { [tf('enabled-replicas')]: '1' });
        delete deployment.spec.template.metadata?.annotations?.[tf('workload-profile')];
      });
      const [pod] = await waitForPods(ns, 1);
      expect(pod !== undefined && isMutated(pod)).toBe(true);
      const replicaSet = pod?.metadata?.ownerReferences?.[0]?.name ?? '';
      const slots = async (): Promise<string[]> => Object.entries((await apps.readNamespacedReplicaSet({ name: replicaSet, namespace: ns })).metadata?.annotations ?? {})
        .filter(([key]) => key.startsWith(COUNTER_KEY_PREFIX)).flatMap(([, value]) => value.split(','));
      expect(await slots()).toHaveLength(1);
      // The agent publishes the latest state of each object: a pod created and deleted before its first publish is
      // never reported at all (admission's claim-age rule frees such a slot). Wait for the pod in the agent's journal.
      await waitUntil('the pod published', async () => (await readFile(journal, 'utf8')).includes(pod?.metadata?.name ?? '?'), 30_000);
      // Scale to 0: the controller deletes the pod (at once: it is gated, so unbound), the cluster-agent reports
      // pod.deleted, and the function frees the slot. No admission runs meanwhile, so only the stream can free it.
      await apps.patchNamespacedDeployment({ name: 'pytorch-example', namespace: ns, body: { spec: { replicas: 0 } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
      await waitUntil('the pod gone', async () => (await core.listNamespacedPod({ namespace: ns })).items.length === 0, 30_000);
      await waitUntil('the slot given back', async () => (await slots()).length === 0, 60_000);
    } finally {
      for (const child of processes) child.child.kill('SIGTERM');
      await Promise.all(processes.map((child) => child.exited));
    }
  }, 120_000);

  it('writes no slot for a dry-run pod (sideEffects: NoneOnDryRun), yet answers with the mutation', async () => {
    const ns = await namespace();
    const deployment = await seedDeployment(ns, (d) => {
      d.spec.replicas = 0;
      Object.assign(d.spec.template.metadata?.annotations ?? {}, { [tf('enabled-replicas')]: '2' });
      delete d.spec.template.metadata?.annotations?.[tf('workload-profile')];
    });
    let replicaSet: k8s.V1ReplicaSet | undefined;
    await waitUntil('the ReplicaSet', async () => (replicaSet = (await apps.listNamespacedReplicaSet({ namespace: ns })).items[0]) !== undefined, 30_000);
    const template = deployment.spec.template;
    const hash = replicaSet?.metadata?.labels?.['pod-template-hash'] ?? '';
    const created = await core.createNamespacedPod({ namespace: ns, dryRun: 'All', body: {
      metadata: { generateName: 'dry-', labels: { ...template.metadata?.labels, 'pod-template-hash': hash }, annotations: { ...template.metadata?.annotations },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: replicaSet?.metadata?.name ?? '', uid: replicaSet?.metadata?.uid ?? '', controller: true }] },
      spec: template.spec ?? { containers: [] },
    } });
    expect(isMutated(created)).toBe(true);
    const annotations = (await apps.readNamespacedReplicaSet({ name: replicaSet?.metadata?.name ?? '', namespace: ns })).metadata?.annotations ?? {};
    expect(Object.keys(annotations).filter((key) => key.startsWith(COUNTER_KEY_PREFIX))).toEqual([]);
  });
});
