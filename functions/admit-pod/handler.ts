// Mutating admission webhook for pods (ARCHITECTURE §6): an AdmissionReview in an HTTP event (API Gateway
// HTTP API payload 2.0 or a Lambda function URL; agents/admission-server serves the same handler over
// HTTPS) → the AdmissionReview answer with a JSON Patch. See README.md.
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { admissionReviewSchema, type AdmissionReview } from '../../shared/core/admission/admission-review.ts';
import { httpErrorResponse } from '../../shared/middleware/http-error-response.ts';
import { httpJsonBody, httpJsonHandler } from '../../shared/middleware/http-json-body.ts';
import { jsonResponse } from '../../shared/middleware/http-response.ts';
import { lazyHandler } from '../../shared/middleware/lazy-handler.ts';
import { parseOptions } from '../../shared/middleware/parse-options.ts';
import { admit, type AdmitDeps } from './admit.ts';
import { admitDepsOf, admitEnvSchema } from './deps-from-env.ts';
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

/** The Lambda entry point (`serverless.yml`: functions/admit-pod/handler.handler), wired from the environment on its first request. */
export const handler = lazyHandler(() => createAdmitPodHandler(admitDepsOf(parseOptions('admit-pod environment', admitEnvSchema, process.env))));
