import type { AllocationRequest } from './allocation-request.ts';
import type { FragmentationMeter, NodeShape } from './fragmentation.ts';
import { requiredOn, shareMilliOf } from './gpu-math.ts';
import { maskPositions } from './gpu-mask.ts';
import type { GpuDevice, GpuNode } from './gpu-snapshot.ts';

/** One way to place the request on a node, and what it costs. */
export interface NodeOption {
  readonly gpus: readonly number[];
  /** Growth of the node's expected fragmentation, in thousandths of a GPU. */
  readonly growth: number;
  /** GPU share left on the node afterwards, in thousandths (the best-fit tie-break). */
  readonly left: number;
}

/** What {@link bestNodeOption} measures with. */
export interface OptionInput {
  readonly meter: FragmentationMeter;
  readonly request: AllocationRequest;
}

/** The share the request takes on a GPU with `free` left: all of it for a dedicated request. */
function taken(gpu: GpuDevice, free: number, request: AllocationRequest): number {
  return request.dedicatedGpu ? free : shareMilliOf(requiredOn(gpu, request), gpu);
}

function evaluate(node: GpuNode, gpus: readonly number[], input: OptionInput & { readonly shape: NodeShape }): NodeOption {
  const { shape } = input;
  const free = Float64Array.from(shape.free);
  for (const position of gpus) {
    const left = free[position] as number;
    free[position] = left - taken(node.gpus[position] as GpuDevice, left, input.request);
  }
  const after: NodeShape = {
    ...shape,
    free,
    cpuFreeMilli: shape.cpuFreeMilli - input.request.cpuMilli,
    memoryFreeMiB: shape.memoryFreeMiB - input.request.memoryMiB,
  };
  let left = 0;
  for (const share of free) left += share;
  return { gpus, growth: input.meter.measure(after) - input.meter.current(node), left };
}

/** Whether `option` beats `best`: less fragmentation growth, then less left on the node (best fit). */
export function betterOption(option: NodeOption, best: NodeOption | undefined): boolean {
  if (best === undefined) return true;
  if (Math.abs(option.growth - best.growth) > 1e-9) return option.growth < best.growth;
  return option.left < best.left - 1e-9;
}

/**
 * The node's best option. One GPU: every candidate GPU is tried, once per distinct free share and model.
 * Several: the fullest candidates that fit, as the FGD simulator packs them. None: only CPU and memory change.
 */
export function bestNodeOption(node: GpuNode, mask: number, input: OptionInput): NodeOption {
  const positions = maskPositions(mask);
  const shape = input.meter.shape(node);
  const withShape = { ...input, shape };
  if (input.request.gpuCount !== 1) {
    positions.sort((left, right) => (shape.free[left] as number) - (shape.free[right] as number) || left - right);
    return evaluate(node, positions.slice(0, input.request.gpuCount), withShape);
  }
  const tried = new Set<string>();
  let best: NodeOption | undefined;
  for (const position of positions) {
    const key = `${shape.free[position]}/${(node.gpus[position] as GpuDevice).model}`;
    if (tried.has(key)) continue;
    tried.add(key);
    const option = evaluate(node, [position], withShape);
    if (betterOption(option, best)) best = option;
  }
  return best as NodeOption;
}
