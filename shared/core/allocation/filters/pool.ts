import type { NodeFilter } from '../allocation-filter.ts';

/** Only nodes of the requested pool (TensorFusion takes the pool's GPUs before filtering, reference §4.2). */
export const pool: NodeFilter = {
  name: 'pool',
  scope: 'node',
  keepNode: (node, { request }) => request.pool === undefined || node.pool === request.pool,
  reason: (request) => `node is not in pool ${request.pool ?? ''}`,
};
