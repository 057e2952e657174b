import type { IncomingMessage } from 'node:http';
import { AppError } from '../../../core/errors.ts';
import type { KubeHttp } from './kube-http.ts';
import { isKubeObject, selectorQuery, type WatchEvent, type WatchedResource } from './kube-object.ts';
import { GONE, statusError, statusOf } from './status-error.ts';

/** How a watch ended: the server closed it (its timeout), the resourceVersion is gone (relist), or it failed. */
export type WatchEnd =
  | { readonly kind: 'closed'; readonly events: number }
  | { readonly kind: 'gone'; readonly events: number }
  | { readonly kind: 'failed'; readonly events: number; readonly error: AppError };

/** Options of {@link watchObjects}. */
export interface WatchOptions {
  readonly resourceVersion: string;
  /** Ask the server to end the watch after this long (it then closes cleanly and the informer re-watches). */
  readonly timeoutSeconds: number;
  readonly signal: AbortSignal;
  /** Called with each event in order; the stream is not read further until it resolves (backpressure). */
  readonly onEvent: (event: WatchEvent) => Promise<void>;
  /** Called with the resourceVersion of a BOOKMARK. */
  readonly onBookmark: (resourceVersion: string) => void;
}

/** How a watch ended, before the event count is added. */
type Ending = { readonly kind: 'closed' } | { readonly kind: 'gone' } | { readonly kind: 'failed'; readonly error: AppError };

async function handleLine(line: string, options: WatchOptions): Promise<Ending | undefined> {
  let parsed: { type?: unknown; object?: unknown };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch (error) {
    return { kind: 'failed', error: new AppError('DEPENDENCY_UNAVAILABLE', 'watch: a line is not JSON', { cause: error }) };
  }
  const { type, object } = parsed;
  if (type === 'ERROR') {
    const status = statusOf(object);
    return status.code === GONE ? { kind: 'gone' } : { kind: 'failed', error: statusError('watch', status.code ?? 0, object) };
  }
  if (!isKubeObject(object)) return undefined;
  if (type === 'BOOKMARK') {
    const version = object.metadata?.resourceVersion;
    if (version !== undefined) options.onBookmark(version);
  } else if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
    await options.onEvent({ type, object });
  }
  return undefined;
}

async function readEvents(response: IncomingMessage, options: WatchOptions): Promise<Ending> {
  let pending = '';
  for await (const chunk of response) {
    pending += (chunk as Buffer).toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      const ending = line === '' ? undefined : await handleLine(line, options);
      if (ending !== undefined) return ending;
    }
  }
  return { kind: 'closed' };
}

/**
 * Watch `resource` from `resourceVersion` with bookmarks, handing each event to `onEvent` and waiting for
 * it before reading on, so a slow consumer slows the stream instead of filling memory. Never throws: an
 * HTTP error, a 410 (as a status or an ERROR event) or a broken stream is the returned {@link WatchEnd}.
 */
export async function watchObjects(http: KubeHttp, resource: WatchedResource, options: WatchOptions): Promise<WatchEnd> {
  let events = 0;
  const counting: WatchOptions = { ...options, onEvent: async (event) => { await options.onEvent(event); events += 1; } };
  try {
    const response = await http.open(resource.path, {
      ...selectorQuery(resource), watch: true, allowWatchBookmarks: true, resourceVersion: options.resourceVersion, timeoutSeconds: options.timeoutSeconds,
    }, options.signal);
    const status = response.statusCode ?? 0;
    if (status === GONE) return { kind: 'gone', events };
    if (status !== 200) return { kind: 'failed', events, error: statusError(`watch ${resource.path}`, status, await readAll(response)) };
    return { ...(await readEvents(response, counting)), events };
  } catch (error) {
    const wrapped = error instanceof AppError ? error : new AppError('DEPENDENCY_UNAVAILABLE', `watch ${resource.path}: ${String(error)}`, { cause: error });
    return { kind: 'failed', events, error: wrapped };
  }
}

async function readAll(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) text += (chunk as Buffer).toString('utf8');
  return text;
}
