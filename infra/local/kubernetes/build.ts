import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from '../cache.ts';
import { ETCD_MODULE_DIR, MODULE_DIR, pinnedVersions } from './go-module.ts';

/** The control-plane binaries, by file name, and the Go package each is built from. */
export const KUBERNETES_PACKAGES = {
  'kube-apiserver': 'k8s.io/kubernetes/cmd/kube-apiserver',
  'kube-controller-manager': 'k8s.io/kubernetes/cmd/kube-controller-manager',
  'kube-scheduler': 'k8s.io/kubernetes/cmd/kube-scheduler',
} as const;

/** Every binary `ensureKubernetesBinaries` provides. */
export const BINARIES = [...Object.keys(KUBERNETES_PACKAGES), 'etcd'] as const;

/** Where the binaries are, which Kubernetes version they are, and how long building them took (0 when cached). */
export interface KubernetesBinaries {
  readonly dir: string;
  /** Kubernetes version, e.g. `v1.35.4`. */
  readonly version: string;
  /** etcd version, e.g. `v3.6.16`. */
  readonly etcdVersion: string;
  readonly builtMs: number;
}

/**
 * Make sure kube-apiserver, kube-controller-manager, kube-scheduler and etcd exist in
 * `cacheDir('kubernetes', '<k8s>-etcd<etcd>')/bin`, building them from the Go module proxy when
 * they do not. Warm runs return at once. A cold run (empty Go caches) took 4-7 min on 2 cores; the Go module and
 * build caches stay in Go's default places, so a version bump rebuilds only what changed.
 */
export async function ensureKubernetesBinaries(): Promise<KubernetesBinaries> {
  const versions = await pinnedVersions();
  const dir = join(cacheDir('kubernetes', `${versions.kubernetes}-etcd${versions.etcd}`), 'bin');
  const result = { dir, version: versions.kubernetes, etcdVersion: versions.etcd };
  if (BINARIES.every((name) => existsSync(join(dir, name)))) return { ...result, builtMs: 0 };
  const startedAt = Date.now();
  await mkdir(dir, { recursive: true });
  // Build into a scratch folder and move each binary in when done, so an interrupted or
  // concurrent build never leaves a half-written binary that a warm run would trust.
  const scratch = await mkdtemp(join(dir, '.build-'));
  try {
    await goBuild({ cwd: MODULE_DIR, out: `${scratch}/`, packages: Object.values(KUBERNETES_PACKAGES), ldflags: versionLdflags(versions.kubernetes) });
    await goBuild({ cwd: ETCD_MODULE_DIR, out: join(scratch, 'etcd'), packages: ['.'], ldflags: [] });
    for (const name of BINARIES) await rename(join(scratch, name), join(dir, name));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { ...result, builtMs: Date.now() - startedAt };
}

/**
 * The `-X` flags that stamp the version into the binaries, as Kubernetes' hack/lib/version.sh does;
 * without them the servers report `v0.0.0-master` and clients warn about skew.
 */
export function versionLdflags(version: string): string[] {
  const [major, minor] = version.replace(/^v/, '').split('.');
  const values = { gitVersion: version, gitMajor: major ?? '', gitMinor: minor ?? '', gitTreeState: 'clean' };
  return ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'].flatMap((pkg) =>
    Object.entries(values).map(([key, value]) => `-X ${pkg}.${key}=${value}`));
}

/**
 * `go build -trimpath -ldflags='-s -w …'` with module downloads allowed and one job per core. Go's
 * output goes straight to stderr, so a cold build shows its downloads and any compile error.
 */
async function goBuild(options: { cwd: string; out: string; packages: readonly string[]; ldflags: readonly string[] }): Promise<void> {
  const args = ['build', '-p', String(availableParallelism()), '-trimpath',
    `-ldflags=${['-s', '-w', ...options.ldflags].join(' ')}`, '-o', options.out, ...options.packages];
  console.log(`[kubernetes] go ${args.join(' ')} (in ${options.cwd})`);
  const child = spawn('go', args, { cwd: options.cwd, env: { ...process.env, GOFLAGS: '-mod=mod' }, stdio: ['ignore', 'inherit', 'inherit'] });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`go build in ${options.cwd} failed (${signal ?? `exit ${code}`}); its output is above`);
}
