/**
 * Peaks of a series over fixed time slots, newest last: a windowed maximum that needs a few numbers of
 * state instead of every sample (a 24 h window in 1 h slots is 24 numbers). Immutable.
 */
export interface PeakSlots {
  readonly slotMs: number;
  /** Start of the newest slot, epoch ms (meaningless while `maxima` is empty). */
  readonly newestStartMs: number;
  /** Peak of each slot, oldest first; 0 for a slot with no sample (usage is never negative). */
  readonly maxima: readonly number[];
}

/** Slots of `slotMs` with no sample yet. */
export function emptySlots(slotMs: number): PeakSlots {
  return { slotMs, newestStartMs: 0, maxima: [] };
}

/**
 * `slots` with `value` at `atMs` folded in, keeping at most `keep` slots. A sample older than the oldest
 * slot kept is dropped; one in an older slot raises that slot's peak.
 */
export function addToSlots(slots: PeakSlots, sample: { value: number; atMs: number }, keep: number): PeakSlots {
  const start = Math.floor(sample.atMs / slots.slotMs) * slots.slotMs;
  if (slots.maxima.length === 0) return { ...slots, newestStartMs: start, maxima: [sample.value] };
  const ahead = (start - slots.newestStartMs) / slots.slotMs;
  if (ahead <= 0) {
    const index = slots.maxima.length - 1 + ahead;
    if (index < 0 || (slots.maxima[index] as number) >= sample.value) return slots;
    const maxima = slots.maxima.slice();
    maxima[index] = sample.value;
    return { ...slots, maxima };
  }
  const gap = Math.min(ahead - 1, keep);
  const maxima = [...slots.maxima, ...new Array<number>(gap).fill(0), sample.value];
  return { ...slots, newestStartMs: start, maxima: maxima.length > keep ? maxima.slice(maxima.length - keep) : maxima };
}

/** The peak over the slots that overlap (nowMs − windowMs, nowMs]; 0 when there is none. */
export function windowPeak(slots: PeakSlots, windowMs: number, nowMs: number): number {
  let peak = 0;
  const from = nowMs - windowMs;
  for (let i = slots.maxima.length - 1; i >= 0; i--) {
    const slotStart = slots.newestStartMs - (slots.maxima.length - 1 - i) * slots.slotMs;
    if (slotStart + slots.slotMs <= from) break;
    peak = Math.max(peak, slots.maxima[i] as number);
  }
  return peak;
}
