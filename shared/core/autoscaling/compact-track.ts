import { z } from 'zod';
import { compactHistogram, compactHistogramSchema, expandHistogram } from './compact-histogram.ts';
import type { PeakSlots } from './peak-slots.ts';
import type { PeakTrack } from './peak-track.ts';

const slotsSchema = z.strictObject({
  slotMs: z.number().positive(),
  newestStartMs: z.number(),
  maxima: z.array(z.number().min(0)),
});

/** The stored form of a `PeakTrack`: the histogram compacted, the slot peaks as they are (a few dozen numbers). */
export const compactTrackSchema = z.strictObject({
  histogram: compactHistogramSchema,
  burst: slotsSchema,
  floor: slotsSchema,
});

/** A peak track as stored. */
export type CompactTrack = z.output<typeof compactTrackSchema>;

const slotsOf = (slots: PeakSlots): z.output<typeof slotsSchema> => ({ slotMs: slots.slotMs, newestStartMs: slots.newestStartMs, maxima: [...slots.maxima] });

/** The stored form of `track`. */
export function compactTrack(track: PeakTrack): CompactTrack {
  return { histogram: compactHistogram(track.histogram), burst: slotsOf(track.burst), floor: slotsOf(track.floor) };
}

/** The track a stored form holds. */
export function expandTrack(compact: CompactTrack): PeakTrack {
  return { histogram: expandHistogram(compact.histogram), burst: compact.burst, floor: compact.floor };
}
