// The admission server's RBAC (infra/kubernetes/admission/rbac.yaml) against the stack's kube-apiserver:
// SubjectAccessReviews as its service account (allowed what admission uses, denied the rest), and the
// Cluster adapter running on that account's own token for the reads and the write admission makes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyManifests, waitForCrds } from '../../infra/local/bootstrap/apply-manifests.ts';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import { REPO, uniqueName } from '../fixtures/handlers/harness.ts';
import { allowedFor, kubeconfigFor } from '../fixtures/service-account.ts';

const stack = inject('stack');
const MANIFESTS = join(REPO, 'infra/kubernetes/admission');
const ACCOUNT = { namespace: 'vgpu-system', name: 'vgpu-admission' };
let config: k8s.KubeConfig;
let workDir: string;
const namespace = uniqueName('adm-rbac');

beforeAll(async () => {
  config = new k8s.KubeConfig();
  config.loadFromFile(stack.kubernetes.kubeconfig);
  await applyManifests(config, ['infra/crds/workloadprofiles.tensor-fusion.ai.yaml', 'infra/crds/gpupools.tensor-fusion.ai.yaml']);
  await waitForCrds(config, ['workloadprofiles.tensor-fusion.ai', 'gpupools.tensor-fusion.ai']);
  await applyManifests(config, [join(MANIFESTS, 'namespace.yaml'), join(MANIFESTS, 'rbac.yaml')]);
  await config.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
  workDir = mkdtempSync(join(tmpdir(), 'admission-rbac-'));
}, 120_000);

afterAll(async () => {
  await config?.makeApiClient(k8s.CoreV1Api).deleteNamespace({ name: namespace }).catch(() => undefined);
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

const core = (resource: string) => ({ group: '', resource });
const apps = (resource: string) => ({ group: 'apps', resource });
const tf = (resource: string) => ({ group: 'tensor-fusion.ai', resource });

describe('Manifests: admission RBAC (integration)', () => {
  it.each([
    { name: 'get a WorkloadProfile', attributes: { verb: 'get', namespace: 'ml', ...tf('workloadprofiles') }, expected: true },
    { name: 'list GPUPools', attributes: { verb: 'list', ...tf('gpupools') }, expected: true },
    { name: 'get and patch a ReplicaSet (slots)', attributes: { verb: 'patch', namespace: 'ml', ...apps('replicasets') }, expected: true },
    { name: 'patch a StatefulSet (slots)', attributes: { verb: 'patch', namespace: 'ml', ...apps('statefulsets') }, expected: true },
    { name: 'patch a Job (slots)', attributes: { verb: 'patch', namespace: 'ml', group: 'batch', resource: 'jobs' }, expected: true },
    { name: 'list pods (slot take-over)', attributes: { verb: 'list', namespace: 'ml', ...core('pods') }, expected: true },
    { name: 'watch pods (denied)', attributes: { verb: 'watch', namespace: 'ml', ...core('pods') }, expected: false },
    { name: 'patch pods (denied)', attributes: { verb: 'patch', namespace: 'ml', ...core('pods') }, expected: false },
    { name: 'delete pods (denied)', attributes: { verb: 'delete', namespace: 'ml', ...core('pods') }, expected: false },
    { name: 'get secrets (denied)', attributes: { verb: 'get', namespace: 'vgpu-system', ...core('secrets') }, expected: false },
    { name: 'update Deployments (denied)', attributes: { verb: 'update', namespace: 'ml', ...apps('deployments') }, expected: false },
    { name: 'patch WorkloadProfiles (denied)', attributes: { verb: 'patch', namespace: 'ml', ...tf('workloadprofiles') }, expected: false },
  ])('$name', async ({ attributes, expected }) => {
    expect(await allowedFor(config, ACCOUNT, attributes)).toBe(expected);
  });

  it('runs the Cluster adapter on the account\'s own token: lists pods, reads and annotates an owner', async () => {
    const appsApi = config.makeApiClient(k8s.AppsV1Api);
    const labels = { app: 'rbac' };
    await appsApi.createNamespacedReplicaSet({ namespace, body: { metadata: { name: 'owner' }, spec: { replicas: 0, selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }] } } } } });
    const path = await kubeconfigFor(config, ACCOUNT, { stack, dir: workDir });
    const cluster = createKubernetesCluster({ access: { kind: 'kubeconfig-file', path }, cacheTtlMs: 0 });
    const reference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace, name: 'owner' };
    expect(await cluster.listPods(namespace, 'pod-template-hash=x')).toEqual([]);
    const owner = await cluster.getOwner(reference, { fresh: true });
    expect(owner?.reference).toEqual(reference);
    const written = await cluster.updateOwnerAnnotations({ reference, resourceVersion: owner?.resourceVersion ?? '', annotations: { 'tensor-fusion.ai/tf-counter-x': 'a' } });
    expect(written.annotations['tensor-fusion.ai/tf-counter-x']).toBe('a');
    await expect(cluster.listGpuPools()).resolves.toBeInstanceOf(Array); // a 403 would reject
  });
});
