import { createHash } from 'node:crypto';
import type { KubeObject } from '../../shared/adapters/kubernetes/informers/kube-object.ts';
import type { KindName } from './watched-kinds.ts';

/** What the agent last handed on for one object (by kind and uid). */
export interface KnownObject {
  readonly kindName: KindName;
  /** The resourceVersion and content hash published; both `undefined` when it is not known to have reached Kafka. */
  readonly resourceVersion: string | undefined;
  readonly hash: string | undefined;
  /** The object as last published, so a delete found on a relist can carry its last known state. */
  readonly object: KubeObject;
  readonly deleted: boolean;
}

/** The key of an object in the state map, the outbox and the journal: `<kind>/<uid>`. */
export const objectKey = (kindName: KindName, object: KubeObject): string => `${kindName}/${object.metadata?.uid ?? `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`}`;

/**
 * A hash of the object's content, `resourceVersion` and `managedFields` left out: two versions with equal
 * content (a no-op update, a restore) are the same to consumers and are not sent twice.
 */
export function contentHash(object: KubeObject): string {
  const metadata: Record<string, unknown> = { ...object.metadata };
  delete metadata['resourceVersion'];
  delete metadata['managedFields'];
  return createHash('sha1').update(JSON.stringify({ ...object, metadata })).digest('base64url');
}

/** Whether an upsert of `object` (with `hash`) is news compared with `known`: a new object, a new version, or new content. */
export function isNews(known: KnownObject | undefined, object: KubeObject, hash: string): boolean {
  if (known === undefined || known.deleted) return true;
  return known.resourceVersion !== object.metadata?.resourceVersion && known.hash !== hash;
}

/**
 * The known objects of kind `kindName` that a full list no longer holds: deleted while the watch was away
 * (or the agent was down). Each becomes a delete carrying its last known state.
 */
export function missingFromList(known: ReadonlyMap<string, KnownObject>, kindName: KindName, listedKeys: ReadonlySet<string>): [string, KnownObject][] {
  return [...known].filter(([key, entry]) => entry.kindName === kindName && !entry.deleted && !listedKeys.has(key));
}
