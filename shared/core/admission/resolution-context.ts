import type { GpuPool } from '../../schemas/gpu-pool.ts';
import type { ParsedAnnotations } from '../../schemas/annotations.ts';
import type { Pod } from '../../schemas/pod.ts';
import type { WorkloadProfile } from '../../schemas/workload-profile.ts';
import type { GpuCatalogue } from '../catalogue/gpu-catalogue.ts';
import type { Issue } from '../model/issue.ts';
import type { Origin } from '../model/workload-spec.ts';

/**
 * What one resolution reads and collects. Built fresh per call, so no state outlives a call; the
 * `issues`, `warnings` and `origins` collections are filled by the resolve steps.
 */
export interface ResolutionContext {
  readonly pod: Pod;
  readonly raw: Readonly<Record<string, string>>;
  readonly parsed: ParsedAnnotations;
  /** Annotation keys whose value failed its schema: present, but unusable. */
  readonly failedKeys: ReadonlySet<string>;
  readonly profile: WorkloadProfile | undefined;
  readonly pool: GpuPool | undefined;
  readonly catalogue: GpuCatalogue;
  readonly issues: Issue[];
  readonly warnings: Issue[];
  readonly origins: Record<string, Origin>;
}

/** The user's name for a field of the profile in use: `WorkloadProfile default-profile spec.gpuCount`. */
export function profileField(context: ResolutionContext, path: string): string {
  return `WorkloadProfile ${context.profile?.metadata.name ?? '?'} spec.${path}`;
}

/** A value together with where it came from and the user's name for that place. */
export interface Sourced<T> {
  readonly value: T;
  readonly origin: Origin;
  readonly field: string;
}

/** The first defined value among the candidates, in precedence order. */
export function firstOf<T>(...candidates: readonly (Sourced<T | undefined> | undefined)[]): Sourced<T> | undefined {
  for (const candidate of candidates) {
    if (candidate !== undefined && candidate.value !== undefined) return candidate as Sourced<T>;
  }
  return undefined;
}
