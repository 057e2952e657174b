import { formatIssue } from '../../shared/core/model/issue.ts';
import type { Origin, ResourceAmounts, WorkloadSpec } from '../../shared/core/model/workload-spec.ts';
import { formatBytes, formatMilli } from '../../shared/core/quantity/format-quantity.ts';
import { ENABLED_LABEL } from '../../shared/schemas/annotation-keys.ts';
import type { PodResult } from './resolve-pods.ts';

type Row = readonly [label: string, value: string];

/** How each origin reads after "from". */
const ORIGIN_TEXT: Readonly<Record<Origin, string>> = {
  annotation: 'annotation', profile: 'profile', pool: 'pool default', request: 'request', limit: 'limit',
  dedicated: 'dedicated GPU', containers: 'containers', derived: 'owner', default: 'default',
};

/** The origins the rows below show inline; any other is listed on its own row. */
const INLINE = new Set(['workload', 'pool', 'qos', 'gpuCount', 'gpuModel', 'computeRequest', 'vramRequest', 'computeLimit', 'vramLimit', 'isLocalGpu', 'isolation']);

const from = (origin: Origin | undefined): string => (origin === undefined ? '' : ` (from ${ORIGIN_TEXT[origin]})`);
const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
const onOff = (value: boolean): string => (value ? 'on' : 'off');

/** `tflops 10, vram 4Gi`, or `compute 50%, vram 4Gi` when the share is a percent of the GPU. */
export function formatAmounts(amounts: ResourceAmounts): string {
  const compute = amounts.computePercentMilli > 0 ? `compute ${formatMilli(amounts.computePercentMilli)}%` : `tflops ${formatMilli(amounts.tflopsMilli)}`;
  return `${compute}, vram ${formatBytes(amounts.vramBytes)}`;
}

function amountOrigins(compute: Origin | undefined, vram: Origin | undefined): string {
  if (compute === vram) return from(compute);
  const parts = [compute && `compute from ${ORIGIN_TEXT[compute]}`, vram && `vram from ${ORIGIN_TEXT[vram]}`].filter(Boolean);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

function autoScalingText(spec: WorkloadSpec): string {
  const { autoSetResources, autoSetReplicas, cronScalingRules, externalScaler } = spec.autoScaling;
  const target = autoSetResources.enable && autoSetResources.targetResource !== undefined ? ` (${autoSetResources.targetResource})` : '';
  const parts = [`resources ${onOff(autoSetResources.enable)}${target}`, `replicas ${onOff(autoSetReplicas.enable)}`];
  if (cronScalingRules.length > 0) parts.push(`${cronScalingRules.length} cron rule(s)`);
  if (externalScaler?.enable === true) parts.push('external scaler');
  return parts.join(', ');
}

function optionalRows(spec: WorkloadSpec): Row[] {
  const rows: (Row | false)[] = [
    spec.dedicatedGpu && ['dedicated gpu', 'yes'],
    spec.vendor !== undefined && ['vendor', spec.vendor],
    spec.gpuIndices !== undefined && ['gpu indices', spec.gpuIndices.join(', ')],
    spec.partitionId !== undefined && ['partition', spec.partitionId],
    spec.disabledFeatures.length > 0 && ['disabled', spec.disabledFeatures.join(', ')],
    spec.enabledReplicas !== undefined && ['enabled replicas', String(spec.enabledReplicas)],
    spec.replicas !== undefined && ['vGPU workers', String(spec.replicas)],
  ];
  const others = Object.entries(spec.origins).filter(([field]) => !INLINE.has(field));
  if (others.length > 0) rows.push(['other origins', others.map(([field, origin]) => `${field} from ${ORIGIN_TEXT[origin]}`).join(', ')]);
  return rows.filter((row): row is Row => row !== false);
}

/** The summary rows of a resolved spec, each value followed by where it came from. */
export function specRows(spec: WorkloadSpec): Row[] {
  const o = spec.origins;
  return [
    ['enabled', spec.enabled ? 'yes' : `no (label ${ENABLED_LABEL} is not "true", so TensorFusion leaves the pod alone)`],
    ['workload', spec.workload + (o.workload === 'default' ? ' (from the pod name)' : from(o.workload))],
    ['profile', spec.profile ?? 'none'],
    ['pool', spec.pool === undefined ? 'none named (the default pool)' : spec.pool + from(o.pool)],
    ['qos', spec.qos + from(o.qos)],
    ['gpu count', String(spec.gpuCount) + from(o.gpuCount)],
    ['gpu models', (spec.gpuModels.length === 0 ? 'any' : spec.gpuModels.join(', ')) + from(o.gpuModel)],
    ['requests', `${formatAmounts(spec.requests)} per GPU${amountOrigins(o.computeRequest, o.vramRequest)}`],
    ['limits', `${formatAmounts(spec.limits)} per GPU${amountOrigins(o.computeLimit, o.vramLimit)}`],
    ['totals', `requests ${formatAmounts(spec.totals.requests)}; limits ${formatAmounts(spec.totals.limits)}`],
    ['gpu', (spec.isLocalGpu ? 'local' : 'remote') + from(o.isLocalGpu)],
    ['standalone', yesNo(spec.standaloneWorker)],
    ['isolation', spec.isolation + from(o.isolation)],
    ['inject', spec.injectContainers.length === 0 ? 'none' : spec.injectContainers.join(', ')],
    ['autoscaling', autoScalingText(spec)],
    ...optionalRows(spec),
  ];
}

/** One pod as text: its source, the summary when it resolved, then `warning:` and `error:` lines. */
export function renderText(result: PodResult): string {
  const { resolution } = result;
  const rows = resolution.ok ? specRows(resolution.spec) : [];
  const width = Math.max(0, ...rows.map(([label]) => label.length)) + 2;
  const lines = [
    `${result.source}: ${resolution.ok ? 'resolved' : `${resolution.issues.length} error(s)`}`,
    ...rows.map(([label, value]) => `  ${`${label}:`.padEnd(width)}${value}`),
    ...resolution.warnings.map((found) => `warning: ${formatIssue(found)}`),
    ...(resolution.ok ? [] : resolution.issues.map((found) => `error: ${formatIssue(found)}`)),
  ];
  return `${lines.join('\n')}\n`;
}
