import type { AllocationRequest } from '../allocation-request.ts';
import { createBoundedCache } from '../bounded-cache.ts';
import type { FragmentationMeter } from '../fragmentation.ts';
import { createFragmentationMeter } from '../fragmentation.ts';
import type { NodeOption } from '../fragmentation-options.ts';
import { bestNodeOption, betterOption } from '../fragmentation-options.ts';
import type { GpuNode } from '../gpu-snapshot.ts';
import type { Choice, PlacementStrategy } from '../placement-strategy.ts';
import type { WorkloadDistribution } from '../workload-distribution.ts';
import { requestClassKey } from '../workload-distribution.ts';

/** What the fragmentation-aware strategy plans for. */
export interface FragmentationAwareOptions {
  /** The target workload: the requests expected, with their popularity (see `workloadDistribution`). */
  readonly distribution: WorkloadDistribution;
}

/** How many (node state, request class, candidate GPUs) options a strategy remembers. */
const REMEMBERED_OPTIONS = 200_000;

type OptionLookup = (node: GpuNode, mask: number, request: { request: AllocationRequest; key: string }) => NodeOption;

/** A node's best option, remembered by node state, request class and candidate GPUs. */
function rememberingOptions(meter: FragmentationMeter): OptionLookup {
  const options = createBoundedCache<NodeOption>(REMEMBERED_OPTIONS);
  return (node, mask, { request, key }) => {
    const full = `${meter.stateKey(node)}#${key}#${mask}`;
    return options.get(full) ?? options.set(full, bestNodeOption(node, mask, { meter, request }));
  };
}

/**
 * The default strategy: place where the target workload's expected GPU fragmentation grows least
 * (FGD, Weng et al., USENIX ATC'23 "Beware of Fragmentation"), measured by `createFragmentationMeter`:
 * FGD's per-class fragmentation with memory counted as well as CPU, plus the GPU share a node's CPU and
 * memory can no longer feed. Growth is exact, where FGD rounds it to a 0-100 integer score; the tightest
 * fit (least GPU share left on the node) breaks ties, then snapshot order. Options are remembered by node
 * state, so a decision evaluates only the nodes whose state it has not seen.
 */
export function createFragmentationAware(options: FragmentationAwareOptions): PlacementStrategy {
  const optionFor = rememberingOptions(createFragmentationMeter(options.distribution));
  const keys = new WeakMap<AllocationRequest, string>();
  return {
    name: 'fragmentation-aware',
    choose(candidates, { request }): Choice {
      let key = keys.get(request);
      if (key === undefined) keys.set(request, (key = requestClassKey(request)));
      let best: NodeOption | undefined;
      let bestNode = 0;
      for (let index = 0; index < candidates.nodes.length; index++) {
        const option = optionFor(candidates.nodes[index] as GpuNode, candidates.masks[index] as number, { request, key });
        if (betterOption(option, best)) {
          best = option;
          bestNode = index;
        }
      }
      return { node: bestNode, gpus: (best as NodeOption).gpus };
    },
  };
}
