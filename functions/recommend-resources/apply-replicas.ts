import { hasErrorCode } from '../../shared/core/errors.ts';
import type { Workloads } from '../../shared/ports/workloads.ts';
import type { ReplicaMove } from './plan-replicas.ts';

const ATTEMPTS = 5;

/**
 * Write a planned replica count. The decision rests on the replica count only, so when the owner changed
 * in between (its controller writes status all the time) the scale is re-read and written again as long
 * as the count is still the one decided from; if someone else scaled, the move is dropped (false).
 */
export async function applyReplicaMove(move: ReplicaMove, workloads: Workloads): Promise<boolean> {
  let scale = move.scale;
  for (let attempt = 1; ; attempt++) {
    try {
      await workloads.setScale(scale);
      return true;
    } catch (error) {
      if (!hasErrorCode(error, 'VERSION_CONFLICT') || attempt >= ATTEMPTS) throw error;
      const current = await workloads.getScale(scale.reference);
      if (current === undefined || current.replicas !== move.from) return false;
      scale = { ...current, replicas: move.decision.replicas };
    }
  }
}
