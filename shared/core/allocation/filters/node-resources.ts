import type { NodeFilter } from '../allocation-filter.ts';

const covers = (free: number | undefined, wanted: number): boolean => wanted === 0 || free === undefined || free >= wanted;

/**
 * Only nodes with the pod's CPU and memory free, where the snapshot tracks them (the trace replay
 * does, as the FGD simulator enforces them; in a cluster kube-scheduler checks them after pinning).
 */
export const nodeResources: NodeFilter = {
  name: 'node-resources',
  scope: 'node',
  keepNode: (node, { request }) => covers(node.cpuFreeMilli, request.cpuMilli) && covers(node.memoryFreeMiB, request.memoryMiB),
  reason: (request) => `node has less than ${request.cpuMilli}m CPU or ${request.memoryMiB}Mi memory free`,
};
