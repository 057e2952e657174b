// The whole path with the real node-agent: a replay of 30 min of the gentd26 trace on 2 fleet nodes → the
// shared gpu-metrics topic → the runner running recommend-resources (from the topic's end) → the live pods
// the replay reports on (created here, limits 2 % of the GPU) have their limits raised in kube-apiserver.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { admittedTemplate, liveScenario, type LiveScenario } from '../fixtures/autoscaling/live-stack.ts';
import { readEvents, startAgentProcess } from '../fixtures/gpu/agents-harness.ts';
import { uniqueName, waitFor } from '../fixtures/handlers/harness.ts';
import { provisionTopics } from '../../shared/adapters/kafka/provision-topics.ts';

const stack = inject('stack');
let scenario: LiveScenario;

beforeAll(async () => {
  scenario = await liveScenario(stack, 'rec-replay');
  // The replay publishes to the project's own gpu-metrics topic: make sure it exists, whatever ran before.
  await provisionTopics(scenario.kafka, { replicationFactor: 1 });
}, 120_000);

afterAll(async () => {
  await scenario.cleanup();
}, 60_000);

/** Replay the same 30 min (same pods, same readings) as cluster `clusterId`; resolves when the agent is done. */
async function replay(clusterId: string, startIso: string): Promise<void> {
  const agent = startAgentProcess('node-agent', [
    '--cluster-id', clusterId, '--brokers', stack.kafka.bootstrap, '--source', 'replay', '--speed', 'max', '--interval-ms', '300000',
    '--replay-start', startIso, '--replay-duration-ms', '1800000', '--replay-nodes', '2', '--replay-namespace', scenario.namespace,
  ]);
  expect(await agent.exited, agent.output()).toEqual({ code: 0, signal: null });
}

describe('Integration: node-agent replay → recommend-resources', () => {
  it('patches the limits of the live pods the replayed metrics are about', async () => {
    const startIso = new Date(Date.now() - 30 * 60_000).toISOString();
    const probeId = uniqueName('probe');
    const probe = await readEvents(scenario.kafka, { topic: 'gpu-metrics', clusterId: probeId });
    await replay(probeId, startIso);
    await probe.until('the probe replay\'s metrics', (events) => events.length > 0, 30_000);
    await probe.drained('the probe to read all the probe replay published', 30_000);
    await probe.stop();
    const pods = [...new Set(probe.events.flatMap((event) => (event.data['workloads'] as { pod: string }[]).map((usage) => usage.pod)))];
    expect(pods.length).toBeGreaterThan(5);
    const annotations = {
      'tensor-fusion.ai/auto-resources': 'true', 'tensor-fusion.ai/tflops-request': null, 'tensor-fusion.ai/tflops-limit': null,
      'tensor-fusion.ai/compute-percent-request': '1', 'tensor-fusion.ai/compute-percent-limit': '2',
    };
    for (const name of pods) {
      const template = admittedTemplate(name, annotations);
      await scenario.core.createNamespacedPod({ namespace: scenario.namespace, body: { metadata: { ...template.metadata, name }, spec: template.spec } });
    }
    const runner = scenario.startRunner({ from: 'gpu-metrics' });
    await waitFor('the runner to join its group', () => runner.output().includes('"message":"joined the group"'), 30_000);
    await replay(uniqueName('replay'), startIso);
    const raised = async () => {
      const list = await scenario.core.listNamespacedPod({ namespace: scenario.namespace });
      return list.items.filter((pod) => pod.metadata?.annotations?.['tensor-fusion.ai/compute-percent-limit'] !== '2').length;
    };
    await waitFor('limits raised on the replayed pods', async () => (await raised()) >= pods.length / 2, 60_000);
  }, 180_000);
});
