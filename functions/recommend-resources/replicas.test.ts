import { describe, expect, it, vi } from 'vitest';
import type { PodReadiness } from '../../shared/core/autoscaling/utilisation-of-pods.ts';
import type { DecisionEvent } from '../../shared/schemas/events/decisions.ts';
import { profileWith } from '../../test/fixtures/builders.ts';
import { allocationWith, booked, ledgerWith } from '../../test/fixtures/ledger.ts';
import { recommendHarness } from '../../test/fixtures/autoscaling/recommend-harness.ts';
import { admittedPod, usageEvent } from '../../test/fixtures/autoscaling/workload-pods.ts';

const GIB = 1024 ** 3;
const T0 = Date.parse('2025-01-31T12:00:00Z');
const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ml', name: 'llm' };
/** The compute limit of the pods (40 TFLOPS of an A100's 312) in percent: utilisation 1 at this mean. */
const LIMIT_PERCENT = (40 / 312) * 100;

/** Pods a and b of Deployment llm (they report, see `load`), and pod c, which never reports, when `silent` says how it stands. */
function deployment(options: { replicas: number; ledger?: boolean; cron?: object[]; silent?: PodReadiness }) {
  const harness = recommendHarness(options.ledger === true ? { ledger: true } : {});
  const owner = { kind: 'ReplicaSet', name: 'llm-5d9f' };
  const pods = options.silent === undefined ? ['a', 'b'] : ['a', 'b', 'c'];
  for (const pod of pods) {
    const readiness = pod === 'c' && options.silent !== undefined ? options.silent : 'ready';
    harness.workloads.putPod(admittedPod({ name: `llm-5d9f-${pod}`, owner, readiness, annotations: { 'tensor-fusion.ai/auto-resources': 'false', 'tensor-fusion.ai/auto-replicas': 'true', 'tensor-fusion.ai/workload-profile': 'p' } }));
  }
  harness.cluster.putOwner({ reference: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'ml', name: 'llm-5d9f' }, resourceVersion: '1', annotations: {}, ownerReferences: [{ ...DEPLOYMENT, controller: true }] });
  const autoSetReplicas = { evaluationPeriod: '1m', scaleUpCoolDownTime: '1m', scaleDownCoolDownTime: '5m', minReplicas: 1, maxReplicas: 4 };
  harness.cluster.putProfile(profileWith({ autoScalingConfig: { autoSetReplicas, cronScalingRules: options.cron ?? [] } } as Parameters<typeof profileWith>[0], { name: 'p', namespace: 'ml' }));
  harness.workloads.putScale(DEPLOYMENT, options.replicas);
  return harness;
}

const load = (atMs: number, utilisation: number, id: number) => usageEvent(atMs, ['llm-5d9f-a', 'llm-5d9f-b'].map((pod) => ({
  pod, computePercent: utilisation * LIMIT_PERCENT, computeMeanPercent: utilisation * LIMIT_PERCENT, vramBytes: 2 * GIB,
})), { id });

async function at(harness: ReturnType<typeof deployment>, offsetMs: number, utilisation: number): Promise<number | undefined> {
  harness.clock.set(T0 + offsetMs);
  await harness.send([load(T0 + offsetMs, utilisation, offsetMs / 1000 + 1)], offsetMs / 1000);
  return (await harness.deps.workloads.getScale(DEPLOYMENT))?.replicas;
}

