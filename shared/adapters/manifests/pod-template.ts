import { invalidInput, type Issue } from '../../core/model/issue.ts';
import { dotPath, formatZodIssues } from '../../schemas/format-issues.ts';
import { podSchema, type Pod } from '../../schemas/pod.ts';

/** Where each workload kind keeps its pod template (a Pod is its own template). */
export const TEMPLATE_PATHS = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
} as const satisfies Record<string, readonly string[]>;

/** A kind listed in {@link TEMPLATE_PATHS}. */
export type TemplateKind = keyof typeof TEMPLATE_PATHS;

type Data = Readonly<Record<string, unknown>>;

const isData = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** Whether documents of `kind` hold a pod template. */
export function hasPodTemplate(kind: string): kind is TemplateKind {
  return Object.hasOwn(TEMPLATE_PATHS, kind);
}

/** The value at `path` in plain data, or `undefined` where a step is missing or not an object. */
export function objectAt(content: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((current, key) => (isData(current) ? current[key] : undefined), content);
}

/** A document's `kind`, when it is a non-empty string. */
export const kindOf = (content: unknown): string | undefined => text(objectAt(content, ['kind']));
/** A document's `metadata.name`, when it is a non-empty string. */
export const nameOf = (content: unknown): string | undefined => text(objectAt(content, ['metadata', 'name']));

/** A `formatZodIssues` place function naming fields after `prefix`: `WorkloadProfile example spec.qos`. */
export function placeIn(prefix: string): (path: readonly PropertyKey[]) => string {
  return (path) => (path.length === 0 ? prefix : `${prefix} ${dotPath(path)}`);
}

/** Annotation and label keys are named as the user wrote them; other fields by their path in the document. */
function podPlace(prefix: string, templatePath: readonly string[]): (path: readonly PropertyKey[]) => string {
  return (path) => {
    const [metadata, map, key] = path;
    if (metadata === 'metadata' && path.length === 3 && typeof key === 'string') {
      if (map === 'annotations') return key;
      if (map === 'labels') return `label ${key}`;
    }
    return placeIn(prefix)([...templatePath, ...path]);
  };
}

/** The template named after its workload and, when it names none, in the workload's namespace. */
function asPod(template: Data, workload: unknown): Data {
  const metadata = template.metadata ?? {};
  if (!isData(metadata)) return template;
  const name = nameOf(workload);
  const namespace = text(metadata.namespace) ?? text(objectAt(workload, ['metadata', 'namespace']));
  return { ...template, metadata: { ...metadata, ...(name === undefined ? {} : { name }), ...(namespace === undefined ? {} : { namespace }) } };
}

/**
 * The pod template of a workload document, parsed with the pod schema, or every issue found, each
 * naming its place (`tensor-fusion.ai/gpu-count`, `Deployment web spec.template.spec.containers[0].name`).
 */
export function podTemplateOf(content: unknown, kind: TemplateKind): { ok: true; pod: Pod } | { ok: false; issues: Issue[] } {
  const path: readonly string[] = TEMPLATE_PATHS[kind];
  const prefix = `${kind} ${nameOf(content) ?? '?'}`;
  const template = objectAt(content, path);
  if (!isData(template)) {
    return { ok: false, issues: [invalidInput(placeIn(prefix)(path), 'be a pod template with metadata and spec', template)] };
  }
  const parsed = podSchema.safeParse(path.length === 0 ? template : asPod(template, content), { reportInput: true });
  if (parsed.success) return { ok: true, pod: parsed.data };
  return { ok: false, issues: formatZodIssues(parsed.error.issues, podPlace(prefix, path)) };
}
