import { createAllocationContext } from './allocation-context.ts';
import type { AllocationRequest } from './allocation-request.ts';
import { createBoundedCache } from './bounded-cache.ts';
import { freeShareMilli, requiredOn, shareMilliOf } from './gpu-math.ts';
import type { GpuDevice, GpuNode } from './gpu-snapshot.ts';
import type { WorkloadDistribution } from './workload-distribution.ts';

/** What the target workload asks of one kind of GPU (a model with its capacity). */
interface GpuKind {
  /** Small number naming the kind in node state keys. */
  readonly id: number;
  /** The share each class needs on such a GPU, in thousandths; `Infinity` where the class may not use it. */
  readonly needs: Float64Array;
  /** CPU (milli-cores) and memory (MiB) the workload brings per thousandth of such a GPU it takes. */
  readonly cpuPerShare: number;
  readonly memoryPerShare: number;
}

/** A node reduced to what fragmentation depends on; a placement is measured on a changed copy. */
export interface NodeShape {
  /** Free share of each GPU, in thousandths. */
  readonly free: Float64Array;
  /** Each GPU's kind. */
  readonly kinds: readonly GpuKind[];
  /** `Infinity` where the node does not track them. */
  readonly cpuFreeMilli: number;
  readonly memoryFreeMiB: number;
}

/**
 * Expected GPU fragmentation of a node, in thousandths of a GPU. Two parts:
 * - FGD's (Weng et al., USENIX ATC'23 "Beware of Fragmentation"): for each class of the target workload,
 *   the free GPU share that class cannot use, weighted by its popularity. A class that fits (its CPU and
 *   memory, and `gpuCount` GPUs with its share free) cannot use the GPUs too full for it; a class that
 *   does not fit cannot use any. FGD checks CPU only; memory strands GPUs the same way.
 * - Stranding: the free GPU share the node's free CPU and memory cannot feed at the workload's own
 *   CPU-per-GPU and memory-per-GPU ratios. FGD sees CPU only through the next pod's fit, so it packs
 *   CPU-only and CPU-heavy pods onto GPU-dense nodes whose GPUs then starve; this part steers them to
 *   nodes with CPU to spare.
 */
export interface FragmentationMeter {
  /** The node's shape. */
  shape(node: GpuNode): NodeShape;
  /**
   * A key equal for nodes in the same state (GPU kinds, free shares, CPU, memory), whatever their name
   * or object: results cached under it survive a re-read snapshot and serve identical nodes once.
   */
  stateKey(node: GpuNode): string;
  /** The node's fragmentation as it is (cached by state). */
  current(node: GpuNode): number;
  /** Fragmentation of a shape, such as a node's after a placement. */
  measure(shape: NodeShape): number;
}

interface ClassTable {
  readonly popularity: Float64Array;
  readonly gpuCount: Int32Array;
  readonly cpuMilli: Float64Array;
  readonly memoryMiB: Float64Array;
  readonly requests: readonly AllocationRequest[];
}

function classTable({ classes }: WorkloadDistribution): ClassTable {
  return {
    popularity: Float64Array.from(classes, (entry) => entry.popularity),
    gpuCount: Int32Array.from(classes, (entry) => entry.request.gpuCount),
    cpuMilli: Float64Array.from(classes, (entry) => entry.request.cpuMilli),
    memoryMiB: Float64Array.from(classes, (entry) => entry.request.memoryMiB),
    requests: classes.map((entry) => entry.request),
  };
}

const perShare = (amount: number, shares: number): number => (amount > 0 && shares > 0 ? amount / shares : 0);

function gpuKind(gpu: GpuDevice, table: ClassTable, id: number): GpuKind {
  const needs = Float64Array.from(table.requests, (request) => {
    const vendorOk = request.vendor === undefined || request.vendor.toLowerCase() === gpu.vendor.toLowerCase();
    if (!vendorOk || !createAllocationContext(request).allowsModel(gpu.model)) return Infinity;
    return shareMilliOf(requiredOn(gpu, request), gpu);
  });
  let cpu = 0;
  let memory = 0;
  let shares = 0;
  needs.forEach((need, k) => {
    if (need === Infinity) return;
    const popularity = table.popularity[k] as number;
    cpu += popularity * (table.cpuMilli[k] as number);
    memory += popularity * (table.memoryMiB[k] as number);
    shares += popularity * need * (table.gpuCount[k] as number);
  });
  return { id, needs, cpuPerShare: perShare(cpu, shares), memoryPerShare: perShare(memory, shares) };
}

