import { describe, expect, it } from 'vitest';
import { addToSlots, emptySlots, windowPeak, type PeakSlots } from './peak-slots.ts';

const slots = (newestStartMs: number, maxima: number[]): PeakSlots => ({ slotMs: 1000, newestStartMs, maxima });

describe('Function: addToSlots()', () => {
  it.each([
    { name: 'the first sample opens its slot', before: emptySlots(1000), at: 2500, value: 4, expected: slots(2000, [4]) },
    { name: 'a higher value in the newest slot raises it', before: slots(2000, [4]), at: 2900, value: 6, expected: slots(2000, [6]) },
    { name: 'a sample in the next slot appends one', before: slots(2000, [4]), at: 3100, value: 1, expected: slots(3000, [4, 1]) },
    { name: 'a gap leaves empty (0) slots', before: slots(2000, [4]), at: 4000, value: 1, expected: slots(4000, [4, 0, 1]) },
    { name: 'only the newest `keep` slots stay', before: slots(2000, [3, 4, 5]), at: 3000, value: 1, expected: slots(3000, [4, 5, 1]) },
    { name: 'a gap longer than the ring leaves only empty slots and the sample', before: slots(2000, [4]), at: 100_000, value: 1, expected: slots(100_000, [0, 0, 1]) },
    { name: 'a late sample raises its older slot', before: slots(3000, [4, 1]), at: 2100, value: 9, expected: slots(3000, [9, 1]) },
  ])('$name', ({ before, at, value, expected }) => {
    expect(addToSlots(before, { value, atMs: at }, 3)).toEqual(expected);
  });

  it.each([
    { name: 'a lower value in the newest slot', at: 3500, value: 1 },
    { name: 'a late sample under its slot peak', at: 2100, value: 3 },
    { name: 'a sample older than the ring', at: 100, value: 50 },
  ])('ignores $name', ({ at, value }) => {
    const before = slots(3000, [4, 2]);
    expect(addToSlots(before, { value, atMs: at }, 3)).toBe(before);
  });
});

describe('Function: windowPeak()', () => {
  const ring = slots(5000, [9, 0, 3, 1]);
  it.each([
    { name: 'over the newest slot only', window: 500, now: 5600, expected: 1 },
    { name: 'over slots that overlap the window', window: 2000, now: 5600, expected: 3 },
    { name: 'over the whole ring', window: 10_000, now: 5600, expected: 9 },
    { name: 'after every slot left the window', window: 1000, now: 9000, expected: 0 },
    { name: 'with no slot', window: 1000, now: 9000, ring: emptySlots(1000), expected: 0 },
  ])('$name', ({ window, now, expected, ...rest }) => {
    expect(windowPeak(rest.ring ?? ring, window, now)).toBe(expected);
  });
});
