import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the control plane's go.mod (Kubernetes) and etcd/go.mod (etcd). */
export const MODULE_DIR = dirname(fileURLToPath(import.meta.url));

/** The folder holding etcd's own go.mod and main package. */
export const ETCD_MODULE_DIR = join(MODULE_DIR, 'etcd');

/** The pinned versions, read from the go.mod files so that the pin lives in exactly one place. */
export interface PinnedVersions {
  /** Kubernetes release, e.g. `v1.35.4` (the `k8s.io/kubernetes` requirement). */
  readonly kubernetes: string;
  /** etcd release, e.g. `v3.6.16` (the `go.etcd.io/etcd/server/v3` requirement). */
  readonly etcd: string;
}

/** The version `goMod` requires of `module`; throws when go.mod does not require it directly. */
export function requiredVersion(goMod: string, module: string): string {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)\\s*(?://.*)?$`, 'm').exec(goMod);
  if (match?.[1] === undefined) throw new Error(`go.mod does not require ${module}`);
  return match[1];
}

/** Read the Kubernetes and etcd versions pinned in this folder's go.mod files. */
export async function pinnedVersions(): Promise<PinnedVersions> {
  const [kubernetesMod, etcdMod] = await Promise.all([
    readFile(join(MODULE_DIR, 'go.mod'), 'utf8'),
    readFile(join(ETCD_MODULE_DIR, 'go.mod'), 'utf8'),
  ]);
  return {
    kubernetes: requiredVersion(kubernetesMod, 'k8s.io/kubernetes'),
    etcd: requiredVersion(etcdMod, 'go.etcd.io/etcd/server/v3'),
  };
}
