import { parseArgs } from 'node:util';

/** Output formats of `vgpuctl resolve`. */
export const OUTPUT_FORMATS = ['text', 'json', 'yaml'] as const;
/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What `vgpuctl resolve` was asked to do. */
export interface ResolveOptions {
  /** Manifests holding the pods (and possibly profiles and pools), `-f`. */
  readonly files: readonly string[];
  /** Files holding WorkloadProfiles, `--profile`. */
  readonly profiles: readonly string[];
  /** Files holding GPUPools, `--pool`. */
  readonly pools: readonly string[];
  /** A GPU catalogue file extending the built-in one, `--catalogue`. */
  readonly catalogue: string | undefined;
  readonly output: OutputFormat;
}

/** A parsed command line, or why it is not one (a usage error). */
export type ParsedArgs =
  | { readonly ok: true; readonly command: 'help' }
  | { readonly ok: true; readonly command: 'resolve'; readonly options: ResolveOptions }
  | { readonly ok: false; readonly message: string };

/** The text `vgpuctl --help` prints. */
export const USAGE = `Usage: vgpuctl resolve -f <file> [-f <file>...] [options]

Resolve the tensor-fusion.ai annotations of every Pod, Deployment, StatefulSet, ReplicaSet,
DaemonSet, Job and CronJob in the files into the vGPU request the control plane would use,
or list every problem found. WorkloadProfile and GPUPool documents in the files are used too.

Options:
  -f, --file <file>       manifest file (YAML or JSON, many documents); repeatable, required
      --profile <file>    WorkloadProfile file; repeatable
      --pool <file>       GPUPool file; repeatable. Without any pool, pools are not checked
      --catalogue <file>  GPU catalogue file ({ models: [...] }) extending the built-in one
  -o, --output <format>   text (default), json or yaml
  -h, --help              print this help

Exit status: 0 every pod resolved, 1 some input has problems, 2 usage error or unreadable file.
`;

const OPTIONS = {
  file: { type: 'string', short: 'f', multiple: true },
  profile: { type: 'string', multiple: true },
  pool: { type: 'string', multiple: true },
  catalogue: { type: 'string' },
  output: { type: 'string', short: 'o', default: 'text' },
  help: { type: 'boolean', short: 'h' },
} as const;

const isFormat = (value: string): value is OutputFormat => (OUTPUT_FORMATS as readonly string[]).includes(value);

function toResolve(values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'], extra: readonly string[]): ParsedArgs {
  if (extra.length > 0) return { ok: false, message: `unexpected argument "${extra[0]}" (files go after -f)` };
  const files = values.file ?? [];
  if (files.length === 0) return { ok: false, message: 'resolve needs at least one manifest: -f <file>' };
  if (!isFormat(values.output)) return { ok: false, message: `-o must be one of ${OUTPUT_FORMATS.join(', ')}, got "${values.output}"` };
  return {
    ok: true,
    command: 'resolve',
    options: { files, profiles: values.profile ?? [], pools: values.pool ?? [], catalogue: values.catalogue, output: values.output },
  };
}

/** Parse `vgpuctl`'s arguments (without the node and script paths). Never throws: a bad line is a usage error. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages go on with advice about `--`; the first sentence is the point.
    return { ok: false, message: (error instanceof Error ? error.message : String(error)).split('. ')[0] ?? '' };
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help === true || command === 'help') return { ok: true, command: 'help' };
  if (command === undefined) return { ok: false, message: 'a command is needed' };
  if (command !== 'resolve') return { ok: false, message: `unknown command "${command}" (the command is resolve)` };
  return toResolve(parsed.values, extra);
}
