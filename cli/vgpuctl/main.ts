import { formatIssue } from '../../shared/core/model/issue.ts';
import { parseCliArgs, USAGE, type ResolveOptions } from './args.ts';
import { loadInputs } from './load-inputs.ts';
import { render } from './render.ts';
import { resolvePods } from './resolve-pods.ts';

/** Exit statuses: every pod resolved, some input has problems, or the command line or a file could not be used. */
export const EXIT = { ok: 0, issues: 1, usage: 2 } as const;
/** One of {@link EXIT}. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where `vgpuctl` writes; tests pass collectors, {@link main} the process streams. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

async function resolveCommand(options: ResolveOptions, io: Io): Promise<ExitCode> {
  const loaded = await loadInputs(options);
  if (!loaded.ok) {
    io.stderr(loaded.issues.map((found) => `error: ${formatIssue(found)}\n`).join(''));
    return EXIT.usage;
  }
  const { inputs } = loaded;
  const notes = inputs.pools === undefined ? [...inputs.notes, 'no GPUPool given, so pool names are not checked'] : inputs.notes;
  const problems = [...notes.map((note) => `note: ${note}\n`), ...inputs.issues.map((found) => `error: ${formatIssue(found)}\n`)];
  if (problems.length > 0) io.stderr(problems.join(''));
  const results = resolvePods(inputs);
  io.stdout(render(results, options.output));
  const allResolved = results.every((result) => result.resolution.ok);
  return allResolved && inputs.issues.length === 0 ? EXIT.ok : EXIT.issues;
}

/**
 * Run `vgpuctl` with its arguments (no node or script path) and return the exit status. Output goes
 * through `io` only; nothing here exits the process, so tests run it in-process.
 */
export async function run(argv: readonly string[], io: Io): Promise<ExitCode> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.stderr(`vgpuctl: ${parsed.message}\nRun "vgpuctl --help" for usage.\n`);
    return EXIT.usage;
  }
  if (parsed.command === 'help') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  return resolveCommand(parsed.options, io);
}

/** Run `vgpuctl` on this process's arguments and streams, setting (not forcing) the exit status. */
export async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

if (import.meta.main) await main();
