import { extendCatalogue, parseCatalogueConfig } from '../../shared/core/catalogue/catalogue-config.ts';
import { builtinCatalogue, type GpuCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import { invalidInput, type Issue } from '../../shared/core/model/issue.ts';
import { extractPods, type PodEntry } from '../../shared/adapters/manifests/extract-pods.ts';
import { kindOf } from '../../shared/adapters/manifests/pod-template.ts';
import { readManifests, type ManifestDocument, type ManifestsResult } from '../../shared/adapters/manifests/read-manifests.ts';
import type { GpuPool } from '../../shared/schemas/gpu-pool.ts';
import type { WorkloadProfile } from '../../shared/schemas/workload-profile.ts';
import type { ResolveOptions } from './args.ts';

/** Everything `resolve` works on, read and checked. */
export interface Inputs {
  readonly pods: readonly PodEntry[];
  readonly profiles: readonly WorkloadProfile[];
  /** `undefined` when no pool was given at all: an offline check, no pool lookup. */
  readonly pools: readonly GpuPool[] | undefined;
  readonly catalogue: GpuCatalogue;
  /** WorkloadProfile and GPUPool documents that break their schema. */
  readonly issues: readonly Issue[];
  /** Documents skipped, such as a Service. */
  readonly notes: readonly string[];
}

/** The inputs, or why they could not be read at all (a missing file, bad YAML, a bad catalogue): a usage error. */
export type LoadResult = { readonly ok: true; readonly inputs: Inputs } | { readonly ok: false; readonly issues: readonly Issue[] };

type Documents = readonly ManifestDocument[];

/** Issues for documents in a `--profile` or `--pool` file that are not of the kind the flag is for. */
function onlyKind(documents: Documents, kind: string, flag: string): Issue[] {
  return documents
    .filter((document) => kindOf(document.content) !== kind)
    .map((document) => invalidInput(`${flag} ${document.file} document ${document.index + 1}`, `be a ${kind}`, kindOf(document.content)));
}

async function loadCatalogue(file: string | undefined): Promise<{ ok: true; catalogue: GpuCatalogue } | { ok: false; issues: readonly Issue[] }> {
  if (file === undefined) return { ok: true, catalogue: builtinCatalogue };
  const read = await readManifests([file]);
  if (!read.ok) return read;
  const [document, ...more] = read.documents;
  if (document === undefined || more.length > 0) {
    return { ok: false, issues: [invalidInput(`--catalogue ${file}`, 'hold exactly one document ({ models: [...] })', read.documents.length)] };
  }
  const config = parseCatalogueConfig(document.content);
  if (!config.ok) return { ok: false, issues: config.issues.map((found) => ({ ...found, field: `${file} ${found.field}` })) };
  return { ok: true, catalogue: extendCatalogue(builtinCatalogue, config.models) };
}

const documentsOf = (result: ManifestsResult): Documents => (result.ok ? result.documents : []);
const issuesOf = (result: { ok: boolean; issues?: readonly Issue[] }): readonly Issue[] => result.issues ?? [];

/**
 * Read the manifests (`-f`), profiles (`--profile`), pools (`--pool`) and catalogue (`--catalogue`).
 * Profiles and pools are taken from the `-f` files as well. Problems that stop any resolution are
 * all reported together.
 */
export async function loadInputs(options: ResolveOptions): Promise<LoadResult> {
  const [manifests, profileFiles, poolFiles, catalogue] = await Promise.all([
    readManifests(options.files), readManifests(options.profiles), readManifests(options.pools), loadCatalogue(options.catalogue),
  ]);
  const blocking = [
    ...issuesOf(manifests), ...issuesOf(profileFiles), ...issuesOf(poolFiles), ...issuesOf(catalogue),
    ...onlyKind(documentsOf(profileFiles), 'WorkloadProfile', '--profile'), ...onlyKind(documentsOf(poolFiles), 'GPUPool', '--pool'),
  ];
  if (blocking.length > 0 || !catalogue.ok) return { ok: false, issues: blocking };
  const main = extractPods(documentsOf(manifests));
  const extra = extractPods([...documentsOf(profileFiles), ...documentsOf(poolFiles)]);
  const pools = [...extra.pools, ...main.pools];
  return {
    ok: true,
    inputs: {
      pods: main.pods,
      profiles: [...extra.profiles, ...main.profiles],
      pools: options.pools.length === 0 && pools.length === 0 ? undefined : pools,
      catalogue: catalogue.catalogue,
      issues: [...extra.issues, ...main.issues],
      notes: main.notes,
    },
  };
}