describe('Function: recommend-resources, auto-replicas', () => {
  it('scales the Deployment up by steps, waits out the cool-down, and scales back down', async () => {
    const harness = deployment({ replicas: 2 });
    expect(await at(harness, 0, 1)).toBe(3);
    expect(await at(harness, 30_000, 1)).toBe(3);
    expect(await at(harness, 90_000, 1)).toBe(4);
    expect(await at(harness, 150_000, 2)).toBe(4);
    expect(await at(harness, 600_000, 0.1)).toBe(3);
    expect(await at(harness, 630_000, 0.1)).toBe(3);
    const replicas = harness.published.map((sent) => sent.event as Extract<DecisionEvent, { type: 'scaling.applied' }>).map((event) => event.data.changes);
    expect(replicas).toEqual([[{ field: 'replicas', from: 2, to: 3 }], [{ field: 'replicas', from: 3, to: 4 }], [{ field: 'replicas', from: 4, to: 3 }]]);
  });

  it('never asks for more replicas than the pool can place', async () => {
    // One A100 (312 TFLOPS, the GPU the utilisation is counted on) that a neighbour fills but for 20 TFLOPS beside pods a and b.
    const node = (pods: string[]) => ledgerWith('n1', 1, {
      pool: 'default',
      allocations: [allocationWith('neighbour', [booked('n1-gpu0', 252, 4)]), ...pods.map((pod) => allocationWith(`uid-llm-5d9f-${pod}`, [booked('n1-gpu0', 20, 4)]))],
    });
    const harness = deployment({ replicas: 2, ledger: true });
    await harness.seedLedger(node(['a', 'b']));
    expect(await at(harness, 0, 1.5)).toBe(3);
    await harness.seedLedger(node(['a', 'b', 'c']));
    expect(await at(harness, 120_000, 1.5)).toBe(3);
  });

  it('reads the pool\'s spare room only when the readings ask for more replicas', async () => {
    const harness = deployment({ replicas: 3, ledger: true });
    const { ledger } = harness.deps;
    expect(ledger).toBeDefined();
    const spareReplicas = vi.spyOn(ledger as NonNullable<typeof ledger>, 'spareReplicas');
    expect(await at(harness, 0, 0.8)).toBe(3);
    expect(await at(harness, 30_000, 0.1)).toBe(2);
    expect(spareReplicas).not.toHaveBeenCalled();
    expect(await at(harness, 120_000, 2)).toBe(2);
    expect(spareReplicas).toHaveBeenCalledTimes(1);
  });

  it.each([
    { name: 'inside a cron window its desiredReplicas is a floor, however idle', desiredReplicas: 3, expected: 3 },
    { name: 'a floor over maxReplicas stops at maxReplicas', desiredReplicas: 9, expected: 4 },
  ])('$name', async ({ desiredReplicas, expected }) => {
    const harness = deployment({ replicas: 2, cron: [{ name: 'noon', enable: true, start: '0 11 * * *', end: '0 13 * * *', desiredReplicas }] });
    expect(await at(harness, 0, 0.1)).toBe(expected);
  });

  // Three replicas, pods a and b reporting: 1.0 asks for ceil(3 × 1.0 ÷ 0.8) = 4, 0.4 for ceil(3 × 0.4 ÷ 0.8) = 2.
  it.each([
    { name: 'scale-up: a ready pod that sent nothing counts as idle, which turns it: held', utilisation: 1, silent: 'ready', expected: 3 },
    { name: 'scale-up: a pod not ready yet counts as idle too: held', utilisation: 1, silent: 'unready', expected: 3 },
    { name: 'scale-up: a pod being deleted is left out', utilisation: 1, silent: 'gone', expected: 4 },
    { name: 'scale-down: a ready pod that sent nothing counts as fully used: ceil(3 × 0.6 ÷ 0.8) = 3, held', utilisation: 0.4, silent: 'ready', expected: 3 },
    { name: 'scale-down: a pod not ready yet is left out', utilisation: 0.4, silent: 'unready', expected: 2 },
  ] as const)('counts the pods that sent no readings as the HPA does: $name', async ({ utilisation, silent, expected }) => {
    const harness = deployment({ replicas: 3, silent });
    expect(await at(harness, 0, utilisation)).toBe(expected);
  });

  it('lists the workload\'s pods only when the readings ask for a move', async () => {
    const harness = deployment({ replicas: 3, silent: 'ready' });
    const listPods = vi.spyOn(harness.workloads, 'listPods');
    expect(await at(harness, 0, 0.8)).toBe(3);
    expect(listPods).not.toHaveBeenCalled();
    expect(await at(harness, 30_000, 2)).toBe(4);
    expect(listPods).toHaveBeenCalledWith('ml', { 'tensor-fusion.ai/workload': 'llm' });
  });

  it('leaves pods without a scalable owner alone', async () => {
    const harness = recommendHarness();
    const job = { apiVersion: 'batch/v1', kind: 'Job', namespace: 'ml', name: 'batch' };
    harness.workloads.putPod(admittedPod({ name: 'llm-5d9f-a', owner: { apiVersion: job.apiVersion, kind: job.kind, name: job.name }, annotations: { 'tensor-fusion.ai/auto-replicas': 'true' } }));
    // The Job has a scale to write (as its parallelism would be), so only the owner's kind keeps it at 1.
    harness.workloads.putScale(job, 1);
    harness.clock.set(T0);
    await harness.send([load(T0, 2, 1)]);
    expect((await harness.deps.workloads.getScale(job))?.replicas).toBe(1);
    const changes = harness.published.map((sent) => sent.event).flatMap((event) => event.type === 'scaling.applied' ? event.data.changes : []);
    expect(changes.filter((change) => change.field === 'replicas')).toEqual([]);
    expect((await harness.record())?.record.replicas.points).toHaveLength(1);
  });
});
