import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../core/errors.ts';
import { backoffMs } from '../../../core/retry/backoff-ms.ts';
import type { KubeHttp } from './kube-http.ts';
import type { KubeObject, WatchEvent, WatchedResource } from './kube-object.ts';
import { listObjects } from './list-objects.ts';
import { isGone } from './status-error.ts';
import { watchObjects, type WatchEnd } from './watch-objects.ts';

/** What an informer hands on. Both are awaited, in order: a slow handler holds the watch (backpressure). */
export interface InformerHandler {
  /** Every object that exists now: after the start, after a 410 Gone, and after repeated watch failures. */
  listed(objects: readonly KubeObject[]): Promise<void>;
  /** One change, in the order the API server reported it. */
  changed(event: WatchEvent): Promise<void>;
}

/** Options of {@link createInformer}. */
export interface InformerOptions {
  readonly http: KubeHttp;
  readonly resource: WatchedResource;
  readonly handler: InformerHandler;
  /** Objects per list page (default 500). */
  readonly pageSize?: number;
  /** Server-side watch timeout (default 240 s): the watch is renewed from the last resourceVersion after it. */
  readonly watchTimeoutSeconds?: number;
  /** Backoff after a failure, doubling from `baseMs` to `maxMs` (default 200 ms to 10 s). */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  /** Consecutive watch failures after which the informer relists instead of re-watching (default 3). */
  readonly relistAfterFailures?: number;
  /**
   * Start by watching from this resourceVersion instead of listing (a version kept from an earlier run).
   * When the API server no longer has it (410 Gone) the informer lists, as after any 410.
   */
  readonly resumeFrom?: string;
  /** Told of every failure, for logs. */
  readonly onError?: (error: AppError) => void;
}

/** Counts an informer keeps, for `/metrics`. */
export interface InformerStats {
  readonly lists: number;
  /** Lists after the first: after a 410 Gone or repeated watch failures. */
  readonly relists: number;
  readonly watches: number;
  readonly failures: number;
  readonly resourceVersion: string | undefined;
}

/** A running list + watch loop. */
export interface Informer {
  /** Resolves once the first list has been handed to the handler (with `resumeFrom`: once a 410 made it list). */
  readonly synced: Promise<void>;
  stats(): InformerStats;
  /** Stop watching; resolves when the loop has ended (a handler call in progress finishes first). */
  stop(): Promise<void>;
}

interface LoopState {
  lists: number;
  watches: number;
  failures: number;
  /** Failures in a row (sets the backoff); reset by a watch that worked. */
  consecutive: number;
  /** Failures since the last list (sets when to relist). */
  sinceList: number;
  resourceVersion: string | undefined;
  needList: boolean;
  readonly markSynced: () => void;
}

/** A watch the server closes sooner than this, with no event, counts as a failure (no tight re-watch loop). */
const QUICK_CLOSE_MS = 1_000;

const asAppError = (error: unknown): AppError =>
  error instanceof AppError ? error : new AppError('DEPENDENCY_UNAVAILABLE', String(error), { cause: error });

async function listPhase(options: InformerOptions, state: LoopState, signal: AbortSignal): Promise<void> {
  const listing = await listObjects(options.http, options.resource, { pageSize: options.pageSize ?? 500, signal });
  await options.handler.listed(listing.items);
  state.resourceVersion = listing.resourceVersion;
  state.lists += 1;
  state.needList = false;
  state.sinceList = 0;
  state.markSynced();
}

async function watchPhase(options: InformerOptions, state: LoopState, signal: AbortSignal): Promise<WatchEnd> {
  state.watches += 1;
  return watchObjects(options.http, options.resource, {
    resourceVersion: state.resourceVersion ?? '0',
    timeoutSeconds: options.watchTimeoutSeconds ?? 240,
    signal,
    onEvent: async (event) => {
      await options.handler.changed(event);
      state.resourceVersion = event.object.metadata?.resourceVersion ?? state.resourceVersion;
    },
    onBookmark: (version) => { state.resourceVersion = version; },
  });
}

/** One turn of the loop; throws what should be backed off from. */
async function turn(options: InformerOptions, state: LoopState, signal: AbortSignal): Promise<void> {
  if (state.needList) await listPhase(options, state, signal);
  const startedAt = performance.now();
  const end = await watchPhase(options, state, signal);
  if (end.kind === 'gone') {
    state.needList = true;
    return;
  }
  if (end.kind === 'failed') throw end.error;
  const quick = performance.now() - startedAt < QUICK_CLOSE_MS;
  if (end.events === 0 && quick) throw new AppError('DEPENDENCY_UNAVAILABLE', `watch ${options.resource.path} closed at once without an event`);
  state.consecutive = 0;
  state.sinceList = 0;
}

async function backOff(options: InformerOptions, state: LoopState, input: { error: unknown; signal: AbortSignal }): Promise<void> {
  const error = asAppError(input.error);
  state.failures += 1;
  state.consecutive += 1;
  state.sinceList += 1;
  options.onError?.(error);
  if (isGone(error) || state.sinceList >= (options.relistAfterFailures ?? 3)) state.needList = true;
  await sleep(backoffMs(state.consecutive, options.backoff ?? { baseMs: 200, maxMs: 10_000 }), undefined, { signal: input.signal }).catch(() => undefined);
}

/**
 * List and watch `resource`, keeping the resourceVersion (from events and bookmarks) so a renewed watch
 * misses nothing: after a server-side timeout it re-watches from there; after 410 Gone (the version fell
 * out of the watch history) or repeated failures it lists again and hands the full list to `listed`,
 * from which the handler works out what changed, deletions included. Failures back off exponentially.
 */
export function createInformer(options: InformerOptions): Informer {
  const controller = new AbortController();
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => { markSynced = resolve; });
  const state: LoopState = { lists: 0, watches: 0, failures: 0, consecutive: 0, sinceList: 0, resourceVersion: options.resumeFrom, needList: options.resumeFrom === undefined, markSynced: () => markSynced() };
  const loop = (async () => {
    while (!controller.signal.aborted) {
      try {
        await turn(options, state, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) break;
        await backOff(options, state, { error, signal: controller.signal });
      }
    }
  })();
  return {
    synced,
    stats: () => ({ lists: state.lists, relists: Math.max(0, state.lists - 1), watches: state.watches, failures: state.failures, resourceVersion: state.resourceVersion }),
    async stop() {
      controller.abort();
      await loop;
    },
  };
}
