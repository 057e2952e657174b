import { describe, expect, it } from 'vitest';
import { containerSchema, podSchema } from './pod.ts';

describe('Schema: podSchema', () => {
  it.each([
    { name: 'empty object gets empty metadata', input: {}, expected: { metadata: {} } },
    { name: 'metadata only', input: { metadata: { name: 'p', namespace: 'ns' } }, expected: { metadata: { name: 'p', namespace: 'ns' } } },
    { name: 'template without a name', input: { metadata: { generateName: 'web-', labels: { app: 'web' } } }, expected: { metadata: { generateName: 'web-', labels: { app: 'web' } } } },
    { name: 'spec without containers', input: { spec: { nodeName: 'n1' } }, expected: { metadata: {}, spec: { nodeName: 'n1' } } },
    {
      name: 'owner references', input: { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true }] } },
      expected: { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true }] } },
    },
  ])('parses $name', ({ input, expected }) => {
    expect(podSchema.parse(input)).toStrictEqual(expected);
  });

  it('keeps fields it does not read', () => {
    const input = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', uid: 'x' }, spec: { containers: [{ name: 'c', image: 'i' }], restartPolicy: 'Never' }, status: { phase: 'Pending' } };
    expect(podSchema.parse(input)).toStrictEqual(input);
  });

  it.each([
    { name: 'annotation value a boolean', input: { metadata: { annotations: { 'tensor-fusion.ai/is-local-gpu': true } } }, code: 'invalid_type', path: ['metadata', 'annotations', 'tensor-fusion.ai/is-local-gpu'], fragment: 'quote values like "true" and "1"' },
    { name: 'containers not a list', input: { spec: { containers: {} } }, code: 'invalid_type', path: ['spec', 'containers'], fragment: 'expected array' },
    { name: 'container without a name', input: { spec: { containers: [{}] } }, code: 'invalid_type', path: ['spec', 'containers', 0, 'name'], fragment: 'expected string' },
    { name: 'owner reference without kind', input: { metadata: { ownerReferences: [{ apiVersion: 'v1', name: 'x' }] } }, code: 'invalid_type', path: ['metadata', 'ownerReferences', 0, 'kind'], fragment: 'expected string' },
  ])('rejects $name', ({ input, code, path, fragment }) => {
    const issues = podSchema.safeParse(input).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path });
    expect(issues[0]?.message).toContain(fragment);
  });
});

describe('Schema: containerSchema', () => {
  it.each([
    { name: 'no resources', input: { name: 'main' } },
    { name: 'native GPU limit as a number', input: { name: 'main', resources: { limits: { 'nvidia.com/gpu': 1 } } } },
    { name: 'native GPU limit as a string', input: { name: 'main', resources: { limits: { 'nvidia.com/gpu': '1' } } } },
    { name: 'requests and limits', input: { name: 'main', resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { 'amd.com/gpu': 2 } } } },
    { name: 'other resource fields kept', input: { name: 'main', resources: { claims: [{ name: 'gpu' }] } } },
  ])('parses $name unchanged', ({ input }) => {
    expect(containerSchema.parse(input)).toStrictEqual(input);
  });

  it.each([
    { name: 'boolean limit', input: { name: 'main', resources: { limits: { 'nvidia.com/gpu': true } } }, path: ['resources', 'limits', 'nvidia.com/gpu'] },
    { name: 'null request', input: { name: 'main', resources: { requests: { cpu: null } } }, path: ['resources', 'requests', 'cpu'] },
  ])('rejects $name as neither string nor number', ({ input, path }) => {
    const issues = containerSchema.safeParse(input).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'invalid_union', path });
    expect(issues[0]?.message).toContain('Invalid input');
  });
});
