// A node's labels and taints onto its ledger (`node.upserted`), so the allocator checks a pod's nodeSelector,
// required node affinity and tolerations before booking (kube-scheduler would refuse the pod otherwise, and
// the booking would hold GPUs for nothing). One conditional write, only when they changed; a lost race
// re-reads and records again. A node without a ledger yet records nothing: its next update does (kubelets
// report status at least every 5 minutes, and the cluster-agent forwards every change).
import type { VersionedLedger } from '../../shared/adapters/state/ledger-store.ts';
import { AppError } from '../../shared/core/errors.ts';
import { recordScheduling, schedulingOfNode } from '../../shared/core/ledger/record-scheduling.ts';
import type { NodeObject } from '../../shared/schemas/events/kube-objects.ts';
import type { AllocateDeps } from './deps.ts';

const DEFAULT_ATTEMPTS = 8;

/** Record the node's labels and taints; the ledger as written, or `undefined` when nothing changed (or no ledger). */
export async function recordNode(clusterId: string, object: NodeObject, deps: AllocateDeps): Promise<VersionedLedger | undefined> {
  const node = object.metadata.name;
  const scheduling = schedulingOfNode(object);
  let held = await deps.ledgers.getLedger(clusterId, node);
  for (let attempt = 1; held !== undefined; attempt++) {
    const next = recordScheduling(held.ledger, scheduling);
    if (next === undefined) return undefined;
    const written = await deps.ledgers.writeLedger(next, held.version);
    if (written.kind === 'written') return written.item;
    if (attempt >= (deps.maxAttempts ?? DEFAULT_ATTEMPTS)) throw new AppError('VERSION_CONFLICT', `ledger of node ${node} kept changing while recording its labels`);
    held = written.current;
  }
  return undefined;
}
