import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../core/model/issue.ts';
import { extractPods, type PodEntry } from './extract-pods.ts';
import type { ManifestDocument } from './read-manifests.ts';

const ANNOTATIONS = { 'tensor-fusion.ai/tflops-request': '10' };
const template = (metadata: Record<string, unknown> = {}) => ({ metadata: { annotations: ANNOTATIONS, ...metadata }, spec: { containers: [{ name: 'python' }] } });
const workload = (kind: string, spec: unknown, metadata: Record<string, unknown> = { name: 'web', namespace: 'team-a' }) => ({ apiVersion: 'apps/v1', kind, metadata, spec });
const docs = (...contents: unknown[]): ManifestDocument[] => contents.map((content, index) => ({ file: 'm.yaml', index, content }));
const podOf = (entry: PodEntry | undefined) => (entry?.ok === true ? entry.pod : undefined);
const messages = (entry: PodEntry | undefined) => (entry?.ok === false ? entry.issues.map(formatIssue) : []);

const profile = (spec: unknown, name = 'example') => ({ apiVersion: 'tensor-fusion.ai/v1', kind: 'WorkloadProfile', metadata: { name, namespace: 'team-a' }, spec });
const pool = (spec: unknown) => ({ apiVersion: 'tensor-fusion.ai/v1', kind: 'GPUPool', metadata: { name: 'default-pool' }, spec });

