import { AppError } from '../errors.ts';
import type { GpuNode } from './gpu-snapshot.ts';
import { MAX_GPUS_PER_NODE } from './gpu-snapshot.ts';

/** The mask with one bit for each GPU of `node` (bit i = `node.gpus[i]`); throws for an oversized node. */
export function fullMask(node: GpuNode): number {
  const count = node.gpus.length;
  if (count > MAX_GPUS_PER_NODE) {
    throw new AppError('INVALID_INPUT', `node ${node.name} has ${count} GPUs, more than the ${MAX_GPUS_PER_NODE} one node may hold`, {
      details: { node: node.name, gpus: count },
    });
  }
  return count === MAX_GPUS_PER_NODE ? -1 : (1 << count) - 1;
}

/** How many bits are set (how many GPUs are still candidates). */
export function countBits(mask: number): number {
  let value = mask - ((mask >>> 1) & 0x55555555);
  value = (value & 0x33333333) + ((value >>> 2) & 0x33333333);
  return (((value + (value >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The positions of the set bits, lowest first. */
export function maskPositions(mask: number): number[] {
  const positions: number[] = [];
  for (let rest = mask, position = 0; rest !== 0; rest >>>= 1, position++) {
    if ((rest & 1) !== 0) positions.push(position);
  }
  return positions;
}

/** The subset of `mask` whose GPUs pass `keep`. */
export function keepBits(node: GpuNode, mask: number, keep: (gpu: GpuNode['gpus'][number]) => boolean): number {
  let kept = mask;
  for (let rest = mask, position = 0; rest !== 0; rest >>>= 1, position++) {
    const gpu = node.gpus[position];
    if ((rest & 1) !== 0 && (gpu === undefined || !keep(gpu))) kept &= ~(1 << position);
  }
  return kept;
}
