import { z } from 'zod';

/** The AdmissionReview version the webhook speaks (`admissionReviewVersions: ["v1"]`). */
export const ADMISSION_REVIEW_API_VERSION = 'admission.k8s.io/v1';

const text = (rule: string) => z.string({ error: rule });

/**
 * `AdmissionReview.request` as far as the webhook reads it
 * (https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#request).
 * `object` is checked later, by the pod schema, so a bad pod is a denial that names its field rather
 * than an unreadable request.
 */
export const admissionRequestSchema = z.looseObject({
  uid: text('be the request uid').min(1, { error: 'be the request uid' }).max(128, { error: 'be at most 128 characters' }),
  kind: z.looseObject({ group: text('be an API group'), version: text('be an API version'), kind: text('be a kind') }),
  resource: z.looseObject({ group: text('be an API group'), version: text('be an API version'), resource: text('be a resource') }),
  subResource: z.string().optional(),
  operation: z.enum(['CREATE', 'UPDATE', 'DELETE', 'CONNECT'], { error: 'be CREATE, UPDATE, DELETE or CONNECT' }),
  namespace: z.string().optional(),
  name: z.string().optional(),
  // Parsed from JSON text, so JSON by construction: not walked again here (admission is on the hot path).
  object: z.record(z.string(), z.unknown(), { error: 'be an object' }).nullable().optional(),
  dryRun: z.boolean().optional(),
});

/** An AdmissionReview sent by the API server to the webhook. */
export const admissionReviewSchema = z.looseObject({
  apiVersion: z.literal(ADMISSION_REVIEW_API_VERSION, { error: `be ${ADMISSION_REVIEW_API_VERSION}` }),
  kind: z.literal('AdmissionReview', { error: 'be AdmissionReview' }),
  request: admissionRequestSchema,
});

/** A validated admission request. */
export type AdmissionRequest = z.output<typeof admissionRequestSchema>;
/** A validated AdmissionReview. */
export type AdmissionReview = z.output<typeof admissionReviewSchema>;
