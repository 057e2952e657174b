import { describe, expect, it } from 'vitest';
import type { WorkloadBaseline } from './usage-sample.ts';
import { computeBounds, vramBounds, type BoundSettings } from './workload-bounds.ts';

const GIB = 1024 ** 3;
const workload = (tflops: number): WorkloadBaseline => ({
  original: { requests: { computePercent: 30, vramBytes: 8 * GIB }, limits: { computePercent: 60, vramBytes: 16 * GIB } },
  qos: 'medium', gpu: { vramBytes: 48 * GIB, tflops }, createdMs: 0,
});
const settings: BoundSettings = {
  minComputeTflops: 1, minVRAMBytes: GIB, minComputeResourcesRatio: 0.1, maxComputeResourcesRatio: 10, minVRAMResourcesRatio: 0.2, maxVRAMResourcesRatio: 5,
};

describe('Function: computeBounds()', () => {
  it.each([
    { name: '1 TFLOPS of a 200 TFLOPS GPU is a 0.5 % floor', tflops: 200, floor: 0.5 },
    { name: 'a GPU of unknown TFLOPS has no floor', tflops: 0, floor: 0 },
  ])('$name', ({ tflops, floor }) => {
    expect(computeBounds(workload(tflops), settings)).toEqual({ floor, minRatio: 0.1, maxRatio: 10, original: { request: 30, limit: 60 }, capacity: 100 });
  });
});

describe('Function: vramBounds()', () => {
  it('bounds bytes against the original VRAM and the GPU', () => {
    expect(vramBounds(workload(200), settings)).toEqual({ floor: GIB, minRatio: 0.2, maxRatio: 5, original: { request: 8 * GIB, limit: 16 * GIB }, capacity: 48 * GIB });
  });
});
