// The CustomResourceDefinitions of vgpu-control, built from the zod schemas in shared/schemas (the one
// source of truth). Kinds, group and scopes follow TensorFusion (reference §3.1 and §3.4).
import type { z } from 'zod';
import { gpuPoolSpecSchema } from '../../shared/schemas/gpu-pool.ts';
import { workloadProfileSpecSchema } from '../../shared/schemas/workload-profile.ts';
import type { JsonSchema } from './to-structural-schema.ts';
import { toStructuralSchema } from './to-structural-schema.ts';

/** The API group of every TensorFusion resource. */
export const GROUP = 'tensor-fusion.ai';
/** The one served and stored version. */
export const VERSION = 'v1';

/** A column `kubectl get` shows. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
}

/** An `apiextensions.k8s.io/v1` CustomResourceDefinition, as much of it as we write. */
export interface CustomResourceDefinition {
  readonly apiVersion: 'apiextensions.k8s.io/v1';
  readonly kind: 'CustomResourceDefinition';
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly group: string;
    readonly names: {
      readonly kind: string; readonly listKind: string; readonly plural: string; readonly singular: string;
      readonly shortNames: readonly string[]; readonly categories: readonly string[];
    };
    readonly scope: 'Namespaced' | 'Cluster';
    readonly versions: readonly {
      readonly name: string; readonly served: boolean; readonly storage: boolean;
      readonly schema: { readonly openAPIV3Schema: JsonSchema };
      readonly subresources: { readonly status: Record<string, never> };
      readonly additionalPrinterColumns: readonly PrinterColumn[];
    }[];
  };
}

/** What differs between our CRDs. */
export interface CrdOptions {
  readonly kind: string;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  readonly description: string;
  readonly shortNames: readonly string[];
  readonly columns: readonly PrinterColumn[];
  readonly spec: z.ZodType;
}

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

/** The root schema: the converted spec, and a status the controllers own (kept as written). */
function rootSchema(options: CrdOptions): JsonSchema {
  return {
    description: options.description,
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: toStructuralSchema(options.spec),
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
}

/** A CRD in group `tensor-fusion.ai`, version `v1` served and stored, with a status subresource. */
export function customResourceDefinition(options: CrdOptions): CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${options.plural}.${GROUP}` },
    spec: {
      group: GROUP,
      names: {
        kind: options.kind,
        listKind: `${options.kind}List`,
        plural: options.plural,
        singular: options.kind.toLowerCase(),
        shortNames: options.shortNames,
        categories: ['tensor-fusion'],
      },
      scope: options.scope,
      versions: [{
        name: VERSION,
        served: true,
        storage: true,
        schema: { openAPIV3Schema: rootSchema(options) },
        subresources: { status: {} },
        additionalPrinterColumns: [...options.columns, AGE],
      }],
    },
  };
}

/** `WorkloadProfile`: a namespaced template of vGPU settings that pod annotations override. */
export const workloadProfileCrd = customResourceDefinition({
  kind: 'WorkloadProfile',
  plural: 'workloadprofiles',
  scope: 'Namespaced',
  description: 'A template of vGPU settings for workloads; pod annotations override each field.',
  shortNames: ['wp', 'wlp'],
  columns: [
    { name: 'QoS', type: 'string', jsonPath: '.spec.qos' },
    { name: 'Pool', type: 'string', jsonPath: '.spec.poolName' },
    { name: 'GPUs', type: 'integer', jsonPath: '.spec.gpuCount' },
    { name: 'Model', type: 'string', jsonPath: '.spec.gpuModel' },
    { name: 'Local', type: 'boolean', jsonPath: '.spec.isLocalGPU' },
  ],
  spec: workloadProfileSpecSchema,
});

/** `GPUPool`: a cluster-scoped pool of GPU nodes, with its defaults and placement strategy. */
export const gpuPoolCrd = customResourceDefinition({
  kind: 'GPUPool',
  plural: 'gpupools',
  scope: 'Cluster',
  description: 'A pool of GPU nodes: the defaults for pods placed in it and how GPUs are chosen.',
  shortNames: ['gpool'],
  columns: [
    { name: 'Default', type: 'boolean', jsonPath: '.spec.isDefault' },
    { name: 'Local', type: 'boolean', jsonPath: '.spec.defaultUsingLocalGPU' },
    { name: 'QoS', type: 'string', jsonPath: '.spec.qosConfig.defaultQoS' },
    { name: 'Placement', type: 'string', jsonPath: '.spec.placement.mode' },
  ],
  spec: gpuPoolSpecSchema,
});

/** Every CRD we generate, in file order. */
export const CRDS: readonly CustomResourceDefinition[] = [workloadProfileCrd, gpuPoolCrd];
