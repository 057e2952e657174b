import { nodeSchedulingSchema } from '../../schemas/node-scheduling.ts';
import type { NodeObject } from '../../schemas/events/kube-objects.ts';
import { dotPath, formatZodIssues } from '../../schemas/format-issues.ts';
import type { LedgerScheduling, NodeLedger } from '../../schemas/node-ledger.ts';
import { AppError } from '../errors.ts';
import { formatIssue } from '../model/issue.ts';

/**
 * What kube-scheduler matches pods against on a watched Node: its labels and its taints, each taint with
 * key, effect and (when set) value only. Throws INVALID_INPUT for a Node whose labels or taints are malformed
 * (kube-apiserver validated it, so only a broken producer sends one).
 */
export function schedulingOfNode(object: NodeObject): LedgerScheduling {
  const parsed = nodeSchedulingSchema.safeParse(object);
  if (!parsed.success) {
    const issues = formatZodIssues(parsed.error.issues, (path) => `Node ${object.metadata.name} ${dotPath(path)}`);
    throw new AppError('INVALID_INPUT', issues.map(formatIssue).join('; '), { details: { node: object.metadata.name } });
  }
  const taints = (parsed.data.spec?.taints ?? []).map(({ key, value, effect }) => (value === undefined ? { key, effect } : { key, value, effect }));
  return { labels: parsed.data.metadata.labels ?? {}, taints };
}

/** Labels in key order and taints as given, so equal facts compare equal whatever order the labels came in. */
const canonical = (scheduling: LedgerScheduling): string =>
  JSON.stringify([Object.entries(scheduling.labels).sort(([a], [b]) => (a < b ? -1 : 1)), scheduling.taints]);

/**
 * The ledger with the node's labels and taints recorded, or `undefined` when it holds these already, so a
 * node's frequent status-only updates write nothing.
 */
export function recordScheduling(ledger: NodeLedger, scheduling: LedgerScheduling): NodeLedger | undefined {
  if (ledger.scheduling !== undefined && canonical(ledger.scheduling) === canonical(scheduling)) return undefined;
  return { ...ledger, scheduling };
}
