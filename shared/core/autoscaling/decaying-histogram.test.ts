import { describe, expect, it } from 'vitest';
import { bucketScale } from './bucket-scale.ts';
import { addToHistogram, emptyHistogram, histogramPercentile, mergeHistograms, pruneHistogram, rebase, type DecayingHistogram } from './decaying-histogram.ts';

// Buckets [0,1) [1,3) [3,7) [7,15) [15,31) [31,63) [63,127) [127,∞).
const scale = bucketScale({ firstBucketSize: 1, ratio: 2, maxValue: 100 });
const HALF_LIFE = 1000;

function histogramOf(samples: readonly { value: number; weight?: number; atMs?: number }[]): DecayingHistogram {
  return samples.reduce((h, s) => addToHistogram(h, { value: s.value, weight: s.weight ?? 1, atMs: s.atMs ?? 0 }, scale), emptyHistogram(HALF_LIFE));
}

describe('Function: addToHistogram()', () => {
  it.each([
    {
      name: 'the first sample sets the reference to its half-life step and weighs 2^(0.5) against it',
      samples: [{ value: 2, atMs: 2500 }],
      expected: { halfLifeMs: HALF_LIFE, referenceMs: 2000, offset: 1, weights: [Math.SQRT2], totalWeight: Math.SQRT2 },
    },
    {
      name: 'a sample one half-life later weighs twice as much',
      samples: [{ value: 2 }, { value: 5, atMs: 1000 }],
      expected: { halfLifeMs: HALF_LIFE, referenceMs: 0, offset: 1, weights: [1, 2], totalWeight: 3 },
    },
    {
      name: 'a lower bucket extends the weights to the left',
      samples: [{ value: 5 }, { value: 0.5 }],
      expected: { halfLifeMs: HALF_LIFE, referenceMs: 0, offset: 0, weights: [1, 0, 1], totalWeight: 2 },
    },
    {
      name: 'a negative weight takes a sample back out',
      samples: [{ value: 2 }, { value: 5 }, { value: 5, weight: -1 }],
      expected: { halfLifeMs: HALF_LIFE, referenceMs: 0, offset: 1, weights: [1], totalWeight: 1 },
    },
    {
      name: 'taking the lowest bucket out moves the offset',
      samples: [{ value: 2 }, { value: 5 }, { value: 2, weight: -1 }],
      expected: { halfLifeMs: HALF_LIFE, referenceMs: 0, offset: 2, weights: [1], totalWeight: 1 },
    },
    {
      name: 'taking the only sample out empties it',
      samples: [{ value: 2 }, { value: 2, weight: -1 }],
      expected: { halfLifeMs: HALF_LIFE, referenceMs: 0, offset: 0, weights: [], totalWeight: 0 },
    },
    {
      name: 'a top bucket under a 10^12th of the total is rounding noise',
      samples: [{ value: 2 }, { value: 5, weight: 1e-13 }],
      expected: { halfLifeMs: HALF_LIFE, referenceMs: 0, offset: 1, weights: [1], totalWeight: 1 + 1e-13 },
    },
    {
      name: 'a bottom bucket under a 10^12th of the total is rounding noise',
      samples: [{ value: 5 }, { value: 2, weight: 1e-13 }],
      expected: { halfLifeMs: HALF_LIFE, referenceMs: 0, offset: 2, weights: [1], totalWeight: 1 + 1e-13 },
    },
  ])('$name', ({ samples, expected }) => {
    expect(histogramOf(samples)).toEqual(expected);
  });

  it('moves the reference forward once a sample is over 40 half-lives past it; weights that old are noise', () => {
    const h = histogramOf([{ value: 2 }, { value: 5, atMs: 50_000 }]);
    expect(h).toEqual({ halfLifeMs: HALF_LIFE, referenceMs: 50_000, offset: 2, weights: [1], totalWeight: 1 + 2 ** -50 });
  });
});

describe('Function: rebase()', () => {
  it('returns the same histogram for its own reference', () => {
    const h = histogramOf([{ value: 2 }]);
    expect(rebase(h, 0)).toBe(h);
  });

  it('halves the weights one half-life later', () => {
    expect(rebase(histogramOf([{ value: 2 }, { value: 5 }]), 1000)).toMatchObject({ referenceMs: 1000, weights: [0.5, 0.5], totalWeight: 1 });
  });
});

describe('Function: histogramPercentile()', () => {
  // Weights 1 in [1,3) and 2 in [3,7): the older sample counts half.
  const decayed = histogramOf([{ value: 2 }, { value: 5, atMs: 1000 }]);
  it.each([
    { name: 'an empty histogram answers 0', histogram: emptyHistogram(HALF_LIFE), share: 0.5, expected: 0 },
    { name: 'a third of the weight lies in [1,3): its end', histogram: decayed, share: 0.3, expected: 3 },
    { name: 'exactly a third still ends in [1,3)', histogram: decayed, share: 1 / 3, expected: 3 },
    { name: 'the median lies in [3,7) because the newer sample weighs double', histogram: decayed, share: 0.5, expected: 7 },
    { name: 'the maximum ends the highest bucket', histogram: decayed, share: 1, expected: 7 },
    { name: 'the last bucket has no end: its start', histogram: histogramOf([{ value: 1000 }]), share: 0.5, expected: 127 },
  ])('$name', ({ histogram, share, expected }) => {
    expect(histogramPercentile(histogram, share, scale)).toBe(expected);
  });
});

describe('Function: mergeHistograms()', () => {
  const early = histogramOf([{ value: 2 }]);
  const late = histogramOf([{ value: 5, atMs: 1000 }]);
  it.each([
    { name: 'with an empty one: the other', a: early, b: emptyHistogram(HALF_LIFE), expected: early },
    { name: 'into an empty one: the other', a: emptyHistogram(HALF_LIFE), b: late, expected: late },
    {
      name: 'two with different references: restated against the later one',
      a: early, b: late,
      expected: { halfLifeMs: HALF_LIFE, referenceMs: 1000, offset: 1, weights: [0.5, 1], totalWeight: 1.5 },
    },
  ])('$name', ({ a, b, expected }) => {
    expect(mergeHistograms(a, b)).toEqual(expected);
  });
});

describe('Function: pruneHistogram()', () => {
  const tails = histogramOf([{ value: 0.5, weight: 0.001 }, { value: 2 }, { value: 20, weight: 0.001 }]);
  it.each([
    { name: 'drops edge buckets under the share', histogram: tails, share: 0.01, expected: { ...tails, offset: 1, weights: [1], totalWeight: 1 } },
    { name: 'keeps everything over the share', histogram: tails, share: 0.0001, expected: tails },
    { name: 'leaves an empty histogram alone', histogram: emptyHistogram(HALF_LIFE), share: 0.5, expected: emptyHistogram(HALF_LIFE) },
  ])('$name', ({ histogram, share, expected }) => {
    expect(pruneHistogram(histogram, share)).toEqual(expected);
  });
});
