import { describe, expect, it } from 'vitest';
import { podCreate, reviewOf } from '../../../test/fixtures/admission/reviews.ts';
import { admissionReviewSchema } from './admission-review.ts';

describe('Schema: AdmissionReview', () => {
  it('accepts a pod CREATE review and keeps fields it does not read', () => {
    const review = { ...reviewOf(podCreate({ metadata: { name: 'p' } })), extra: true };
    expect(admissionReviewSchema.parse(review)).toEqual(review);
  });

  it.each([
    { name: 'another API version', review: { ...reviewOf(podCreate({})), apiVersion: 'admission.k8s.io/v1beta1' }, path: ['apiVersion'], message: 'be admission.k8s.io/v1' },
    { name: 'another kind', review: { ...reviewOf(podCreate({})), kind: 'Pod' }, path: ['kind'], message: 'be AdmissionReview' },
    { name: 'an empty request uid', review: reviewOf({ ...podCreate({}), uid: '' }), path: ['request', 'uid'], message: 'be the request uid' },
    { name: 'an unknown operation', review: reviewOf({ ...podCreate({}), operation: 'PATCH' as never }), path: ['request', 'operation'], message: 'be CREATE, UPDATE, DELETE or CONNECT' },
    { name: 'an object that is not an object', review: reviewOf({ ...podCreate({}), object: 'pod' as never }), path: ['request', 'object'], message: 'be an object' },
  ])('rejects $name', ({ review, path, message }) => {
    const parsed = admissionReviewSchema.safeParse(review);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path, message });
  });
});
