// The allocator's snapshot of one pool for one batch (ARCHITECTURE §7: read once per batch), kept
// current with every ledger this batch wrote or learnt from a lost race, and with bookings staged in memory
// until the ledgers they change are written (one write per node for a run of placements).
import type { VersionedLedger } from '../../shared/adapters/state/ledger-store.ts';
import type { GpuSnapshot } from '../../shared/core/allocation/gpu-snapshot.ts';
import { findAllocation } from '../../shared/core/ledger/book-allocation.ts';
import { observedWorkload } from '../../shared/core/ledger/observed-workload.ts';
import { nodeFromLedger } from '../../shared/core/ledger/node-from-ledger.ts';
import type { WorkloadDistribution } from '../../shared/core/allocation/workload-distribution.ts';
import type { GpuNode } from '../../shared/core/allocation/gpu-snapshot.ts';
import type { NodeLedger } from '../../shared/schemas/node-ledger.ts';
import type { AllocateDeps } from './deps.ts';
import { fillScheduling } from './record-node.ts';

/** One pool's ledgers as this batch knows them. */
export interface PoolView {
  readonly clusterId: string;
  readonly pool: string;
  snapshot(): GpuSnapshot;
  /** The pool's observed workload (its allocations as read for this batch): what its placement plans for. */
  workload(): WorkloadDistribution;
  ledger(node: string): VersionedLedger | undefined;
  /** The node ledger that holds the pod's allocation, if any ledger does. */
  holding(podUid: string): VersionedLedger | undefined;
  /** Replace what is known of one node (after a write, or from a conflict's current item). */
  update(current: VersionedLedger): void;
  /** Drop a node whose ledger is gone. */
  forget(node: string): void;
  /** Book in memory only: the snapshot shows `ledger` (still at the version read) until it is written. */
  stage(ledger: NodeLedger, podUid: string): void;
  /** The staged ledgers with the pods staged on each, to write now; staging starts afresh. */
  takeStaged(): { readonly held: VersionedLedger; readonly podUids: readonly string[] }[];
}

/** Pool views of one batch, each read on first use. */
export type PoolViews = (clusterId: string, pool: string) => Promise<PoolView>;

function poolView(clusterId: string, pool: string, ledgers: readonly VersionedLedger[]): PoolView {
  const byNode = new Map(ledgers.map((held) => [held.ledger.node, held]));
  // Node objects are rebuilt only for ledgers that changed, so strategies' per-node caches stay valid.
  const nodes = new Map<string, GpuNode>(ledgers.map((held) => [held.ledger.node, nodeFromLedger(held.ledger)]));
  let snapshot: GpuSnapshot | undefined;
  let workload: WorkloadDistribution | undefined;
  let staged = new Map<string, string[]>();
  const forget = (node: string): void => {
    byNode.delete(node);
    nodes.delete(node);
    snapshot = undefined;
  };
  return {
    clusterId, pool,
    snapshot: () => (snapshot ??= { nodes: [...nodes.values()] }),
    workload: () => (workload ??= observedWorkload(ledgers.map((held) => held.ledger))),
    ledger: (node) => byNode.get(node),
    holding: (podUid) => [...byNode.values()].find((held) => findAllocation(held.ledger, podUid) !== undefined),
    update: (current) => {
      const { node } = current.ledger;
      if (current.ledger.pool !== pool) return forget(node);
      byNode.set(node, current);
      nodes.set(node, nodeFromLedger(current.ledger));
      snapshot = undefined;
    },
    forget,
    stage: (ledger, podUid) => {
      const { node } = ledger;
      byNode.set(node, { ledger, version: (byNode.get(node) as VersionedLedger).version });
      nodes.set(node, nodeFromLedger(ledger));
      staged.set(node, [...staged.get(node) ?? [], podUid]);
      snapshot = undefined;
    },
    takeStaged: () => {
      const taken = [...staged].map(([node, podUids]) => ({ held: byNode.get(node) as VersionedLedger, podUids }));
      staged = new Map();
      return taken;
    },
  };
}

/** A cache of pool views for one batch; ledgers without recorded labels and taints are filled from their Nodes. */
export function createPoolViews(deps: AllocateDeps): PoolViews {
  const views = new Map<string, Promise<PoolView>>();
  return (clusterId, pool) => {
    const key = `${clusterId}/${pool}`;
    let view = views.get(key);
    if (view === undefined) {
      view = deps.ledgers.readPool(clusterId, pool).then((ledgers) => fillScheduling(ledgers, deps)).then((ledgers) => poolView(clusterId, pool, ledgers));
      views.set(key, view);
      view.catch(() => views.delete(key));
    }
    return view;
  };
}
