import { describe, expect, it, vi } from 'vitest';
import { httpEvent, lambdaContext } from '../../test/fixtures/admission/http.ts';
import { defaultPool, optedInPod, podCreate, replicaSetOwner, replicaSetPod, reviewOf, seedProfile } from '../../test/fixtures/admission/reviews.ts';
import { createMemoryCluster, type MemoryCluster } from '../../shared/adapters/memory/cluster.ts';
import { admitPod } from '../../shared/core/admission/admit-pod.ts';
import type { AdmissionRequest } from '../../shared/core/admission/admission-review.ts';
import { AppError } from '../../shared/core/errors.ts';
import { fixedClock, type Clock } from '../../shared/ports/clock.ts';
import type { Cluster } from '../../shared/ports/cluster.ts';
import { createAdmitPodHandler, handler } from './handler.ts';
import type { AdmissionReviewResponse } from './review.ts';

const tf = (suffix: string): string => `tensor-fusion.ai/${suffix}`;
const KEY = 'tensor-fusion.ai/tf-counter-7d9f8b6c5d';
const seeded = (): MemoryCluster => createMemoryCluster({ profiles: [seedProfile()], pools: [defaultPool()], owners: [replicaSetOwner()] });

/** The admission time every call sees; its claims are stamped `.t6g2pc` (base-36 epoch seconds). */
const NOW = new Date(1_764_346_800_000);
const STAMP = 't6g2pc';
async function call(cluster: Cluster, body: unknown, options: { maxAttempts?: number; clock?: Clock } = {}) {
  const response = await createAdmitPodHandler({ cluster, clock: fixedClock(NOW), ...options })(httpEvent(body), lambdaContext());
  return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') as AdmissionReviewResponse & { code?: string; message?: string } };
}
const admission = (request: AdmissionRequest) => reviewOf(request);
const decodedPatch = (review: AdmissionReviewResponse): unknown => JSON.parse(Buffer.from(review.response.patch ?? '', 'base64').toString('utf8'));
const greyPod = (limit: string) => replicaSetPod({ annotations: { [tf('enabled-replicas')]: limit } });

