import { builtinModels } from './builtin-models.ts';
import type { GpuModelSpec } from './gpu-model.ts';
import { freezeGpuModel } from './gpu-model.ts';

/** The set of GPU models the control plane knows, looked up by any of their names. */
export interface GpuCatalogue {
  /**
   * The model a name means: its id, an NVML device name, a trace name or a family name, ignoring case
   * and a vendor prefix (`NVIDIA `, `Tesla `, `AMD `). `undefined` when no model has that name.
   */
  lookup(name: string): GpuModelSpec | undefined;
  /**
   * Every model once, in the order given, each at the place of its last spec (an override moves to
   * where it was given). Building a catalogue from this list gives the same lookups.
   */
  models(): readonly GpuModelSpec[];
}

const VENDOR_PREFIX = /^(?:(?:nvidia|tesla|amd)\s+)+/;

/**
 * The form every name is compared in: trimmed, lower case, vendor prefixes removed. TensorFusion's
 * hypervisor matches the catalogue case-insensitively and also tries the name without its vendor
 * prefix (`pkg/hypervisor/backend/kubernetes/api_client.go:matchFp16TFlops`, reference §6.2), so
 * `Tesla T4`, `NVIDIA T4` and `t4` are the same name.
 */
export function normalizeGpuName(name: string): string {
  return name.trim().toLowerCase().replace(VENDOR_PREFIX, '');
}

/**
 * Build a catalogue from specs. A later spec with the same `model` id replaces the earlier one entirely
 * (aliases included), so configuration listed after the built-ins overrides them. A model id always
 * wins over another model's alias; between aliases, the spec given later wins. The index is built once, so
 * each lookup is one map read.
 */
export function createGpuCatalogue(specs: readonly GpuModelSpec[]): GpuCatalogue {
  const frozen = specs.map(freezeGpuModel);
  const byId = new Map<string, GpuModelSpec>();
  for (const spec of frozen) byId.set(spec.model, spec);
  const list = Object.freeze(frozen.filter((spec) => byId.get(spec.model) === spec));
  const index = new Map<string, GpuModelSpec>();
  for (const spec of list) {
    for (const alias of spec.aliases) index.set(normalizeGpuName(alias), spec);
  }
  for (const spec of list) index.set(normalizeGpuName(spec.model), spec);
  return Object.freeze({
    lookup: (name: string) => index.get(normalizeGpuName(name)),
    models: () => list,
  });
}

/** The catalogue of {@link builtinModels}, for callers with no catalogue configuration. */
export const builtinCatalogue: GpuCatalogue = createGpuCatalogue(builtinModels);
