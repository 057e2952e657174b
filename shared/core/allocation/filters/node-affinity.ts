import type { NodeFilter } from '../allocation-filter.ts';

function matches(labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): boolean {
  for (const key in selector) {
    if (labels[key] !== selector[key]) return false;
  }
  return true;
}

/** Only nodes carrying every required label (TensorFusion's NodeAffinityFilter, reduced to label matches). */
export const nodeAffinity: NodeFilter = {
  name: 'node-affinity',
  scope: 'node',
  keepNode: (node, { request }) => matches(node.labels, request.nodeSelector),
  reason: (request) => `node lacks the labels ${Object.entries(request.nodeSelector).map(([key, value]) => `${key}=${value}`).join(', ')}`,
};
