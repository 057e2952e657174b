// Mutating admission webhook for pods (ARCHITECTURE §6): an AdmissionReview in an HTTP event (API Gateway
// HTTP API payload 2.0 or a Lambda function URL; agents/admission-server serves the same handler over
// HTTPS) → the AdmissionReview answer with a JSON Patch. See README.md.
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createKubernetesCluster } from '../../shared/adapters/kubernetes/cluster.ts';
import type { ClusterAccess } from '../../shared/adapters/kubernetes/kube-config.ts';
import { admissionReviewSchema, type AdmissionReview } from '../../shared/core/admission/admission-review.ts';
import { httpErrorResponse } from '../../shared/middleware/http-error-response.ts';
import { httpJsonBody, httpJsonHandler } from '../../shared/middleware/http-json-body.ts';
import { jsonResponse } from '../../shared/middleware/http-response.ts';
import { admit, type AdmitDeps } from './admit.ts';
import { admissionReviewFor, renderAdmissionError } from './review.ts';

/** The admission handler wired to `deps`: parse and validate the review, decide (with its one write), answer. */
export function createAdmitPodHandler(deps: AdmitDeps) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(httpErrorResponse({ render: renderAdmissionError }))
    .use(httpJsonBody({ schema: admissionReviewSchema }))
    .handler(httpJsonHandler<AdmissionReview>(async (review) => {
      const decision = await admit(review.request, deps);
      return jsonResponse(200, admissionReviewFor(review.request.uid, decision));
    }));
}

/** `KUBECONFIG` (a file) when set, else the in-cluster service account. Nothing is read until the first request. */
export function clusterAccessFrom(env: Readonly<Record<string, string | undefined>>): ClusterAccess {
  const path = env['KUBECONFIG'];
  return path === undefined || path === '' ? { kind: 'in-cluster' } : { kind: 'kubeconfig-file', path };
}

const cacheTtlMs = Number(process.env['CLUSTER_CACHE_TTL_MS'] ?? '5000');

/** The Lambda entry point (`serverless.yml`: functions/admit-pod/handler.handler). */
export const handler = createAdmitPodHandler({
  cluster: createKubernetesCluster({ access: clusterAccessFrom(process.env), cacheTtlMs: Number.isFinite(cacheTtlMs) ? cacheTtlMs : 5000 }),
});
