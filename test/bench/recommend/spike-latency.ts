import { setTimeout as sleep } from 'node:timers/promises';
import { readEndpoints } from '../../../infra/local/endpoints.ts';
import { admittedTemplate, liveScenario } from '../../fixtures/autoscaling/live-stack.ts';
import { usageEvent } from '../../fixtures/autoscaling/workload-pods.ts';
import { quantile } from '../measure.ts';
import { GIB } from './loads.ts';

/** Pods spiked in turn, each its own workload, so every spike must raise its pod's limit. */
const SPIKY_PODS = 3;

/** Spike → patched pod on the stack, `perPod` times on each of {@link SPIKY_PODS} pods, in turn. */
export async function spikeLatency(perPod: number) {
  const stack = readEndpoints();
  if (stack === undefined) throw new Error('no stack: run `npm run stack -- up` or set VGPU_STACK_DIR');
  const scenario = await liveScenario(stack, 'rec-bench');
  try {
    const names = Array.from({ length: SPIKY_PODS }, (_, index) => `spiky-${index}`);
    for (const name of names) {
      const template = admittedTemplate(name, { 'tensor-fusion.ai/auto-resources': 'true' });
      await scenario.core.createNamespacedPod({ namespace: scenario.namespace, body: { metadata: { ...template.metadata, name }, spec: template.spec } });
    }
    scenario.startRunner();
    const limitOf = async (name: string) => (await scenario.core.readNamespacedPod({ name, namespace: scenario.namespace })).metadata?.annotations?.['tensor-fusion.ai/tflops-limit'];
    const samplesMs: number[] = [];
    for (let spike = 0, percent = 15; spike < perPod; spike++, percent *= 1.2) {
      for (const name of names) {
        const before = await limitOf(name);
        const event = usageEvent(Date.now(), [{ pod: name, namespace: scenario.namespace, computePercent: Math.min(percent, 100), vramBytes: GIB }], { clusterId: scenario.clusterId });
        const started = performance.now();
        await scenario.publisher.publish(scenario.topics.metrics, [{ ...event, id: crypto.randomUUID() }]);
        const deadline = Date.now() + 30_000;
        while ((await limitOf(name)) === before) {
          if (Date.now() > deadline) throw new Error(`spike ${spike} on ${name} not applied within 30 s`);
          await sleep(5);
        }
        samplesMs.push(Math.round(performance.now() - started));
      }
    }
    const sorted = [...samplesMs].sort((a, b) => a - b);
    return { samplesMs, p50Ms: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), p99Ms: quantile(sorted, 0.99), maxMs: sorted.at(-1) as number };
  } finally {
    await scenario.cleanup();
  }
}
