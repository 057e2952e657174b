import { mibToBytes } from './fields.ts';
import { lineIssue, type LineIssue, type Parsed } from './line-issue.ts';
import { parsePrometheusText, type PromSample } from './prometheus-text.ts';

/** The DCGM fields the node-agent reads (dcgm-exporter's default counters): utilisation %, framebuffer MiB. */
export const DCGM_FIELDS = {
  util: 'DCGM_FI_DEV_GPU_UTIL',
  used: 'DCGM_FI_DEV_FB_USED',
  free: 'DCGM_FI_DEV_FB_FREE',
  reserved: 'DCGM_FI_DEV_FB_RESERVED',
} as const;

/** A pod container a DCGM exporter attributes a GPU to (its `namespace`, `pod`, `container` labels). */
export interface DcgmWorkload {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
}

/** One GPU as a DCGM exporter reports it; a field it did not report is `undefined`. */
export interface DcgmGpu {
  readonly uuid: string;
  readonly index: number;
  readonly model: string;
  readonly hostname: string | undefined;
  readonly utilizationPercent: number | undefined;
  readonly usedBytes: number | undefined;
  /** Used + free + reserved framebuffer: the device's memory, when used and free are both reported. */
  readonly totalBytes: number | undefined;
  readonly workloads: readonly DcgmWorkload[];
}

interface Draft {
  uuid: string;
  index: number;
  model: string;
  hostname: string | undefined;
  fields: Map<string, number>;
  workloads: Map<string, DcgmWorkload>;
}

const FIELD_NAMES = new Set<string>(Object.values(DCGM_FIELDS));

/** The rule a DCGM sample breaks, or undefined. */
function ruleBroken(sample: PromSample): { field: string; rule: string; received: unknown } | undefined {
  const { labels, name, value } = sample;
  if ((labels['UUID'] ?? '') === '') return { field: `metrics ${name} UUID`, rule: 'be set (the GPU UUID label)', received: labels['UUID'] ?? '' };
  if (!/^\d{1,6}$/.test(labels['gpu'] ?? '')) return { field: `metrics ${name} gpu`, rule: 'be a GPU index (a whole number)', received: labels['gpu'] ?? '' };
  const max = name === DCGM_FIELDS.util ? 100 : Number.MAX_SAFE_INTEGER;
  if (!Number.isFinite(value) || value < 0 || value > max) return { field: `metrics ${name} value`, rule: max === 100 ? 'be a percentage from 0 to 100' : 'be a MiB count 0 or more', received: value };
  return undefined;
}

function addSample(drafts: Map<string, Draft>, sample: PromSample): void {
  const { labels } = sample;
  const uuid = labels['UUID'] as string;
  const draft = drafts.get(uuid) ?? {
    uuid, index: Number(labels['gpu']), model: labels['modelName'] ?? 'unknown', hostname: labels['Hostname'], fields: new Map(), workloads: new Map(),
  };
  draft.fields.set(sample.name, sample.value);
  const pod = labels['pod'] ?? '';
  const namespace = labels['namespace'] ?? '';
  if (pod !== '' && namespace !== '') {
    const container = labels['container'] ?? '';
    draft.workloads.set(`${namespace}/${pod}/${container}`, container === '' ? { namespace, pod } : { namespace, pod, container });
  }
  drafts.set(uuid, draft);
}

function toGpu(draft: Draft): DcgmGpu {
  const mib = (field: string) => draft.fields.get(field);
  const used = mib(DCGM_FIELDS.used);
  const free = mib(DCGM_FIELDS.free);
  const total = used === undefined || free === undefined ? undefined : used + free + (mib(DCGM_FIELDS.reserved) ?? 0);
  return {
    uuid: draft.uuid, index: draft.index, model: draft.model, hostname: draft.hostname,
    utilizationPercent: mib(DCGM_FIELDS.util),
    usedBytes: used === undefined ? undefined : mibToBytes(used),
    totalBytes: total === undefined ? undefined : mibToBytes(total),
    workloads: [...draft.workloads.values()],
  };
}

/**
 * The GPUs of a dcgm-exporter `/metrics` page: samples of {@link DCGM_FIELDS} grouped by their `UUID`
 * label, with `gpu` (index), `modelName` and `Hostname`, and the pods the exporter attributes each GPU to
 * (one series per pod container when the kubelet pod-resources mapping is on). Other metrics are ignored;
 * a sample of a read field without a UUID, with a bad index or an out-of-range value becomes an issue.
 */
export function parseDcgmMetrics(text: string): Parsed<DcgmGpu> {
  const page = parsePrometheusText(text);
  const issues: LineIssue[] = [...page.issues];
  const drafts = new Map<string, Draft>();
  for (const sample of page.values) {
    if (!FIELD_NAMES.has(sample.name)) continue;
    const broken = ruleBroken(sample);
    if (broken === undefined) addSample(drafts, sample);
    else issues.push(lineIssue(sample.line, broken.field, broken));
  }
  return { values: [...drafts.values()].map(toGpu).sort((a, b) => a.index - b.index), issues };
}