describe('Function: extractPods()', () => {
  it.each([
    { name: 'Deployment', content: workload('Deployment', { replicas: 1, template: template() }) },
    { name: 'StatefulSet', content: workload('StatefulSet', { template: template() }) },
    { name: 'ReplicaSet', content: workload('ReplicaSet', { template: template() }) },
    { name: 'DaemonSet', content: workload('DaemonSet', { template: template() }) },
    { name: 'Job', content: workload('Job', { template: template() }) },
    { name: 'CronJob', content: workload('CronJob', { schedule: '* * * * *', jobTemplate: { spec: { template: template() } } }) },
  ])('takes the pod template of a $name, named after it and in its namespace', ({ name, content }) => {
    const found = extractPods(docs(content));
    expect(found.pods).toHaveLength(1);
    expect(found.pods[0]?.source).toBe(`m.yaml#${name}/web`);
    expect(podOf(found.pods[0])?.metadata).toMatchObject({ name: 'web', namespace: 'team-a', annotations: ANNOTATIONS });
  });

  it.each([
    { name: 'a Pod is taken as is', content: { apiVersion: 'v1', kind: 'Pod', ...template({ name: 'solo', namespace: 'ns' }) }, source: 'm.yaml#Pod/solo', expected: { name: 'solo', namespace: 'ns' } },
    { name: 'the template keeps its own namespace', content: workload('Deployment', { template: template({ namespace: 'own' }) }), source: 'm.yaml#Deployment/web', expected: { name: 'web', namespace: 'own' } },
    { name: 'a workload without namespace leaves it unset', content: workload('Job', { template: template() }, { name: 'batch' }), source: 'm.yaml#Job/batch', expected: { name: 'batch' } },
    { name: 'a nameless workload is named by its position', content: workload('Deployment', { template: template() }, {}), source: 'm.yaml#Deployment/(document 1)', expected: {} },
    { name: 'a template without metadata gets some', content: workload('Deployment', { template: { spec: {} } }), source: 'm.yaml#Deployment/web', expected: { name: 'web', namespace: 'team-a' } },
  ])('$name', ({ content, source, expected }) => {
    const [entry] = extractPods(docs(content)).pods;
    expect(entry?.source).toBe(source);
    const metadata = podOf(entry)?.metadata;
    expect({ name: metadata?.name, namespace: metadata?.namespace }).toEqual({ name: undefined, namespace: undefined, ...expected });
  });

  it.each([
    {
      name: 'an unquoted annotation value is named by its key',
      content: workload('Deployment', { template: template({ annotations: { 'tensor-fusion.ai/gpu-count': 1 } }) }),
      message: 'tensor-fusion.ai/gpu-count must be a string (quote values like "true" and "1"), got 1',
    },
    {
      name: 'an unquoted label value is named as a label',
      content: workload('Deployment', { template: template({ labels: { 'tensor-fusion.ai/enabled': true } }) }),
      message: 'label tensor-fusion.ai/enabled must be a string (quote values like "true" and "1"), got true',
    },
    {
      name: 'another field is named by its path in the document',
      content: workload('StatefulSet', { template: { spec: { containers: [{ image: 'x' }] } } }),
      message: 'StatefulSet web spec.template.spec.containers[0].name must be a string',
    },
    {
      name: 'a missing template',
      content: workload('Deployment', { replicas: 1 }),
      message: 'Deployment web spec.template must be a pod template with metadata and spec',
    },
    {
      name: 'a CronJob whose job template is not an object',
      content: workload('CronJob', { jobTemplate: 'nope' }),
      message: 'CronJob web spec.jobTemplate.spec.template must be a pod template with metadata and spec',
    },
  ])('reports a pod that breaks the pod schema: $name', ({ content, message }) => {
    const found = extractPods(docs(content));
    expect(found.pods).toHaveLength(1);
    expect(messages(found.pods[0])).toEqual([message]);
  });

  it.each([
    { name: 'a valid profile', content: profile({ qos: 'high', resources: { requests: { tflops: '5', vram: '3Gi' } } }), profiles: ['example'], pools: [], issues: [] },
    { name: 'a valid pool', content: pool({ isDefault: true }), profiles: [], pools: ['default-pool'], issues: [] },
    {
      name: 'a profile with a bad qos',
      content: profile({ qos: 'urgent' }),
      profiles: [], pools: [],
      issues: ['WorkloadProfile example spec.qos must be one of low, medium, high, critical, got "urgent"'],
    },
    {
      name: 'a profile with an unknown field and a bad gpuCount',
      content: profile({ gpuCount: 0, gpuModle: 'A100' }),
      profiles: [], pools: [],
      issues: ['WorkloadProfile example spec.gpuCount must be a whole number from 1 to 128, got 0', 'WorkloadProfile example spec.gpuModle must not be set: it is not a known field'],
    },
    {
      name: 'a pool with the wrong apiVersion',
      content: { ...pool({}), apiVersion: 'v1' },
      profiles: [], pools: [],
      issues: ['GPUPool default-pool apiVersion must be tensor-fusion.ai/v1, got "v1"'],
    },
    {
      name: 'a nameless profile',
      content: { apiVersion: 'tensor-fusion.ai/v1', kind: 'WorkloadProfile', metadata: {} },
      profiles: [], pools: [],
      issues: ['WorkloadProfile ? metadata.name must be a string'],
    },
  ])('collects WorkloadProfiles and GPUPools: $name', ({ content, profiles, pools, issues }) => {
    const found = extractPods(docs(content));
    expect(found.profiles.map((p) => p.metadata.name)).toEqual(profiles);
    expect(found.pools.map((p) => p.metadata.name)).toEqual(pools);
    expect(found.issues.map(formatIssue)).toEqual(issues);
    expect(found.pods).toEqual([]);
  });

  it.each([
    { name: 'a Service', content: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' } }, note: 'm.yaml#Service/svc skipped: a Service holds no pod template' },
    { name: 'an object without kind', content: { metadata: { name: 'x' } }, note: 'm.yaml#?/x skipped: it has no kind' },
    { name: 'a kind named like an Object.prototype key', content: { kind: 'toString' }, note: 'm.yaml#toString/(document 1) skipped: a toString holds no pod template' },
  ])('skips other kinds with a note: $name', ({ content, note }) => {
    const found = extractPods(docs(content));
    expect(found.notes).toEqual([note]);
    expect(found.pods).toEqual([]);
    expect(found.issues).toEqual([]);
  });

  it.each([
    { name: 'a string', content: 'just text', received: '"just text"' },
    { name: 'a list', content: [1, 2], received: '[1,2]' },
    { name: 'null', content: null, received: 'null' },
  ])('reports a document that is not an object: $name', ({ content, received }) => {
    expect(extractPods(docs(content)).issues.map(formatIssue)).toEqual([`m.yaml document 1 must be a Kubernetes object with a kind, got ${received}`]);
  });

  it('opens a List and keeps the order of documents', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [workload('Deployment', { template: template() }), pool({}), 'junk'] };
    const found = extractPods(docs(profile({}), list, { apiVersion: 'v1', kind: 'Pod', ...template({ name: 'p' }) }));
    expect(found.pods.map((entry) => entry.source)).toEqual(['m.yaml#Deployment/web', 'm.yaml#Pod/p']);
    expect(found.profiles).toHaveLength(1);
    expect(found.pools).toHaveLength(1);
    expect(found.notes).toEqual(['m.yaml#?/(document 2) skipped: it has no kind']);
  });

  it('treats a List without items as empty', () => {
    expect(extractPods(docs({ kind: 'List' }))).toEqual({ pods: [], profiles: [], pools: [], issues: [], notes: [] });
  });
});
