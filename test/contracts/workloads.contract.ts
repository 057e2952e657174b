// The Workloads contract (STYLE §5): one suite, run against shared/adapters/memory and against the
// Kubernetes adapter on the stack's kube-apiserver (test/integration/recommend-workloads.test.ts).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/core/errors.ts';
import type { ObjectReference } from '../../shared/ports/cluster.ts';
import type { Scale, Workloads } from '../../shared/ports/workloads.ts';

/** A place to arrange objects for one case, and the adapter over it. */
export interface WorkloadsArena {
  readonly workloads: Workloads;
  readonly namespace: string;
  /** Create a pod no kubelet runs (it stays pending, as on the stack). */
  createPod(name: string, options: { labels: Record<string, string>; annotations: Record<string, string> }): Promise<void>;
  /** Create a Deployment with `replicas` and return a reference to it. */
  createDeployment(name: string, replicas: number): Promise<ObjectReference>;
}

async function rejection(work: Promise<unknown>): Promise<AppError> {
  const error: unknown = await work.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Run the contract against the adapter `arena` gives. */
export function workloadsContract(name: string, arena: () => Promise<WorkloadsArena>): void {
  describe(`Contract: Workloads (${name})`, () => {
    it('reads a pod with its labels, annotations and uid; an absent pod is undefined', async () => {
      const { workloads, namespace, createPod } = await arena();
      await createPod('p-0', { labels: { app: 'a' }, annotations: { 'tensor-fusion.ai/tflops-limit': '40' } });
      const pod = await workloads.getPod(namespace, 'p-0');
      expect(pod?.pod.metadata).toMatchObject({ name: 'p-0', namespace, labels: { app: 'a' }, annotations: { 'tensor-fusion.ai/tflops-limit': '40' } });
      expect(pod?.uid).not.toBe('');
      expect(await workloads.getPod(namespace, 'absent')).toBeUndefined();
    });

    it('lists the pods carrying every label asked for; one that is not running yet is unready', async () => {
      const { workloads, namespace, createPod } = await arena();
      await createPod('l-0', { labels: { app: 'l', tier: 'x' }, annotations: {} });
      await createPod('l-1', { labels: { app: 'l' }, annotations: {} });
      const listed = await workloads.listPods(namespace, { app: 'l', tier: 'x' });
      expect(listed.map((pod) => [pod.pod.metadata.name, pod.readiness])).toEqual([['l-0', 'unready']]);
    });

    it('merges annotations into a pod, null removing one; the next read sees them', async () => {
      const { workloads, namespace, createPod } = await arena();
      await createPod('m-0', { labels: {}, annotations: { keep: '1', drop: '2', change: '3' } });
      await workloads.getPod(namespace, 'm-0');
      await workloads.patchPodAnnotations(namespace, 'm-0', { drop: null, change: '4', add: '5' });
      expect((await workloads.getPod(namespace, 'm-0'))?.pod.metadata.annotations).toEqual({ keep: '1', change: '4', add: '5' });
      expect((await rejection(workloads.patchPodAnnotations(namespace, 'absent', { a: '1' }))).code).toBe('NOT_FOUND');
    });

    it('reads and writes a Deployment\'s scale, refusing a stale write', async () => {
      const { workloads, createDeployment } = await arena();
      const reference = await createDeployment('d', 1);
      let scale = await workloads.getScale(reference);
      expect(scale?.replicas).toBe(1);
      let written: Scale | undefined;
      // A live controller may update the Deployment between a read and a write: re-read and retry, as callers do.
      for (let attempt = 0; written === undefined && attempt < 10; attempt++) {
        written = await workloads.setScale({ ...(scale as Scale), replicas: 2 }).catch(async (error: unknown) => {
          if (!(error instanceof AppError) || error.code !== 'VERSION_CONFLICT') throw error;
          scale = await workloads.getScale(reference);
          return undefined;
        });
      }
      expect((await workloads.getScale(reference))?.replicas).toBe(2);
      expect((await rejection(workloads.setScale({ ...(scale as Scale), replicas: 3 }))).code).toBe('VERSION_CONFLICT');
      expect(await workloads.getScale({ ...reference, name: 'absent' })).toBeUndefined();
    });
  });
}
