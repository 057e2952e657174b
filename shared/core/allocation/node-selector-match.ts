import type { NodeSelectorRequirement, NodeSelectorTerm } from '../../schemas/node-scheduling.ts';

/** The node as a node selector sees it: its name (the one field `matchFields` may name) and its labels. */
export interface SelectableNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A base-10 64-bit integer as Go's `strconv.ParseInt` reads it, or `undefined`. */
function integer(text: string | undefined): bigint | undefined {
  if (text === undefined || !/^[+-]?\d{1,19}$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= -(2n ** 63n) && value < 2n ** 63n ? value : undefined;
}

/** `Gt` / `Lt`: the label and the one value both integers, the label greater / less. */
function compares(label: string | undefined, requirement: NodeSelectorRequirement): boolean {
  const values = requirement.values ?? [];
  const [have, want] = [integer(label), values.length === 1 ? integer(values[0]) : undefined];
  if (have === undefined || want === undefined) return false;
  return requirement.operator === 'Gt' ? have > want : have < want;
}

/**
 * Whether one requirement holds on these key → value pairs, with the semantics of core/v1
 * NodeSelectorRequirement (https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#operators):
 * `NotIn` and `DoesNotExist` hold for a missing key, `Gt`/`Lt` compare integers and fail on anything else.
 */
export function matchesRequirement(pairs: Readonly<Record<string, string>>, requirement: NodeSelectorRequirement): boolean {
  const present = Object.hasOwn(pairs, requirement.key);
  const value = present ? pairs[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'In': return present && (requirement.values ?? []).includes(value as string);
    case 'NotIn': return !present || !(requirement.values ?? []).includes(value as string);
    case 'Exists': return present;
    case 'DoesNotExist': return !present;
    default: return compares(value, requirement);
  }
}

/**
 * Whether a term holds: every expression on the labels and every field on `metadata.name`. A term with
 * neither matches no node (core/v1: "a null or empty node selector term matches no objects").
 */
export function matchesTerm(node: SelectableNode, term: NodeSelectorTerm): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length + fields.length === 0) return false;
  const nodeFields = { 'metadata.name': node.name };
  return expressions.every((requirement) => matchesRequirement(node.labels, requirement))
    && fields.every((requirement) => matchesRequirement(nodeFields, requirement));
}

/** Whether any of the terms holds (required node affinity ORs its terms); no terms means no requirement. */
export function matchesAnyTerm(node: SelectableNode, terms: readonly NodeSelectorTerm[]): boolean {
  return terms.length === 0 || terms.some((term) => matchesTerm(node, term));
}

/** Whether the node carries every label of a pod's `nodeSelector` with the same value. */
export function matchesNodeSelector(labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value);
}
