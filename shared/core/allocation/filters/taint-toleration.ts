import type { NodeFilter } from '../allocation-filter.ts';
import { untoleratedTaint } from '../tolerates.ts';

/**
 * Only nodes whose `NoSchedule` and `NoExecute` taints the pod tolerates, as kube-scheduler's
 * TaintToleration plugin requires (`tolerates.ts`). A node without known taints is taken as untainted.
 */
export const taintToleration: NodeFilter = {
  name: 'taint-toleration',
  scope: 'node',
  keepNode: (node, { request }) => untoleratedTaint(node.taints ?? [], request.tolerations) === undefined,
  reason: (request) => `node has a NoSchedule or NoExecute taint the pod's ${request.tolerations.length} toleration(s) do not tolerate`,
};
