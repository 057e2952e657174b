import type { EventMessage } from '../../shared/adapters/kafka/event-message.ts';
import type { InformerHandler } from '../../shared/adapters/kubernetes/informers/informer.ts';
import type { KubeObject } from '../../shared/adapters/kubernetes/informers/kube-object.ts';
import { AppError } from '../../shared/core/errors.ts';
import { encodeChange, publishedObject, type Stamp } from './encode-event.ts';
import { contentHash, isNews, missingFromList, objectKey, type KnownObject } from './known-objects.ts';
import type { Outbox } from './outbox.ts';
import type { WatchedKind } from './watched-kinds.ts';

/** An encoded change waiting in the outbox, with the state it publishes. */
export interface PendingChange {
  readonly state: KnownObject;
  readonly message: EventMessage;
}

/** Counts the tracker keeps. */
export interface TrackerCounts {
  /** Upserts not queued because the object was unchanged (same resourceVersion or content). */
  skipped: number;
  /** Deletes found by comparing a list with the known state. */
  deletesFromList: number;
  /** Objects the event contract refused (logged, never sent). */
  invalid: number;
}

/** Options of {@link createChangeTracker}. */
export interface TrackerOptions {
  /** The state last handed on, by `objectKey`: loaded from the journal at start. */
  readonly known: Map<string, KnownObject>;
  readonly outbox: Outbox<PendingChange>;
  readonly stamp: () => Stamp;
  readonly onInvalid: (error: AppError) => void;
}

/** Turns informer lists and events into outbox entries, once per change. */
export interface ChangeTracker {
  handlerFor(kind: WatchedKind): InformerHandler;
  readonly counts: Readonly<TrackerCounts>;
}

/** Queue an upsert or delete of `object` as the latest state of its key; false when the contract refused it. */
async function enqueue(options: TrackerOptions, change: { kind: WatchedKind; object: KubeObject; deleted: boolean; finalStateUnknown?: boolean; hash?: string }): Promise<boolean> {
  const { kind, object, deleted } = change;
  let message: EventMessage;
  try {
    message = encodeChange({ kind, object, deleted, ...(change.finalStateUnknown === true ? { finalStateUnknown: true } : {}) }, options.stamp());
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    options.onInvalid(error);
    return false;
  }
  const state: KnownObject = {
    kindName: kind.name, resourceVersion: object.metadata?.resourceVersion, hash: change.hash ?? contentHash(object), object: publishedObject(kind, object), deleted,
  };
  const key = objectKey(kind.name, object);
  options.known.set(key, state);
  await options.outbox.put(key, { state, message });
  return true;
}

/**
 * The change tracker: an upsert is queued only when the object is new or changed (so a relist does not
 * resend what consumers already have); a delete only for an object that was handed on; a full list
 * also yields deletes, with the last known state, for known objects it no longer holds.
 */
export function createChangeTracker(options: TrackerOptions): ChangeTracker {
  const counts: TrackerCounts = { skipped: 0, deletesFromList: 0, invalid: 0 };
  const tracked: TrackerOptions = { ...options, onInvalid: (error) => { counts.invalid += 1; options.onInvalid(error); } };
  const upsert = async (kind: WatchedKind, object: KubeObject): Promise<void> => {
    const hash = contentHash(object);
    if (isNews(options.known.get(objectKey(kind.name, object)), object, hash)) await enqueue(tracked, { kind, object, deleted: false, hash });
    else counts.skipped += 1;
  };
  const remove = async (kind: WatchedKind, object: KubeObject, finalStateUnknown: boolean): Promise<void> => {
    const known = options.known.get(objectKey(kind.name, object));
    if (known !== undefined && !known.deleted) await enqueue(tracked, { kind, object, deleted: true, finalStateUnknown });
  };
  return {
    counts,
    handlerFor: (kind) => ({
      async listed(objects) {
        const accepted = objects.filter((object) => kind.accepts(object));
        for (const object of accepted) await upsert(kind, object);
        const listedKeys = new Set(accepted.map((object) => objectKey(kind.name, object)));
        for (const [, known] of missingFromList(options.known, kind.name, listedKeys)) {
          counts.deletesFromList += 1;
          await remove(kind, known.object, true);
        }
      },
      async changed(event) {
        if (event.type === 'DELETED' || !kind.accepts(event.object)) await remove(kind, event.object, false);
        else await upsert(kind, event.object);
      },
    }),
  };
}