describe('Handler: admit-pod', () => {
  it('answers the seed Deployment\'s pod with the AdmissionReview: uid, allowed, base64 JSONPatch', async () => {
    const request = podCreate(replicaSetPod());
    const { status, body } = await call(seeded(), admission(request));
    expect(status).toBe(200);
    expect(body).toMatchObject({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: request.uid, allowed: true, patchType: 'JSONPatch' } });
    const expected = admitPod({ request, profile: seedProfile(), pools: [defaultPool()], owner: replicaSetOwner() });
    expect(decodedPatch(body)).toEqual(expected.verdict === 'allow' ? expected.patch : undefined);
    expect(body.response).not.toHaveProperty('warnings');
  });

  it('lets a pod that did not opt in pass with no patch', async () => {
    const { body } = await call(seeded(), admission(podCreate(optedInPod({}, { labels: { [tf('enabled')]: 'false' } }))));
    expect(body.response).toEqual({ uid: '0f6c1f4e-1111-4b7a-9c1d-000000000001', allowed: true });
  });

  it.each([
    {
      name: 'bad annotations: 400 with every issue', request: podCreate(replicaSetPod({ annotations: { [tf('vram-request')]: '4GB', [tf('qos')]: 'urgent' } })),
      code: 400, reason: 'INVALID_INPUT', fragment: 'tensor-fusion.ai/vram-request must be a byte quantity like 4Gi or 512Mi (Kubernetes quantity; use Gi, not GB), got "4GB"; tensor-fusion.ai/qos must be one of',
    },
    {
      name: 'a missing profile: 404', request: podCreate(replicaSetPod({ namespace: 'team-b' })),
      code: 404, reason: 'NOT_FOUND', fragment: 'tensor-fusion.ai/workload-profile must name a WorkloadProfile in the pod\'s namespace (team-b), got "default-profile"',
    },
  ])('denies $name', async ({ request, code, reason, fragment }) => {
    const { status, body } = await call(seeded(), admission(request));
    expect(status).toBe(200);
    expect(body.response).toMatchObject({ uid: request.uid, allowed: false, status: { code, reason } });
    expect(body.response.status?.message).toContain(fragment);
  });

  it('passes resolution warnings on', async () => {
    const { body } = await call(seeded(), admission(podCreate(replicaSetPod({ annotations: { [tf('gang-enabled')]: 'true' } }))));
    expect(body.response.warnings).toEqual(['tensor-fusion.ai/gang-enabled must be a key vgpu-control acts on: this TensorFusion feature is not implemented, the key is ignored']);
  });

  it.each([
    { name: 'a body that is not JSON', body: '{', code: 'INVALID_INPUT', fragment: 'body must be JSON' },
    { name: 'a review without a request uid', body: { ...admission(podCreate({})), request: { ...podCreate({}), uid: undefined } }, code: 'INVALID_INPUT', fragment: 'body.request.uid must be the request uid' },
    { name: 'a v1beta1 review', body: { ...admission(podCreate({})), apiVersion: 'admission.k8s.io/v1beta1' }, code: 'INVALID_INPUT', fragment: 'body.apiVersion must be admission.k8s.io/v1' },
  ])('answers HTTP 400 for $name (no uid to answer a review with)', async ({ body, code, fragment }) => {
    const answer = await call(seeded(), body);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(code);
    expect(answer.body.message).toContain(fragment);
  });

  it.each([
    { name: 'an unavailable API server refuses with 503 (retry)', error: new AppError('DEPENDENCY_UNAVAILABLE', 'list GPUPools: connect ECONNREFUSED'), code: 503, reason: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'a throttled API server refuses with 429', error: new AppError('THROTTLED', 'list GPUPools: too many requests'), code: 429, reason: 'THROTTLED' },
    { name: 'a bug refuses with 500', error: new TypeError('boom'), code: 500, reason: 'INTERNAL' },
  ])('$name, as an AdmissionReview', async ({ error, code, reason }) => {
    const cluster = { ...seeded(), listGpuPools: () => Promise.reject(error) };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { status, body } = await call(cluster, admission(podCreate(replicaSetPod())));
    spy.mockRestore();
    expect(status).toBe(200);
    expect(body.response).toMatchObject({ allowed: false, status: { code, reason } });
  });
});

describe('Handler: admit-pod — enabled-replicas', () => {
  it('claims slots in arrival order, then admits the rest unchanged', async () => {
    const cluster = seeded();
    const answers = [];
    for (const uid of ['u1', 'u2', 'u3']) answers.push((await call(cluster, admission(podCreate(greyPod('2'), { uid })))).body.response);
    expect(answers.map((answer) => [answer.allowed, answer.patch !== undefined])).toEqual([[true, true], [true, true], [true, false]]);
    expect(answers[2]?.warnings?.[0]).toContain('2 of 2 pods of ReplicaSet pytorch-example-7d9f8b6c5d already hold a GPU share');
    expect(cluster.owner(replicaSetOwner().reference)?.annotations).toEqual({ [KEY]: `u1.${STAMP},u2.${STAMP}` });
  });

  it('re-reads the owner and decides again when a concurrent admission wins the race', async () => {
    const cluster = seeded();
    let raced = false;
    const racing: Cluster = {
      ...cluster,
      updateOwnerAnnotations: async (update) => {
        if (!raced) {
          raced = true;
          await cluster.updateOwnerAnnotations({ ...update, annotations: { [KEY]: 'other' } });
        }
        return cluster.updateOwnerAnnotations(update);
      },
    };
    const { body } = await call(racing, admission(podCreate(greyPod('2'), { uid: 'mine' })));
    expect(body.response.allowed).toBe(true);
    expect(body.response.patch).toBeDefined();
    expect(cluster.owner(replicaSetOwner().reference)?.annotations).toEqual({ [KEY]: `other,mine.${STAMP}` });
    expect(cluster.calls.getOwner).toBe(2);
  });

  it('refuses with 409 once the conflicts outlast maxAttempts (the controller retries the pod)', async () => {
    const cluster = seeded();
    const losing: Cluster = { ...cluster, updateOwnerAnnotations: () => Promise.reject(new AppError('VERSION_CONFLICT', 'annotate ReplicaSet: the object has been modified')) };
    const { body } = await call(losing, admission(podCreate(greyPod('1'))), { maxAttempts: 2 });
    expect(body.response).toMatchObject({ allowed: false, status: { code: 409, reason: 'VERSION_CONFLICT' } });
    expect(cluster.calls.getOwner).toBe(2);
  });

  it('writes nothing for a dry run, yet answers with the mutation', async () => {
    const cluster = seeded();
    const { body } = await call(cluster, admission(podCreate(greyPod('1'), { dryRun: true })));
    expect(body.response.patch).toBeDefined();
    expect(cluster.calls.updateOwnerAnnotations).toBe(0);
    expect(cluster.owner(replicaSetOwner().reference)?.annotations).toEqual({});
  });
});

