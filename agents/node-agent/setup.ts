import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import type { KubeHttp } from '../../shared/adapters/kubernetes/informers/kube-http.ts';
import { createNodePodLookup, type PodLookup } from '../../shared/adapters/kubernetes/informers/node-pod-lookup.ts';
import { linesError } from '../../shared/adapters/gpu/line-issue.ts';
import { GENTD26_MEASURES } from '../../shared/adapters/gpu/gentd26-series.ts';
import { extendCatalogue, parseCatalogueConfig } from '../../shared/core/catalogue/catalogue-config.ts';
import { builtinCatalogue, type GpuCatalogue } from '../../shared/core/catalogue/gpu-catalogue.ts';
import { DEFAULT_POOL_KEY } from '../../shared/schemas/events/key-for.ts';
import { AppError } from '../../shared/core/errors.ts';
import { formatIssue } from '../../shared/core/model/issue.ts';
import type { Log } from '../../shared/ports/log.ts';
import type { NodeAgentConfig } from './config.ts';
import { readGentd26Series, readOpenbFleet } from './replay/read-trace.ts';
import { planReplay, type ReplayPlan } from './replay/replay-plan.ts';
import { createDcgmSource, fetchText } from './sources/dcgm-source.ts';
import type { GpuSource } from './sources/gpu-source.ts';
import { createNvidiaSmiSource } from './sources/nvidia-smi-source.ts';
import { NODE_POOL_LABEL } from '../../shared/schemas/annotation-keys.ts';

/** The built-in catalogue, extended by `--catalogue <file>` (YAML or JSON). */
export async function loadCatalogue(path: string | undefined): Promise<GpuCatalogue> {
  if (path === undefined) return builtinCatalogue;
  const parsed = parseCatalogueConfig(parse(await readFile(path, 'utf8')) as unknown);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', `catalogue ${path}: ${parsed.issues.map(formatIssue).join('; ')}`, { details: { issues: parsed.issues } });
  return extendCatalogue(builtinCatalogue, parsed.models);
}

/** The replay plan from the configured series and fleet; bad lines are logged (counted), a bad file fails. */
export async function loadReplayPlan(config: NodeAgentConfig, context: { readonly catalogue: GpuCatalogue; readonly log: Log }): Promise<ReplayPlan> {
  const [dutyCycle, memory, fleet] = await Promise.all([
    readGentd26Series(join(config.replayDir, GENTD26_MEASURES.dutyCycle.file), 'dutyCycle'),
    readGentd26Series(join(config.replayDir, GENTD26_MEASURES.memoryBytes.file), 'memoryBytes'),
    readOpenbFleet(config.fleet),
  ]);
  if (fleet.issues.length > 0) throw linesError(`fleet ${config.fleet}`, fleet.issues);
  for (const [name, read] of [['duty cycle', dutyCycle], ['memory', memory]] as const) {
    if (read.badLines > 0) context.log('warn', `replay ${name} series has bad lines; they are left out`, { badLines: read.badLines, first: read.issues.slice(0, 3).map(formatIssue) });
  }
  return planReplay({
    dutyCycle: dutyCycle.values, memory: memory.values, fleet: fleet.values, catalogue: context.catalogue,
    ...(config.replayNodes === undefined ? {} : { nodeCount: config.replayNodes }), ...(config.replayDurationMs === undefined ? {} : { durationMs: config.replayDurationMs }),
  });
}

const run = promisify(execFile);

/** The live GPU source the config names. */
export function liveSource(config: NodeAgentConfig, pods: PodLookup): GpuSource {
  if (config.source === 'dcgm') return createDcgmSource({ url: config.dcgmUrl, fetchPage: fetchText(5_000) });
  return createNvidiaSmiSource({
    binary: config.nvidiaSmi, procRoot: config.procRoot, pods,
    run: async (command, args) => {
      try {
        return (await run(command, [...args], { timeout: 10_000 })).stdout;
      } catch (error) {
        throw new AppError('DEPENDENCY_UNAVAILABLE', `${command} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    },
  });
}

/** Pods of this node by UID (none without cluster access: processes are then no workload's). */
export function podLookup(http: KubeHttp | undefined, node: string, log: Log): PodLookup {
  if (http === undefined) return { byUid: async () => undefined };
  return createNodePodLookup({ http, node, refreshMs: 10_000, onError: (error) => log('warn', 'listing this node\'s pods failed', { error: String(error) }) });
}

/** The node's pool: `--pool`, else its `tensor-fusion.ai/pool` label (RBAC: get nodes), else the default pool. */
export function poolOf(config: NodeAgentConfig, http: KubeHttp | undefined): () => Promise<string> {
  return async () => {
    if (config.pool !== undefined) return config.pool;
    if (http === undefined || config.node === undefined) return DEFAULT_POOL_KEY;
    const node = await http.getJson(`/api/v1/nodes/${config.node}`, {}, AbortSignal.timeout(10_000)) as { metadata?: { labels?: Record<string, string> } };
    return node.metadata?.labels?.[NODE_POOL_LABEL] ?? DEFAULT_POOL_KEY;
  };
}
