import { describe, expect, it } from 'vitest';
import { fitsOn, freeOf, freeShareMilli, isIdle, percentOf, requiredOn, shareMilliOf, tflopsOn } from './gpu-math.ts';
import { A100, gpuWith, percentShare, requestWith, withShareUsed } from '../../../test/fixtures/allocation.ts';

const GIB = 2 ** 30;

describe('Function: percentOf()', () => {
  it.each([
    { name: 'half of an even amount', amount: 1000, percentMilli: 50_000, expected: 500 },
    { name: 'a third, rounded down', amount: 1000, percentMilli: 33_333, expected: 333 },
    { name: 'all of 192 GiB, past 2^53 as a plain product', amount: 192 * GIB, percentMilli: 100_000, expected: 192 * GIB },
    { name: '46 % of 16 GiB exactly', amount: 16 * GIB, percentMilli: 46_000, expected: Math.floor((16 * GIB * 46) / 100) },
    { name: 'nothing', amount: 65_000, percentMilli: 0, expected: 0 },
  ])('takes $name', ({ amount, percentMilli, expected }) => {
    expect(percentOf(amount, percentMilli)).toBe(expected);
  });
});

describe('Function: tflopsOn()', () => {
  it.each([
    { name: 'TFLOPS as stated', amounts: { tflopsMilli: 62_000, computePercentMilli: 0 }, expected: 62_000 },
    { name: 'percent of this GPU', amounts: { tflopsMilli: 0, computePercentMilli: 25_000 }, expected: 78_000 },
    { name: 'nothing stated', amounts: { tflopsMilli: 0, computePercentMilli: 0 }, expected: 0 },
  ])('$name', ({ amounts, expected }) => {
    expect(tflopsOn(A100, amounts)).toBe(expected);
  });
});

describe('Function: requiredOn()', () => {
  it.each([
    { name: 'stated amounts', request: requestWith({}), expected: { tflopsMilli: 10_000, vramBytes: 4 * GIB } },
    { name: 'percents of this GPU', request: requestWith({ perGpu: percentShare(50) }), expected: { tflopsMilli: 156_000, vramBytes: 20 * GIB } },
    { name: 'the whole GPU when dedicated', request: requestWith({ dedicatedGpu: true }), expected: A100 },
  ])('gives $name', ({ request, expected }) => {
    expect(requiredOn(gpuWith({}), request)).toEqual(expected);
  });
});

describe('Function: fitsOn()', () => {
  it.each([
    { name: 'a small request on an idle GPU', gpu: gpuWith({}), request: requestWith({}), fits: true },
    { name: 'a share that just fits', gpu: withShareUsed(gpuWith({}), 600), request: requestWith({ perGpu: percentShare(40) }), fits: true },
    { name: 'a share that does not fit', gpu: withShareUsed(gpuWith({}), 610), request: requestWith({ perGpu: percentShare(40) }), fits: false },
    { name: 'too much VRAM', gpu: gpuWith({ used: { tflopsMilli: 0, vramBytes: 37 * GIB } }), request: requestWith({}), fits: false },
    { name: 'anything on a GPU a dedicated worker holds', gpu: gpuWith({ wholeGpuTaken: true }), request: requestWith({}), fits: false },
    { name: 'a dedicated request on an idle GPU', gpu: gpuWith({}), request: requestWith({ dedicatedGpu: true }), fits: true },
    { name: 'a dedicated request where compute is booked', gpu: gpuWith({ used: { tflopsMilli: 1, vramBytes: 0 } }), request: requestWith({ dedicatedGpu: true }), fits: false },
    { name: 'a dedicated request where memory is booked', gpu: gpuWith({ used: { tflopsMilli: 0, vramBytes: 1 } }), request: requestWith({ dedicatedGpu: true }), fits: false },
  ])('says $name: $fits', ({ gpu, request, fits }) => {
    expect(fitsOn(gpu, request)).toBe(fits);
  });
});

describe('Function: freeOf(), freeShareMilli(), shareMilliOf(), isIdle()', () => {
  it.each([
    { name: 'an idle GPU', gpu: gpuWith({}), free: A100, share: 1000, idle: true },
    { name: 'a GPU with 46 % booked', gpu: withShareUsed(gpuWith({}), 460), free: { tflopsMilli: 168_480, vramBytes: 40 * GIB - percentOf(40 * GIB, 46_000) }, share: 540, idle: false },
    { name: 'a GPU a dedicated worker holds', gpu: gpuWith({ wholeGpuTaken: true }), free: { tflopsMilli: 0, vramBytes: 0 }, share: 0, idle: false },
    { name: 'an overbooked GPU', gpu: gpuWith({ used: { tflopsMilli: 400_000, vramBytes: 0 } }), free: { tflopsMilli: 0, vramBytes: 40 * GIB }, share: 0, idle: false },
    { name: 'a GPU without capacity', gpu: gpuWith({ capacity: { tflopsMilli: 0, vramBytes: 0 } }), free: { tflopsMilli: 0, vramBytes: 0 }, share: 0, idle: true },
  ])('reads $name', ({ gpu, free, share, idle }) => {
    expect(freeOf(gpu)).toEqual(free);
    expect(freeShareMilli(gpu)).toBe(share);
    expect(isIdle(gpu)).toBe(idle);
  });

  it.each([
    { name: 'compute-bound amounts', amounts: { tflopsMilli: 156_000, vramBytes: GIB }, share: 500 },
    { name: 'memory-bound amounts', amounts: { tflopsMilli: 1, vramBytes: 30 * GIB }, share: 750 },
    { name: 'a fraction of a thousandth, rounded up', amounts: { tflopsMilli: 1, vramBytes: 0 }, share: 1 },
    { name: 'nothing', amounts: { tflopsMilli: 0, vramBytes: 0 }, share: 0 },
  ])('gives the share of $name', ({ amounts, share }) => {
    expect(shareMilliOf(amounts, gpuWith({}))).toBe(share);
  });
});
