import { linesError } from '../../../shared/adapters/gpu/line-issue.ts';
import { parseDcgmMetrics, type DcgmGpu } from '../../../shared/adapters/gpu/dcgm-metrics.ts';
import { AppError } from '../../../shared/core/errors.ts';
import type { GpuSample, WorkloadSample } from '../../../shared/core/metrics/node-sample.ts';
import { splitByWeight } from '../../../shared/core/metrics/split-by-weight.ts';
import type { GpuSource, SampleReading } from './gpu-source.ts';

/** Fetches a URL's body as text; rejects on a failed request or a non-2xx answer. */
export type FetchText = (url: string) => Promise<string>;

/** The default fetcher: `fetch` with a timeout. */
export const fetchText = (timeoutMs: number): FetchText => async (url) => {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new AppError('DEPENDENCY_UNAVAILABLE', `dcgm-exporter ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!response.ok) throw new AppError('DEPENDENCY_UNAVAILABLE', `dcgm-exporter ${url}: HTTP ${response.status}`);
  return response.text();
};

async function readGpus(fetchPage: FetchText, url: string): Promise<DcgmGpu[]> {
  const parsed = parseDcgmMetrics(await fetchPage(url));
  if (parsed.issues.length > 0) throw linesError(`dcgm-exporter ${url}`, parsed.issues);
  return parsed.values;
}

/** The pods the exporter attributes a GPU to share its utilisation and memory evenly (device values, estimated per pod). */
function workloadsOf(gpu: DcgmGpu, sample: GpuSample): WorkloadSample[] {
  const shares = splitByWeight(1, gpu.workloads.map(() => 0));
  return gpu.workloads.map((workload, at) => ({
    ...workload, gpuUuid: gpu.uuid, computePercent: sample.computePercent * (shares[at] ?? 0), vramBytes: sample.vramBytes * (shares[at] ?? 0),
  }));
}

/**
 * GPUs from a dcgm-exporter `/metrics` page: utilisation (DCGM_FI_DEV_GPU_UTIL), memory used and total
 * (FB_USED, FB_USED + FB_FREE + FB_RESERVED), and the pods the exporter's kubelet mapping attributes each
 * GPU to. Device counters are not per process, so pods sharing a GPU split its values evenly (an estimate).
 */
export function createDcgmSource(options: { readonly url: string; readonly fetchPage: FetchText }): GpuSource {
  return {
    name: 'dcgm',
    async discover() {
      return (await readGpus(options.fetchPage, options.url)).flatMap((gpu) =>
        (gpu.totalBytes === undefined ? [] : [{ uuid: gpu.uuid, index: gpu.index, model: gpu.model, vramBytes: gpu.totalBytes }]));
    },
    async sample(atMs): Promise<SampleReading> {
      const rows = await readGpus(options.fetchPage, options.url);
      const complete = rows.flatMap((gpu) => (gpu.utilizationPercent === undefined || gpu.usedBytes === undefined ? [] : [{ gpu, sample: { uuid: gpu.uuid, computePercent: gpu.utilizationPercent, vramBytes: gpu.usedBytes } }]));
      return {
        sample: { atMs, gpus: complete.map(({ sample }) => sample), workloads: complete.flatMap(({ gpu, sample }) => workloadsOf(gpu, sample)) },
        incomplete: rows.length - complete.length,
      };
    },
  };
}
