import { describe, expect, it } from 'vitest';
import { GPU_RESOURCE, nodeObject, nodeStatus } from './nodes.ts';

const node = { name: 'gpu-0', gpus: 8, model: 'A100', labels: { 'tensor-fusion.ai/pool': 'default-pool' } };

describe('Function: nodeObject()', () => {
  it('labels the node with hostname, GPU product and count, plus the given labels', () => {
    expect(nodeObject(node).metadata?.labels).toMatchObject({
      'kubernetes.io/hostname': 'gpu-0', 'nvidia.com/gpu.product': 'A100', 'nvidia.com/gpu.count': '8', 'tensor-fusion.ai/pool': 'default-pool',
    });
  });
});

describe('Function: nodeStatus()', () => {
  const now = new Date('2026-01-02T03:04:05.000Z');

  it('publishes nvidia.com/gpu and defaults cpu and memory in capacity and allocatable', () => {
    const status = nodeStatus(node, now);
    const resources = { cpu: '64', memory: '256Gi', pods: '110', [GPU_RESOURCE]: '8' };
    expect(status).toMatchObject({ capacity: resources, allocatable: resources });
  });

  it('is Ready as of now', () => {
    expect(nodeStatus({ ...node, cpu: '8', memory: '32Gi' }, now)).toMatchObject({
      capacity: { cpu: '8', memory: '32Gi' },
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2026-01-02T03:04:05.000Z' }],
    });
  });
});
