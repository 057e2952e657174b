// Reading the openb trace (shared/data/openb, cluster-trace-gpu-v2023) into the allocator's types.
import { readFileSync } from 'node:fs';
import type { AllocationRequest } from '../../../shared/core/allocation/allocation-request.ts';
import type { GpuNode, GpuSnapshot } from '../../../shared/core/allocation/gpu-snapshot.ts';
import { allowedModelNames } from '../../../shared/core/allocation/request-from-spec.ts';
import { extendCatalogue, parseCatalogueConfig } from '../../../shared/core/catalogue/catalogue-config.ts';
import type { GpuCatalogue } from '../../../shared/core/catalogue/gpu-catalogue.ts';
import { builtinCatalogue } from '../../../shared/core/catalogue/gpu-catalogue.ts';

/** One pod row: what it takes. `milli` is its whole GPU request in thousandths of a GPU. */
export interface TracePod {
  readonly name: string;
  readonly request: AllocationRequest;
  readonly milli: number;
}

/** The fleet and its GPU capacity in thousandths of a GPU. */
export interface TraceFleet {
  readonly snapshot: GpuSnapshot;
  readonly capacityMilli: number;
}

// The undisclosed openb models come from configuration; only their share matters to the protocol.
const OPENB_EXTRAS = { models: [{ model: 'G2', fp16Tflops: 125, vram: '32Gi' }, { model: 'G3', fp16Tflops: 65.5, vram: '24Gi' }] };

/** The built-in catalogue with the trace's G2 and G3. */
export function openbCatalogue(): GpuCatalogue {
  const parsed = parseCatalogueConfig(OPENB_EXTRAS);
  if (!parsed.ok) throw new Error('bad openb catalogue configuration');
  return extendCatalogue(builtinCatalogue, parsed.models);
}

function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const columns = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
  });
}

function traceNode(row: Record<string, string>, catalogue: GpuCatalogue): GpuNode {
  const spec = catalogue.lookup(row.model ?? '');
  if (spec === undefined) throw new Error(`unknown GPU model ${row.model} on ${row.sn}`);
  const gpus = Array.from({ length: Number(row.gpu) }, (_, index) => ({
    uuid: `${row.sn}-gpu${index}`, index, model: spec.model, vendor: spec.vendor,
    capacity: { tflopsMilli: spec.fp16TflopsMilli, vramBytes: spec.vramBytes },
    used: { tflopsMilli: 0, vramBytes: 0 }, allocations: 0, wholeGpuTaken: false,
  }));
  return {
    name: row.sn ?? '', pool: 'openb', labels: { 'tensor-fusion.ai/gpu-model': spec.model },
    cpuFreeMilli: Number(row.cpu_milli), memoryFreeMiB: Number(row.memory_mib), workers: 0, gpus,
  };
}

/** The node list as a snapshot with nothing booked. */
export function readFleet(path: string, catalogue: GpuCatalogue): TraceFleet {
  const nodes = readCsv(path).map((row) => traceNode(row, catalogue));
  const gpus = nodes.reduce((sum, node) => sum + node.gpus.length, 0);
  return { snapshot: { nodes }, capacityMilli: gpus * 1000 };
}

/**
 * The pod list as requests. A `gpu_milli` share is that fraction of compute and VRAM of whatever GPU
 * it lands on; `num_gpu` > 1 means whole GPUs on one node; `gpu_spec` lists the allowed models.
 * Identical rows share one request object.
 */
export function readPods(path: string, catalogue: GpuCatalogue): TracePod[] {
  const requests = new Map<string, AllocationRequest>();
  return readCsv(path).map((row) => {
    const gpuCount = Number(row.num_gpu);
    const share = gpuCount === 1 ? Number(row.gpu_milli) : gpuCount > 1 ? 1000 : 0;
    const key = [row.cpu_milli, row.memory_mib, gpuCount, share, row.gpu_spec ?? ''].join('/');
    let request = requests.get(key);
    if (request === undefined) {
      const percent = share * 100;
      request = {
        perGpu: { tflopsMilli: 0, computePercentMilli: percent, vramBytes: 0, vramPercentMilli: percent },
        gpuCount, gpuModels: allowedModelNames((row.gpu_spec ?? '').split('|').filter((name) => name !== ''), catalogue),
        vendor: undefined, dedicatedGpu: false, pool: undefined, nodeSelector: {}, requiredNodeAffinity: [], tolerations: [],
        cpuMilli: Number(row.cpu_milli), memoryMiB: Number(row.memory_mib), maxWorkersPerNode: 0, maxWorkersPerGpu: 0,
      };
      requests.set(key, request);
    }
    return { name: row.name ?? '', request, milli: share * gpuCount };
  });
}
