import { describe, expect, it } from 'vitest';
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

function deployment(options: { replicas: number; ledger?: boolean; cron?: object[] }) {
  const harness = recommendHarness(options.ledger === true ? { ledger: true } : {});
  const owner = { kind: 'ReplicaSet', name: 'llm-5d9f' };
  for (const name of ['llm-5d9f-a', 'llm-5d9f-b']) {
    harness.workloads.putPod(admittedPod({ name, owner, annotations: { 'tensor-fusion.ai/auto-resources': 'false', 'tensor-fusion.ai/auto-replicas': 'true', 'tensor-fusion.ai/workload-profile': 'p' } }));
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

  it.each([
    { name: 'inside a cron window its desiredReplicas is a floor, however idle', desiredReplicas: 3, expected: 3 },
    { name: 'a floor over maxReplicas stops at maxReplicas', desiredReplicas: 9, expected: 4 },
  ])('$name', async ({ desiredReplicas, expected }) => {
    const harness = deployment({ replicas: 2, cron: [{ name: 'noon', enable: true, start: '0 11 * * *', end: '0 13 * * *', desiredReplicas }] });
    expect(await at(harness, 0, 0.1)).toBe(expected);
  });

  it('leaves pods without a scalable owner alone', async () => {
    const harness = recommendHarness();
    harness.workloads.putPod(admittedPod({ name: 'llm-5d9f-a', owner: { kind: 'Job', name: 'batch' }, annotations: { 'tensor-fusion.ai/auto-replicas': 'true' } }));
    harness.clock.set(T0);
    await harness.send([load(T0, 2, 1)]);
    expect((await harness.record())?.record.replicas.points).toHaveLength(1);
  });
});
