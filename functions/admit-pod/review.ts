// The AdmissionReview answer (https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#response):
// the patch base64-encoded with patchType JSONPatch, warnings, and for a denial a status with the code's
// HTTP status and the readable message. Errors after the review was read are answered the same way.
import type { AdmissionDecision } from '../../shared/core/admission/admit-pod.ts';
import { ADMISSION_REVIEW_API_VERSION, type AdmissionReview } from '../../shared/core/admission/admission-review.ts';
import { ERROR_CODES, type AppError } from '../../shared/core/errors.ts';
import type { ErrorRenderer } from '../../shared/middleware/http-error-response.ts';
import { isParsedHttpEvent } from '../../shared/middleware/http-json-body.ts';
import { jsonResponse } from '../../shared/middleware/http-response.ts';

/** `AdmissionReview.response`. */
export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly patchType?: 'JSONPatch';
  readonly patch?: string;
  readonly warnings?: readonly string[];
  readonly status?: { readonly code: number; readonly reason?: string; readonly message: string };
}

/** The AdmissionReview the webhook answers with. */
export interface AdmissionReviewResponse {
  readonly apiVersion: typeof ADMISSION_REVIEW_API_VERSION;
  readonly kind: 'AdmissionReview';
  readonly response: AdmissionResponse;
}

/** Kubernetes shows at most a few warnings usefully; more are cut (the API server truncates long ones anyway). */
const MAX_WARNINGS = 20;

const review = (response: AdmissionResponse): AdmissionReviewResponse => ({ apiVersion: ADMISSION_REVIEW_API_VERSION, kind: 'AdmissionReview', response });
const warningsOf = (warnings: readonly string[]) => (warnings.length === 0 ? {} : { warnings: warnings.slice(0, MAX_WARNINGS) });

/** The answer for a decision: allowed with the patch (none when empty), or denied with its code's status. */
export function admissionReviewFor(uid: string, decision: AdmissionDecision): AdmissionReviewResponse {
  if (decision.verdict === 'deny') {
    return review({ uid, allowed: false, status: { code: ERROR_CODES[decision.code].status, reason: decision.code, message: decision.message }, ...warningsOf(decision.warnings) });
  }
  const patch = decision.patch.length === 0 ? {} : { patchType: 'JSONPatch' as const, patch: Buffer.from(JSON.stringify(decision.patch)).toString('base64') };
  return review({ uid, allowed: true, ...patch, ...warningsOf(decision.warnings) });
}

/**
 * The answer for an error, by the error table's admission verdict: `deny` and `retry` refuse the pod
 * with the code's HTTP status (a 409, 429 or 503 tells the client to try again), `allow` lets it through.
 */
export function admissionReviewForError(uid: string, error: AppError): AdmissionReviewResponse {
  if (ERROR_CODES[error.code].admission === 'allow') return review({ uid, allowed: true, warnings: [error.message] });
  return review({ uid, allowed: false, status: { code: error.status, reason: error.code, message: error.message } });
}

/** For `httpErrorResponse`: once the review was read, errors are AdmissionReview answers (HTTP 200); before, plain HTTP errors. */
export const renderAdmissionError: ErrorRenderer = (error, event) => {
  if (!isParsedHttpEvent(event)) return undefined;
  return jsonResponse(200, admissionReviewForError((event.body as AdmissionReview).request.uid, error));
};
