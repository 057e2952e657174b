import { AppError, type ErrorCode } from '../../../core/errors.ts';

/** HTTP 410 Gone: the resourceVersion asked for is older than the API server's watch history. */
export const GONE = 410;

/** The `reason` and `message` of a Kubernetes `Status` body, where the body is one. */
export function statusOf(body: unknown): { reason?: string; message?: string; code?: number } {
  const parsed: unknown = typeof body === 'string' ? safeJson(body) : body;
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { reason, message, code } = parsed as Record<string, unknown>;
  return {
    ...(typeof reason === 'string' ? { reason } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof code === 'number' ? { code } : {}),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The AppError code of an HTTP status from the API server, as `translateKubernetesError` maps them (STYLE §4); 410 is a version conflict. */
export function codeOfStatus(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 409 || status === GONE) return 'VERSION_CONFLICT';
  if (status === 429) return 'THROTTLED';
  if (status === 400 || status === 422) return 'INVALID_INPUT';
  return status >= 500 || status === 0 ? 'DEPENDENCY_UNAVAILABLE' : 'INTERNAL';
}

/** The AppError for a non-2xx answer to `operation`, with the status and the Status body's reason in `details`. */
export function statusError(operation: string, status: number, body: unknown): AppError {
  const found = statusOf(body);
  const message = `${operation}: ${found.message ?? `HTTP ${status}`}`;
  return new AppError(codeOfStatus(status), message, { details: { operation, status, ...(found.reason === undefined ? {} : { reason: found.reason }) } });
}

/** Whether `error` says the resourceVersion is too old (HTTP 410, or a watch ERROR event with code 410): relist. */
export const isGone = (error: unknown): boolean => error instanceof AppError && error.details['status'] === GONE;
