import { describe, expect, it } from 'vitest';
import { createMemoryWorkloads } from '../../shared/adapters/memory/workloads.ts';
import { AppError } from '../../shared/core/errors.ts';
import { applyReplicaMove } from './apply-replicas.ts';
import type { ReplicaMove } from './plan-replicas.ts';

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ml', name: 'web' };
const move = (resourceVersion: string): ReplicaMove => ({
  scale: { reference: DEPLOYMENT, replicas: 3, resourceVersion }, from: 2, decision: { replicas: 3, direction: 'up', reason: 'busy' },
});

describe('Function: applyReplicaMove()', () => {
  it.each([
    { name: 'writes the decided count', current: 2, resourceVersion: '1', applied: true, replicas: 3 },
    { name: 'the owner changed but still runs the count decided from: re-read and written again', current: 2, resourceVersion: '0', applied: true, replicas: 3 },
    { name: 'someone else scaled in between: the move is dropped', current: 5, resourceVersion: '0', applied: false, replicas: 5 },
  ])('$name', async ({ current, resourceVersion, applied, replicas }) => {
    const workloads = createMemoryWorkloads();
    workloads.putScale(DEPLOYMENT, current);
    expect(await applyReplicaMove(move(resourceVersion), workloads)).toBe(applied);
    expect((await workloads.getScale(DEPLOYMENT))?.replicas).toBe(replicas);
  });

  it('other failures, and conflicts that keep coming, are thrown', async () => {
    const workloads = createMemoryWorkloads();
    workloads.putScale(DEPLOYMENT, 2);
    workloads.failWith.setScale = new AppError('VERSION_CONFLICT', 'again');
    await expect(applyReplicaMove(move('1'), workloads)).rejects.toThrow('again');
    workloads.failWith.setScale = new AppError('THROTTLED', 'slow down');
    await expect(applyReplicaMove(move('1'), workloads)).rejects.toThrow('slow down');
  });
});
