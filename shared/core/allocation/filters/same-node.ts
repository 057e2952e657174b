import type { NodeFilter } from '../allocation-filter.ts';

/**
 * All GPUs of a request on one node: keep a node only if at least `gpuCount` of its GPUs passed
 * (TensorFusion's SameNodeFilter: "no node has at least N available GPUs").
 */
export const sameNode: NodeFilter = {
  name: 'same-node',
  scope: 'node',
  keepNode: (_node, { request }, candidates) => candidates >= request.gpuCount,
  reason: (request) => `node has fewer than ${request.gpuCount} GPUs that passed the filters`,
};