describe('Handler: admit-pod — enabled-replicas, replacement race', () => {
  const holder = (name: string, token: string, terminating: boolean) =>
    ({ namespace: 'default', name, uid: `uid-${name}`, labels: { 'pod-template-hash': '7d9f8b6c5d' }, annotations: { [tf('pod-counter-key')]: `${KEY}#${token}` }, terminating });
  const minutesAgo = (minutes: number): string => `u-old.${(NOW.getTime() / 1000 - minutes * 60).toString(36)}`;

  it.each([
    { name: 'the holder is terminating (its replacement arrives before pod.deleted)', listed: 'u-old', pods: [holder('old', 'u-old', true)], left: `u-new.${STAMP}` },
    { name: 'the holder vanished long after its claim (force-deleted)', listed: minutesAgo(5), pods: [], left: `u-new.${STAMP}` },
    { name: 'a holder on another template does not count; the live one keeps its slot', listed: `u-live,${minutesAgo(5)}`, pods: [holder('live', 'u-live', false), { ...holder('other', minutesAgo(5), false), labels: { 'pod-template-hash': '5c4b3a2d1e' } }], left: `u-live,u-new.${STAMP}` },
  ])('takes over the slot when $name', async ({ listed, pods, left }) => {
    const cluster = createMemoryCluster({ profiles: [seedProfile()], pools: [defaultPool()], owners: [{ ...replicaSetOwner(), annotations: { [KEY]: listed } }], pods });
    const { body } = await call(cluster, admission(podCreate(greyPod(String(listed.split(',').length)), { uid: 'u-new' })));
    expect(body.response.patch).toBeDefined();
    expect(cluster.owner(replicaSetOwner().reference)?.annotations).toEqual({ [KEY]: left });
    expect(cluster.calls.listPods).toBe(1);
  });

  it.each([
    { name: 'its holder is alive (long after its claim)', listed: minutesAgo(5), pods: [holder('old', minutesAgo(5), false)] },
    { name: 'its claim is younger than the grace (the pod is still being created)', listed: `u-old.${(NOW.getTime() / 1000 - 10).toString(36)}`, pods: [] },
  ])('keeps the slot taken when $name', async ({ listed, pods }) => {
    const cluster = createMemoryCluster({ profiles: [seedProfile()], pools: [defaultPool()], owners: [{ ...replicaSetOwner(), annotations: { [KEY]: listed } }], pods });
    const { body } = await call(cluster, admission(podCreate(greyPod('1'), { uid: 'u-new' })));
    expect(body.response.patch).toBeUndefined();
    expect(cluster.owner(replicaSetOwner().reference)?.annotations).toEqual({ [KEY]: listed });
  });
});

describe('Handler: admit-pod entry point', () => {
  it('reads its environment on the first request and names a bad variable', async () => {
    const saved = process.env['CLUSTER_CACHE_TTL_MS'];
    process.env['CLUSTER_CACHE_TTL_MS'] = 'soon';
    try {
      await expect(async () => handler(httpEvent(admission(podCreate(optedInPod({ [tf('tflops-request')]: '1' })))), lambdaContext()))
        .rejects.toThrow(/admit-pod environment option CLUSTER_CACHE_TTL_MS must be/);
    } finally {
      if (saved === undefined) delete process.env['CLUSTER_CACHE_TTL_MS'];
      else process.env['CLUSTER_CACHE_TTL_MS'] = saved;
    }
  });
});
