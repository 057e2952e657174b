// The parts of core/v1 Pod and Node objects that say where a pod may run: the pod's nodeSelector, required
// node affinity and tolerations, the node's labels and taints (https://kubernetes.io/docs/concepts/scheduling-eviction/).
// kube-apiserver validated these objects already, so the schemas only give them types; unknown fields are dropped.
import { z } from 'zod';

const stringMap = z.record(z.string(), z.string({ error: 'be a string' }));

/** One `matchExpressions` / `matchFields` entry of a node selector term (core/v1 NodeSelectorRequirement). */
const nodeSelectorRequirementSchema = z.object({
  key: z.string({ error: 'be a label key' }),
  operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'], { error: 'be In, NotIn, Exists, DoesNotExist, Gt or Lt' }),
  values: z.array(z.string()).optional(),
});

/** One node selector term: its expressions and fields are AND'ed; the terms of a selector are OR'ed. */
const nodeSelectorTermSchema = z.object({
  matchExpressions: z.array(nodeSelectorRequirementSchema).optional(),
  matchFields: z.array(nodeSelectorRequirementSchema).optional(),
});

/** A pod's toleration (core/v1 Toleration); an empty effect matches every effect. */
const tolerationSchema = z.object({
  key: z.string().optional(),
  operator: z.enum(['Equal', 'Exists'], { error: 'be Equal or Exists' }).optional(),
  value: z.string().optional(),
  effect: z.string().optional(),
});

/** A node's taint (core/v1 Taint): effect NoSchedule, PreferNoSchedule or NoExecute. */
export const taintSchema = z.object({
  key: z.string({ error: 'be a taint key' }),
  value: z.string().optional(),
  effect: z.string({ error: 'be a taint effect' }),
});

/** What of a pod's spec limits the nodes it may run on. */
export const podNodeConstraintsSchema = z.object({
  nodeSelector: stringMap.optional(),
  affinity: z.object({
    nodeAffinity: z.object({
      requiredDuringSchedulingIgnoredDuringExecution: z.object({ nodeSelectorTerms: z.array(nodeSelectorTermSchema) }).optional(),
    }).optional(),
  }).optional(),
  tolerations: z.array(tolerationSchema).optional(),
});

/** What of a Node says which pods it takes: its labels and its taints. */
export const nodeSchedulingSchema = z.object({
  metadata: z.object({ labels: stringMap.optional() }),
  spec: z.object({ taints: z.array(taintSchema).optional() }).optional(),
});

/** A node selector requirement. */
export type NodeSelectorRequirement = z.output<typeof nodeSelectorRequirementSchema>;
/** A node selector term. */
export type NodeSelectorTerm = z.output<typeof nodeSelectorTermSchema>;
/** A toleration. */
export type Toleration = z.output<typeof tolerationSchema>;
/** A taint. */
export type NodeTaint = z.output<typeof taintSchema>;
