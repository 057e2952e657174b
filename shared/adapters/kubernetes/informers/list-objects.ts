import { AppError } from '../../../core/errors.ts';
import type { KubeHttp } from './kube-http.ts';
import { isKubeObject, selectorQuery, type KubeObject, type WatchedResource } from './kube-object.ts';

/** A consistent list: every object at `resourceVersion`, where a watch picks up. */
export interface Listing {
  readonly resourceVersion: string;
  readonly items: KubeObject[];
}

interface ListPage {
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
  readonly items?: unknown;
  readonly kind?: string;
  readonly apiVersion?: string;
}

/** Items of a list carry no kind; give each its kind (`PodList` → `Pod`) and the list's apiVersion, as a watch would. */
function withKind(page: ListPage, item: KubeObject): KubeObject {
  const kind = page.kind?.replace(/List$/, '');
  return { ...(kind === undefined ? {} : { kind }), ...(page.apiVersion === undefined ? {} : { apiVersion: page.apiVersion }), ...item };
}

/**
 * List `resource` page by page (`limit` / `continue`, so a large cluster is not read in one response);
 * all pages belong to the snapshot of the first, and its resourceVersion is where the watch starts.
 */
export async function listObjects(http: KubeHttp, resource: WatchedResource, options: { readonly pageSize: number; readonly signal: AbortSignal }): Promise<Listing> {
  const items: KubeObject[] = [];
  let resourceVersion: string | undefined;
  let token: string | undefined;
  do {
    const page = (await http.getJson(resource.path, { ...selectorQuery(resource), limit: options.pageSize, continue: token }, options.signal)) as ListPage;
    if (!Array.isArray(page.items)) throw new AppError('DEPENDENCY_UNAVAILABLE', `GET ${resource.path}: the answer is not a list`, { details: { path: resource.path } });
    resourceVersion ??= page.metadata?.resourceVersion;
    items.push(...page.items.filter(isKubeObject).map((item) => withKind(page, item)));
    token = page.metadata?.continue === '' ? undefined : page.metadata?.continue;
  } while (token !== undefined);
  if (resourceVersion === undefined) throw new AppError('DEPENDENCY_UNAVAILABLE', `GET ${resource.path}: the list has no resourceVersion`, { details: { path: resource.path } });
  return { resourceVersion, items };
}
