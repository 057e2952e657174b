// Samples per second the default recommender ingests on one core, measured on the trace itself.
import { decodeDefaultState, encodeDefaultState, type StoredDefaultState } from '../../../shared/core/autoscaling/default-state-codec.ts';
import type { DefaultState } from '../../../shared/core/autoscaling/recommenders/default.ts';
import type { Recommender } from '../../../shared/core/autoscaling/recommender.ts';
import type { UsageSample } from '../../../shared/core/autoscaling/usage-sample.ts';
import { baselineOf, replayPod, type ReplayOptions } from './replay.ts';

/** Ingest rates, samples per second. */
export interface Throughput {
  /** `step` alone, as the replay calls it (one batch per tick). */
  readonly stepOnly: number;
  /** `step` plus a round trip of the stored state (encode, JSON text and back, decode) per sample, as a stateless function keeps it between events. */
  readonly withStateRoundTrip: number;
  readonly largestStateBytes: number;
}

function roundTrip(recommender: Recommender<DefaultState>, trace: ReadonlyMap<string, readonly UsageSample[]>, gpu: ReplayOptions['gpu']): { rate: number; largest: number } {
  let samples = 0;
  let largest = 0;
  const started = performance.now();
  for (const series of trace.values()) {
    let stored = JSON.stringify(encodeDefaultState(recommender.start(baselineOf(series, gpu))));
    for (const sample of series) {
      const state = decodeDefaultState(JSON.parse(stored) as StoredDefaultState);
      stored = JSON.stringify(encodeDefaultState(recommender.step(state, [sample], sample.atMs).state));
      largest = Math.max(largest, stored.length);
      samples++;
    }
  }
  return { rate: Math.round(samples / ((performance.now() - started) / 1000)), largest };
}

/** Measure the `default` recommender over every pod of `trace` (best of `rounds`). */
export function measureThroughput(recommender: Recommender<DefaultState>, trace: ReadonlyMap<string, readonly UsageSample[]>, options: ReplayOptions & { rounds: number }): Throughput {
  let stepOnly = 0;
  let withStateRoundTrip = 0;
  let largestStateBytes = 0;
  for (let round = 0; round < options.rounds; round++) {
    const timing = { ms: 0, samples: 0 };
    for (const series of trace.values()) replayPod(recommender, series, { ...options, timing });
    stepOnly = Math.max(stepOnly, Math.round(timing.samples / (timing.ms / 1000)));
    const trip = roundTrip(recommender, trace, options.gpu);
    withStateRoundTrip = Math.max(withStateRoundTrip, trip.rate);
    largestStateBytes = Math.max(largestStateBytes, trip.largest);
  }
  return { stepOnly, withStateRoundTrip, largestStateBytes };
}
