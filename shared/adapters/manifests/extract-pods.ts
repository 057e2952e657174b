import { invalidInput, type Issue } from '../../core/model/issue.ts';
import { formatZodIssues } from '../../schemas/format-issues.ts';
import { gpuPoolSchema, type GpuPool } from '../../schemas/gpu-pool.ts';
import type { Pod } from '../../schemas/pod.ts';
import { workloadProfileSchema, type WorkloadProfile } from '../../schemas/workload-profile.ts';
import { hasPodTemplate, kindOf, nameOf, objectAt, placeIn, podTemplateOf } from './pod-template.ts';
import type { ManifestDocument } from './read-manifests.ts';

/** A pod or pod template to resolve, or the reasons it could not be read. */
export type PodEntry =
  | { readonly source: string; readonly ok: true; readonly pod: Pod }
  | { readonly source: string; readonly ok: false; readonly issues: readonly Issue[] };

/** What the manifests hold: pods to resolve, the profiles and pools to resolve them against, and problems. */
export interface ExtractedManifests {
  readonly pods: readonly PodEntry[];
  readonly profiles: readonly WorkloadProfile[];
  readonly pools: readonly GpuPool[];
  /** WorkloadProfile and GPUPool documents that break their schema, each field named. */
  readonly issues: readonly Issue[];
  /** Documents skipped because their kind holds no pod template (a Service, a ConfigMap). */
  readonly notes: readonly string[];
}

interface Collected {
  pods: PodEntry[];
  profiles: WorkloadProfile[];
  pools: GpuPool[];
  issues: Issue[];
  notes: string[];
}

/** `file#Kind/name`, or the document's position when it has no name. */
function sourceOf(document: ManifestDocument, kind: string, name: string | undefined): string {
  return `${document.file}#${kind}/${name ?? `(document ${document.index + 1})`}`;
}

function collectProfile(content: unknown, out: Collected): void {
  const parsed = workloadProfileSchema.safeParse(content, { reportInput: true });
  if (parsed.success) out.profiles.push(parsed.data);
  else out.issues.push(...formatZodIssues(parsed.error.issues, placeIn(`WorkloadProfile ${nameOf(content) ?? '?'}`)));
}

function collectPool(content: unknown, out: Collected): void {
  const parsed = gpuPoolSchema.safeParse(content, { reportInput: true });
  if (parsed.success) out.pools.push(parsed.data);
  else out.issues.push(...formatZodIssues(parsed.error.issues, placeIn(`GPUPool ${nameOf(content) ?? '?'}`)));
}

function collect(document: ManifestDocument, content: unknown, out: Collected): void {
  const kind = kindOf(content);
  if (kind === 'List') {
    const items = objectAt(content, ['items']);
    for (const item of Array.isArray(items) ? (items as unknown[]) : []) collect(document, item, out);
    return;
  }
  if (kind === 'WorkloadProfile') return collectProfile(content, out);
  if (kind === 'GPUPool') return collectPool(content, out);
  if (kind === undefined || !hasPodTemplate(kind)) {
    out.notes.push(`${sourceOf(document, kind ?? '?', nameOf(content))} skipped: ${kind === undefined ? 'it has no kind' : `a ${kind} holds no pod template`}`);
    return;
  }
  const template = podTemplateOf(content, kind);
  const source = sourceOf(document, kind, nameOf(content));
  out.pods.push(template.ok ? { source, ok: true, pod: template.pod } : { source, ok: false, issues: template.issues });
}

/**
 * The pod templates in parsed manifests, with the WorkloadProfiles and GPUPools found alongside them.
 * A Pod is taken as is; a Deployment, StatefulSet, ReplicaSet, DaemonSet or Job gives `spec.template`
 * and a CronJob `spec.jobTemplate.spec.template`, named after the workload and in its namespace; a
 * `List` is opened. Other kinds are skipped with a note. Pure: it reads only its argument.
 */
export function extractPods(documents: readonly ManifestDocument[]): ExtractedManifests {
  const out: Collected = { pods: [], profiles: [], pools: [], issues: [], notes: [] };
  for (const document of documents) {
    if (typeof document.content !== 'object' || document.content === null || Array.isArray(document.content)) {
      out.issues.push(invalidInput(`${document.file} document ${document.index + 1}`, 'be a Kubernetes object with a kind', document.content));
      continue;
    }
    collect(document, document.content, out);
  }
  return out;
}
