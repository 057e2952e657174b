// A node's labels and taints onto its ledger (`node.upserted`), so the allocator checks a pod's nodeSelector,
// required node affinity and tolerations before booking (kube-scheduler would refuse the pod otherwise, and
// the booking would hold GPUs for nothing). One conditional write, only when they changed; a lost race
// re-reads and records again. A node without a ledger yet records nothing here; when a batch first reads a
// ledger without them, they are read from its Node (`fillScheduling`).
import type { VersionedLedger } from '../../shared/adapters/state/ledger-store.ts';
import { recordScheduling, schedulingOfNode } from '../../shared/core/ledger/record-scheduling.ts';
import type { NodeObject } from '../../shared/schemas/events/kube-objects.ts';
import type { NodeLedger } from '../../shared/schemas/node-ledger.ts';
import type { AllocateDeps } from './deps.ts';
import { concurrently } from '../../shared/adapters/concurrently.ts';

/**
 * Record the node's labels and taints on its ledger as just read (`held`; `undefined`: none); the ledger as
 * written, or `undefined` when nothing changed (or no ledger).
 */
export async function recordNode(object: NodeObject, held: VersionedLedger | undefined, deps: AllocateDeps): Promise<VersionedLedger | undefined> {
  if (held === undefined) return undefined;
  const scheduling = schedulingOfNode(object);
  const at = { clusterId: held.ledger.clusterId, node: object.metadata.name };
  const change = (current: NodeLedger | undefined) => (current === undefined ? undefined : recordScheduling(current, scheduling));
  return (await deps.ledgers.updateLedger(at, change, { attempts: deps.maxAttempts, doing: 'recording its labels', from: held }))?.written;
}

/** The ledger with its Node's labels and taints, read now; as it was when there is no such Node. */
async function filled(held: VersionedLedger, deps: AllocateDeps): Promise<VersionedLedger> {
  const object = await deps.binder.getNode(held.ledger.node);
  if (object === undefined) return held;
  const written = await deps.ledgers.writeLedger({ ...held.ledger, scheduling: schedulingOfNode(object) }, held.version);
  return written.kind === 'written' ? written.item : written.current ?? held;
}

/** Node reads in flight at once while filling a pool: a first rollout over a large pool must not burst the API server. */
const FILL_CONCURRENCY = 16;

/**
 * The pool's ledgers, each one whose labels and taints were never recorded (its `node.upserted` came before
 * its first inventory, or the cluster-agent does not watch nodes) filled from its Node, read once and written
 * back, so no later batch reads it again. A lost race keeps the ledger as it is now; a ledger whose Node does
 * not exist stays unknown (only pods without node constraints go there).
 */
export function fillScheduling(ledgers: readonly VersionedLedger[], deps: AllocateDeps): Promise<VersionedLedger[]> {
  return concurrently(ledgers, FILL_CONCURRENCY, async (held) => (held.ledger.scheduling === undefined ? filled(held, deps) : held));
}

