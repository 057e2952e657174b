// A re-implementation of FGD as the paper's simulator runs it (hkust-adsl/kubernetes-scheduler-simulator,
// `fgd_score.go`, `utils/frag.go`), to compare the default strategy with FGD on pod lists that have no
// published number. Typical pods: (CPU, GPU share, GPU count, models) of the whole list, CPU-only pods
// included, the most popular covering 95 %. Node score: int(sigmoid(-growth / 1000) x 100); the first node
// of a seeded random node order wins a tie (the simulator renames nodes with a random prefix and its
// patched scheduler keeps the first best); memory is not part of the fragmentation.
import type { AllocationRequest } from '../../../shared/core/allocation/allocation-request.ts';
import { freeShareMilli } from '../../../shared/core/allocation/gpu-math.ts';
import { maskPositions } from '../../../shared/core/allocation/gpu-mask.ts';
import type { GpuNode } from '../../../shared/core/allocation/gpu-snapshot.ts';
import type { PlacementStrategy } from '../../../shared/core/allocation/placement-strategy.ts';
import { normalizeGpuName } from '../../../shared/core/catalogue/gpu-catalogue.ts';
import { shuffle } from './prng.ts';

interface TypicalPod {
  readonly cpuMilli: number;
  readonly share: number;
  readonly count: number;
  readonly models: ReadonlySet<string>;
  readonly popularity: number;
}

const shareOf = (request: AllocationRequest): number => request.perGpu.computePercentMilli / 100;

/** The simulator's `GetTypicalPods` with `podPopularityThreshold: 95`, `isInvolvedCpuPods: true`. */
export function typicalPods(requests: readonly AllocationRequest[], coverage = 0.95): TypicalPod[] {
  const counts = new Map<string, { request: AllocationRequest; count: number }>();
  for (const request of requests) {
    const key = [request.cpuMilli, shareOf(request), request.gpuCount, [...request.gpuModels].sort().join('|')].join('/');
    const entry = counts.get(key) ?? { request, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  const ranked = [...counts.values()].sort((left, right) => right.count - left.count);
  const kept: typeof ranked = [];
  let covered = 0;
  for (const entry of ranked) {
    if (covered >= coverage * requests.length) break;
    kept.push(entry);
    covered += entry.count;
  }
  return kept.map(({ request, count }) => ({
    cpuMilli: request.cpuMilli, share: shareOf(request), count: request.gpuCount,
    models: new Set(request.gpuModels), popularity: count / covered,
  }));
}

function fragmentation(node: GpuNode, state: { free: readonly number[]; cpu: number }, pods: readonly TypicalPod[]): number {
  const total = state.free.reduce((sum, share) => sum + share, 0);
  const model = normalizeGpuName(node.gpus[0]?.model ?? '');
  let expected = 0;
  for (const pod of pods) {
    const fits = pod.count > 0 && (pod.models.size === 0 || pod.models.has(model)) && pod.cpuMilli <= state.cpu
      && state.free.filter((share) => share >= pod.share).length >= pod.count;
    expected += pod.popularity * (fits ? state.free.filter((share) => share < pod.share).reduce((sum, share) => sum + share, 0) : total);
  }
  return expected;
}

/** FGD as the simulator runs it; `seed` orders the nodes for ties. */
export function createFgdReference(options: { pods: readonly TypicalPod[]; nodes: readonly GpuNode[]; seed: () => number }): PlacementStrategy {
  const rank = new Map(shuffle(options.nodes.map((node) => node.name), options.seed).map((name, index) => [name, index]));
  const before = new WeakMap<GpuNode, number>();
  const stateOf = (node: GpuNode) => ({ free: node.gpus.map(freeShareMilli), cpu: node.cpuFreeMilli ?? Infinity });
  const score = (node: GpuNode, gpus: readonly number[], request: AllocationRequest): number => {
    let old = before.get(node);
    if (old === undefined) before.set(node, (old = fragmentation(node, stateOf(node), options.pods)));
    const state = stateOf(node);
    for (const position of gpus) state.free[position] = (state.free[position] ?? 0) - (request.gpuCount > 1 ? 1000 : shareOf(request));
    state.cpu -= request.cpuMilli;
    return Math.trunc(100 / (1 + Math.exp((fragmentation(node, state, options.pods) - old) / 1000)));
  };
  // A node's best local option depends only on the node object and the request: remember it.
  const remembered = new WeakMap<GpuNode, Map<string, { gpus: number[]; score: number }>>();
  const localBest = (node: GpuNode, mask: number, request: AllocationRequest): { gpus: number[]; score: number } => {
    const key = `${request.cpuMilli}/${shareOf(request)}/${request.gpuCount}/${mask}`;
    let byKey = remembered.get(node);
    if (byKey === undefined) remembered.set(node, (byKey = new Map()));
    let local = byKey.get(key);
    if (local !== undefined) return local;
    const positions = maskPositions(mask);
    const choices = request.gpuCount === 1 ? positions.map((position) => [position]) : [positions.slice(0, request.gpuCount)];
    local = { gpus: [], score: -1 };
    for (const gpus of choices) {
      const value = score(node, gpus, request);
      if (value > local.score) local = { gpus, score: value };
    }
    byKey.set(key, local);
    return local;
  };
  return {
    name: 'fgd',
    choose(candidates, { request }) {
      let best = { node: 0, gpus: [] as number[], score: -1, rank: Infinity };
      candidates.nodes.forEach((node, index) => {
        const local = localBest(node, candidates.masks[index] ?? 0, request);
        const order = rank.get(node.name) ?? Infinity;
        if (local.score > best.score || (local.score === best.score && order < best.rank)) best = { node: index, gpus: local.gpus, score: local.score, rank: order };
      });
      return { node: best.node, gpus: best.gpus };
    },
  };
}
