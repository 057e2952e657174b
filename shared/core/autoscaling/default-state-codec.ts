import { compactTrack, expandTrack, type CompactTrack } from './compact-track.ts';
import type { DefaultState } from './recommenders/default.ts';

/**
 * The `default` recommender's state as the table stores it between events: JSON-safe, histograms
 * compacted (a few KB; far under one DynamoDB item). Everything else is stored as it is.
 */
export interface StoredDefaultState extends Omit<DefaultState, 'compute' | 'vram'> {
  readonly compute: CompactTrack;
  readonly vram: CompactTrack;
}

/** The stored form of `state`. */
export function encodeDefaultState(state: DefaultState): StoredDefaultState {
  return { ...state, compute: compactTrack(state.compute), vram: compactTrack(state.vram) };
}

/** The state a stored form holds. */
export function decodeDefaultState(stored: StoredDefaultState): DefaultState {
  return { ...stored, compute: expandTrack(stored.compute), vram: expandTrack(stored.vram) };
}
