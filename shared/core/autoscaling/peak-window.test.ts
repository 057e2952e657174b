import { describe, expect, it } from 'vitest';
import { bucketScale } from './bucket-scale.ts';
import { emptyHistogram } from './decaying-histogram.ts';
import { addPeakSample, NO_PEAK_WINDOW, type PeakStep } from './peak-window.ts';

// Buckets [0,1) [1,3) [3,7) [7,15) ...; peaks are stored at their window's end, the first one at the reference.
const options = { scale: bucketScale({ firstBucketSize: 1, ratio: 2, maxValue: 100 }), windowMs: 1000 };
const start: PeakStep = { histogram: emptyHistogram(1000), window: NO_PEAK_WINDOW };
const fold = (samples: readonly { value: number; atMs: number }[]): PeakStep => samples.reduce((state, s) => addPeakSample(state, s, options), start);

describe('Function: addPeakSample()', () => {
  it.each([
    { name: 'the first sample opens a window ending one window later', samples: [{ value: 2, atMs: 0 }], window: { endMs: 1000, peak: 2 }, offset: 1, weights: [1] },
    { name: 'a higher value in the window replaces the peak', samples: [{ value: 2, atMs: 0 }, { value: 5, atMs: 500 }], window: { endMs: 1000, peak: 5 }, offset: 2, weights: [1] },
    {
      name: 'a sample past the end opens the next aligned window and adds its peak',
      samples: [{ value: 2, atMs: 0 }, { value: 5, atMs: 2500 }], window: { endMs: 3000, peak: 5 }, offset: 1, weights: [1, 4],
    },
  ])('$name', ({ samples, window, offset, weights }) => {
    const state = fold(samples);
    expect(state.window).toEqual(window);
    expect(state.histogram).toMatchObject({ referenceMs: 1000, offset, weights, totalWeight: weights.reduce((a, b) => a + b, 0) });
  });

  it('ignores a value under the peak of its window', () => {
    const state = fold([{ value: 5, atMs: 0 }]);
    expect(addPeakSample(state, { value: 2, atMs: 10 }, options)).toBe(state);
  });
});
