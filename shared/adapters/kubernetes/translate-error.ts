import * as k8s from '@kubernetes/client-node';
import { AppError } from '../../core/errors.ts';

/**
 * Kubernetes API errors as AppError codes (STYLE §4): 404 NOT_FOUND, 409 VERSION_CONFLICT,
 * 422/400 INVALID_INPUT, 403 QUOTA_EXCEEDED when the apiserver names a quota else INTERNAL,
 * 429 THROTTLED, 5xx and network failures DEPENDENCY_UNAVAILABLE. The cause is kept.
 */
export function translateKubernetesError(error: unknown, operation: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof k8s.ApiException) {
    const status = statusOf(error.body);
    const details = { operation, status: error.code, reason: status.reason, message: status.message };
    const message = `${operation}: ${status.message ?? `HTTP ${error.code}`}`;
    return new AppError(codeFor(error.code, status.message), message, { details, cause: error });
  }
  return new AppError('DEPENDENCY_UNAVAILABLE', `${operation}: ${error instanceof Error ? error.message : String(error)}`, { details: { operation }, cause: error });
}

/**
 * `run`'s value, or `undefined` when the apiserver answers 404: for reads where "absent" is an
 * expected outcome (a pod that is gone, a profile never created). Other errors are translated as
 * {@link translateKubernetesError} does, naming `operation`.
 */
export async function orAbsent<T>(operation: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    const translated = translateKubernetesError(error, operation);
    if (translated.code === 'NOT_FOUND') return undefined;
    throw translated;
  }
}

function codeFor(status: number, message: string | undefined): AppError['code'] {
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'VERSION_CONFLICT';
  if (status === 429) return 'THROTTLED';
  if (status === 400 || status === 422) return 'INVALID_INPUT';
  if (status === 403) return message?.includes('quota') === true ? 'QUOTA_EXCEEDED' : 'INTERNAL';
  return status >= 500 ? 'DEPENDENCY_UNAVAILABLE' : 'INTERNAL';
}

function statusOf(body: unknown): { reason?: string; message?: string } {
  const parsed: unknown = typeof body === 'string' ? safeJson(body) : body;
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { reason, message } = parsed as { reason?: unknown; message?: unknown };
  return { ...(typeof reason === 'string' ? { reason } : {}), ...(typeof message === 'string' ? { message } : {}) };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
