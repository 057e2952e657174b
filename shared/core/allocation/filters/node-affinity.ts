import type { AllocationRequest } from '../allocation-request.ts';
import type { NodeFilter } from '../allocation-filter.ts';
import { matchesAnyTerm, matchesNodeSelector } from '../node-selector-match.ts';

/** Whether the request limits its nodes at all. */
const constrained = (request: AllocationRequest): boolean =>
  Object.keys(request.nodeSelector).length > 0 || request.requiredNodeAffinity.length > 0;

function describe(request: AllocationRequest): string {
  const parts: string[] = [];
  const selector = Object.entries(request.nodeSelector).map(([key, value]) => `${key}=${value}`);
  if (selector.length > 0) parts.push(`the nodeSelector ${selector.join(', ')}`);
  const terms = request.requiredNodeAffinity.length;
  if (terms > 0) parts.push(`the required node affinity (${terms} term${terms === 1 ? '' : 's'})`);
  return parts.join(' and ');
}

/**
 * Only nodes kube-scheduler's NodeAffinity plugin would accept for the pod: every `nodeSelector` label
 * equal, and one of the required node affinity terms matching (core/v1 semantics, `node-selector-match.ts`).
 * We book before kube-scheduler runs, so a node it would refuse must not be booked. A node whose labels
 * are not recorded yet takes only pods that ask for no labels.
 */
export const nodeAffinity: NodeFilter = {
  name: 'node-affinity',
  scope: 'node',
  keepNode: (node, { request }) => {
    if (!constrained(request)) return true;
    if (node.labels === undefined) return false;
    return matchesNodeSelector(node.labels, request.nodeSelector) && matchesAnyTerm({ name: node.name, labels: node.labels }, request.requiredNodeAffinity);
  },
  reason: (request) => `node does not match ${describe(request)}, or its labels are not recorded yet`,
};
