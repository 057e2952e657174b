import type { SeriesPoint } from '../../../shared/adapters/gpu/gentd26-series.ts';
import type { FleetNode } from '../../../shared/adapters/gpu/openb-fleet.ts';
import type { GpuCatalogue } from '../../../shared/core/catalogue/gpu-catalogue.ts';
import type { NodeSample, WorkloadSample } from '../../../shared/core/metrics/node-sample.ts';
import { placeReplayPods, type ReplayGpu } from '../../../shared/core/metrics/place-replay-pods.ts';
import type { DiscoveredGpu } from '../sources/gpu-source.ts';

/** A replayed node: its name and GPUs (uuids made up from the node name, capacities from the catalogue). */
export interface ReplayNode {
  readonly name: string;
  readonly gpus: readonly DiscoveredGpu[];
}

/** One pod's reading at one recorded instant: duty cycle and memory, both present. */
interface Reading {
  readonly dutyCycle: number;
  readonly memoryBytes: number;
}

/** What a replay will play: the nodes, the pods' readings by recorded instant, and where each pod runs. */
export interface ReplayPlan {
  readonly nodes: readonly ReplayNode[];
  /** Recorded instants (ms), ascending, and the readings at each, by pod id. */
  readonly readings: ReadonlyMap<number, ReadonlyMap<string, Reading>>;
  readonly placement: ReadonlyMap<string, ReplayGpu>;
  /** Readings with both measures (replayed), and points of one measure without the other (left out). */
  readonly joined: number;
  readonly unmatched: number;
  /** Fleet nodes left out because the catalogue does not know their model (openb's G2, G3 without configuration). */
  readonly unknownModelNodes: number;
}

/** Options of {@link planReplay}. */
export interface PlanOptions {
  readonly dutyCycle: readonly SeriesPoint[];
  readonly memory: readonly SeriesPoint[];
  readonly fleet: readonly FleetNode[];
  readonly catalogue: GpuCatalogue;
  /** How many fleet nodes to replay; default: the first nodes with enough GPUs for one pod per GPU. */
  readonly nodeCount?: number;
  /** Replay only the first `durationMs` of the recording. */
  readonly durationMs?: number;
}

function joinSeries(options: PlanOptions): { readings: Map<number, Map<string, Reading>>; joined: number; unmatched: number } {
  const first = [...options.dutyCycle, ...options.memory].reduce((min, point) => Math.min(min, point.atMs), Number.POSITIVE_INFINITY);
  const within = (point: SeriesPoint) => options.durationMs === undefined || point.atMs < first + options.durationMs;
  const memory = new Map(options.memory.filter(within).map((point) => [`${point.atMs}/${point.pod}`, point.value]));
  const readings = new Map<number, Map<string, Reading>>();
  let joined = 0;
  for (const point of options.dutyCycle.filter(within)) {
    const memoryBytes = memory.get(`${point.atMs}/${point.pod}`);
    if (memoryBytes === undefined) continue;
    memory.delete(`${point.atMs}/${point.pod}`);
    const at = readings.get(point.atMs) ?? new Map<string, Reading>();
    at.set(point.pod, { dutyCycle: point.value, memoryBytes });
    readings.set(point.atMs, at);
    joined += 1;
  }
  const unmatched = options.dutyCycle.filter(within).length - joined + memory.size;
  return { readings: new Map([...readings].sort(([a], [b]) => a - b)), joined, unmatched };
}

function replayNodes(options: PlanOptions, pods: number): { nodes: ReplayNode[]; unknown: number } {
  const known = options.fleet.filter((node) => options.catalogue.lookup(node.model) !== undefined && node.gpus > 0);
  const nodes: ReplayNode[] = [];
  let gpus = 0;
  for (const node of known) {
    if (options.nodeCount === undefined ? gpus >= pods && nodes.length > 0 : nodes.length >= options.nodeCount) break;
    const spec = options.catalogue.lookup(node.model);
    nodes.push({ name: node.name, gpus: Array.from({ length: node.gpus }, (_unused, index) => ({ uuid: `GPU-${node.name}-${index}`, index, model: node.model, vramBytes: spec?.vramBytes ?? 0 })) });
    gpus += node.gpus;
  }
  return { nodes, unknown: options.fleet.length - known.length };
}

/**
 * Plan a replay: join the duty-cycle and memory series on (pod, instant) (a point of one without the other
 * is left out and counted), pick the fleet nodes, and place every pod on a GPU (`placeReplayPods`).
 */
export function planReplay(options: PlanOptions): ReplayPlan {
  const { readings, joined, unmatched } = joinSeries(options);
  const pods = [...new Set([...readings.values()].flatMap((at) => [...at.keys()]))];
  const { nodes, unknown } = replayNodes(options, pods.length);
  const placement = placeReplayPods(pods, nodes.flatMap((node) => node.gpus.map((gpu) => ({ node: node.name, uuid: gpu.uuid }))));
  return { nodes, readings, placement, joined, unmatched, unknownModelNodes: unknown };
}

/** The workload name of a replayed pod id (a hashed container address): a valid pod name. */
export const replayPodName = (id: string): string => `replay-${id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 63).replace(/-+$/, '');

/**
 * The samples of one recorded instant, one per replayed node: each GPU carries the sum of its pods'
 * readings (duty cycles summed and capped at 100: co-located pods were recorded on different GPUs), an
 * idle GPU zeros; each pod its own reading as a workload of namespace `namespace`.
 */
export function samplesAt(plan: ReplayPlan, input: { readonly atMs: number; readonly namespace: string }): { node: string; sample: NodeSample }[] {
  const readings = plan.readings.get(input.atMs) ?? new Map<string, Reading>();
  const workloads = new Map<string, WorkloadSample[]>();
  for (const [pod, reading] of readings) {
    const gpu = plan.placement.get(pod);
    if (gpu === undefined) continue;
    const list = workloads.get(gpu.node) ?? [];
    list.push({ namespace: input.namespace, pod: replayPodName(pod), gpuUuid: gpu.uuid, computePercent: reading.dutyCycle, vramBytes: reading.memoryBytes });
    workloads.set(gpu.node, list);
  }
  return plan.nodes.map((node) => {
    const onNode = workloads.get(node.name) ?? [];
    const gpus = node.gpus.map((gpu) => {
      const on = onNode.filter((workload) => workload.gpuUuid === gpu.uuid);
      return { uuid: gpu.uuid, computePercent: Math.min(100, on.reduce((sum, w) => sum + w.computePercent, 0)), vramBytes: on.reduce((sum, w) => sum + w.vramBytes, 0) };
    });
    return { node: node.name, sample: { atMs: input.atMs, gpus, workloads: onNode } };
  });
}