const fed = (free: number, ratio: number): number => (ratio > 0 ? free / ratio : Infinity);

/**
 * The free share the node's CPU and memory cannot feed at the workload's ratios (those of the node's first
 * GPU's kind: a node holds one model; ratios are 0, feeding everything, where the workload asks none).
 */
function stranded(shape: NodeShape, total: number): number {
  const kind = shape.kinds[0] as GpuKind;
  const fedShares = Math.min(fed(shape.cpuFreeMilli, kind.cpuPerShare), fed(shape.memoryFreeMiB, kind.memoryPerShare));
  return Math.max(0, total - fedShares);
}

/** The free share class `k` cannot use: the GPUs too full for it if it fits, else all of it. */
function unusable(shape: NodeShape, k: number, input: { table: ClassTable; total: number }): number {
  const { table, total } = input;
  if ((table.cpuMilli[k] as number) > shape.cpuFreeMilli || (table.memoryMiB[k] as number) > shape.memoryFreeMiB) return total;
  let fitting = 0;
  let tooFull = 0;
  for (let gpu = 0; gpu < shape.free.length; gpu++) {
    const left = shape.free[gpu] as number;
    if (left >= ((shape.kinds[gpu] as GpuKind).needs[k] as number)) fitting += 1;
    else tooFull += left;
  }
  return fitting >= (table.gpuCount[k] as number) ? tooFull : total;
}

function measureShape(shape: NodeShape, table: ClassTable): number {
  let total = 0;
  for (const share of shape.free) total += share;
  if (total <= 0) return 0;
  let expected = stranded(shape, total);
  const input = { table, total };
  for (let k = 0; k < table.popularity.length; k++) expected += (table.popularity[k] as number) * unusable(shape, k, input);
  return expected;
}

const sameKind = (left: GpuDevice, right: GpuDevice): boolean =>
  left.model === right.model && left.vendor === right.vendor
  && left.capacity.tflopsMilli === right.capacity.tflopsMilli && left.capacity.vramBytes === right.capacity.vramBytes;

/** The distribution's GPU kinds; a GPU like the one before it on its node (the usual case) takes no lookup. */
function kindsOf(table: ClassTable): (gpus: readonly GpuDevice[], index: number, previous: GpuKind | undefined) => GpuKind {
  const kinds = new Map<string, GpuKind>();
  return (gpus, index, previous) => {
    const gpu = gpus[index] as GpuDevice;
    const before = gpus[index - 1];
    if (previous !== undefined && before !== undefined && sameKind(before, gpu)) return previous;
    const key = `${gpu.model}/${gpu.vendor}/${gpu.capacity.tflopsMilli}/${gpu.capacity.vramBytes}`;
    let kind = kinds.get(key);
    if (kind === undefined) kinds.set(key, (kind = gpuKind(gpu, table, kinds.size)));
    return kind;
  };
}

/** How many node states a meter remembers the fragmentation of. */
const REMEMBERED_STATES = 100_000;

/** A meter for `distribution`; it remembers GPU kinds and node states, so build one per distribution. */
export function createFragmentationMeter(distribution: WorkloadDistribution): FragmentationMeter {
  const table = classTable(distribution);
  const kindAt = kindsOf(table);
  const keys = new WeakMap<GpuNode, string>();
  const values = createBoundedCache<number>(REMEMBERED_STATES);
  const shape = (node: GpuNode): NodeShape => {
    const kinds: GpuKind[] = [];
    node.gpus.forEach((_, index) => kinds.push(kindAt(node.gpus, index, kinds[index - 1])));
    const free = Float64Array.from(node.gpus, freeShareMilli);
    return { free, kinds, cpuFreeMilli: node.cpuFreeMilli ?? Infinity, memoryFreeMiB: node.memoryFreeMiB ?? Infinity };
  };
  const stateKey = (node: GpuNode): string => {
    let key = keys.get(node);
    if (key === undefined) {
      key = `${node.cpuFreeMilli ?? ''}|${node.memoryFreeMiB ?? ''}`;
      let kind: GpuKind | undefined;
      for (let index = 0; index < node.gpus.length; index++) {
        kind = kindAt(node.gpus, index, kind);
        key += `|${kind.id}:${freeShareMilli(node.gpus[index] as GpuDevice)}`;
      }
      keys.set(node, key);
    }
    return key;
  };
  const current = (node: GpuNode): number => {
    const key = stateKey(node);
    return values.get(key) ?? values.set(key, measureShape(shape(node), table));
  };
  return { shape, stateKey, current, measure: (candidate) => measureShape(candidate, table) };
}
