import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { countBits, fullMask, keepBits, maskPositions } from './gpu-mask.ts';
import { nodeWith } from '../../../test/fixtures/allocation.ts';

describe('Function: fullMask()', () => {
  it.each([
    { name: 'no GPUs', count: 0, mask: 0 },
    { name: '8 GPUs', count: 8, mask: 0xff },
    { name: '32 GPUs', count: 32, mask: -1 },
  ])('sets one bit per GPU for $name', ({ count, mask }) => {
    expect(fullMask(nodeWith('n', count, {}))).toBe(mask);
  });

  it('rejects a node with more GPUs than a mask holds', () => {
    const call = () => fullMask(nodeWith('big', 33, {}));
    expect(call).toThrow(AppError);
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('node big has 33 GPUs') }));
  });
});

describe('Function: countBits(), maskPositions()', () => {
  it.each([
    { name: 'nothing', mask: 0, count: 0, positions: [] },
    { name: 'scattered bits', mask: 0b1010_0110, count: 4, positions: [1, 2, 5, 7] },
    { name: 'all 32 bits', mask: -1, count: 32, positions: Array.from({ length: 32 }, (_, index) => index) },
  ])('reads $name', ({ mask, count, positions }) => {
    expect(countBits(mask)).toBe(count);
    expect(maskPositions(mask)).toEqual(positions);
  });
});

describe('Function: keepBits()', () => {
  const node = nodeWith('n', 4, {});

  it.each([
    { name: 'keeps the GPUs that pass', mask: 0b1111, keep: (index: number) => index % 2 === 0, expected: 0b0101 },
    { name: 'looks only at the candidates', mask: 0b0110, keep: () => true, expected: 0b0110 },
    { name: 'drops bits past the last GPU', mask: 0b11_0001, keep: () => true, expected: 0b1 },
  ])('$name', ({ mask, keep, expected }) => {
    expect(keepBits(node, mask, (gpu) => keep(gpu.index))).toBe(expected);
  });
});
