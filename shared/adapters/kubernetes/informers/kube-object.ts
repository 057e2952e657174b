/** A Kubernetes object as the API server sent it: metadata as far as the agents read it, the rest untouched. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly resourceVersion?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** A collection to list and watch: its API path (`/api/v1/pods`, `/apis/apps/v1/namespaces/ml/deployments`) and selectors. */
export interface WatchedResource {
  readonly path: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** A change a watch reported. `BOOKMARK`s only move the resourceVersion and are not handed on. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
}

/** The selectors of `resource` as query parameters. */
export const selectorQuery = (resource: WatchedResource): Record<string, string | undefined> =>
  ({ labelSelector: resource.labelSelector, fieldSelector: resource.fieldSelector });

/** Whether `value` looks like an object with metadata. */
export const isKubeObject = (value: unknown): value is KubeObject =>
  typeof value === 'object' && value !== null && typeof (value as { metadata?: unknown }).metadata === 'object';
