// Command-line flags → runner options: serverless.yml's definition first, each flag over it, the stack's
// broker when none is named. Pure; main.ts does the reading.
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/core/errors.ts';
import type { RunnerConfigInput } from './config.ts';
import { parseHandlerOverride, type FunctionDefinition } from './load-function.ts';

/** The usage text. */
export const USAGE = `usage: node agents/function-runner/main.ts (--function <name> | --handler <module.ts#export> --topic <topic> [--group <id>]) [options]
  --function <name>            run serverless.yml's function <name> (handler, topic, batch settings, consumer group)
  --serverless <file>          serverless.yml to read (default: the repository's)     --stage <stage>  (default dev)
  --handler <module.ts#export> the handler to call (overrides the function's)           --name <function name>
  --topic <topic>              a topic to consume (repeatable; overrides the function's) --group <consumer group id>
  --brokers <h:p,h:p>          default: the local stack's broker (.vgpu/stack/endpoints.json)
  --batch-size <n> --batch-window-ms <ms> --max-batch-bytes <n> --max-retries <n> --backoff-base-ms <ms> --backoff-max-ms <ms>
  --event-source SelfManagedKafka|aws:kafka  --dead-letter-topic <topic>  --starting-position TRIM_HORIZON|LATEST
  --concurrency <partitions>   --timeout-ms <ms>  --session-timeout-ms <ms>  --fetch-min-bytes <n>
  --metrics-port <port>        serve /metrics and /healthz (0: a free port)           --metrics-host <host> (default 127.0.0.1)`;

const STRING_FLAGS = [
  'function', 'serverless', 'stage', 'handler', 'name', 'group', 'brokers', 'batch-size', 'batch-window-ms', 'max-batch-bytes', 'max-retries',
  'backoff-base-ms', 'backoff-max-ms', 'event-source', 'dead-letter-topic', 'starting-position', 'concurrency', 'timeout-ms',
  'session-timeout-ms', 'fetch-min-bytes', 'metrics-port', 'metrics-host',
] as const;

/** Parsed flags: each string flag once, `topic` repeatable. */
export type CliFlags = Partial<Record<(typeof STRING_FLAGS)[number], string>> & { readonly topic?: readonly string[]; readonly help?: boolean };

/** Parse `argv` (without node and the script); throws `INVALID_INPUT` on an unknown flag or a missing value. */
export function parseFlags(argv: readonly string[]): CliFlags {
  const options = Object.fromEntries([...STRING_FLAGS.map((name) => [name, { type: 'string' }] as const), ['topic', { type: 'string', multiple: true }], ['help', { type: 'boolean' }]]);
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as CliFlags;
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${error instanceof Error ? error.message : String(error)}\n${USAGE}`, { cause: error });
  }
}

const numberOf = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value));
const defined = <T extends object>(entries: T): Partial<T> =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Partial<T>;

/** The function's name and handler: the flags', else the definition's. */
function identity(flags: CliFlags, definition: FunctionDefinition | undefined): Pick<RunnerConfigInput, 'functionName' | 'handler'> {
  const handler = flags.handler === undefined ? definition?.handler : parseHandlerOverride(flags.handler);
  if (handler === undefined) throw new AppError('INVALID_INPUT', `name a function (--function) or a handler (--handler)\n${USAGE}`);
  const functionName = flags.name ?? definition?.functionName ?? handler.module.split('/').at(-1)?.replace(/\.[cm]?[jt]s$/, '') ?? 'handler';
  return { functionName, handler };
}

/**
 * Runner options from the flags over `definition` (serverless.yml's, when `--function` was given), with
 * `stackBrokers` when no `--brokers`. Validation is left to `parseRunnerConfig`, which names every bad value.
 */
export function toRunnerConfigInput(flags: CliFlags, definition: FunctionDefinition | undefined, stackBrokers: string | undefined): RunnerConfigInput {
  const { functionName, handler } = identity(flags, definition);
  const brokers = (flags.brokers ?? stackBrokers)?.split(',').map((broker) => broker.trim()).filter((broker) => broker !== '');
  const position = flags['starting-position'];
  return {
    ...defined({
      batchSize: definition?.batchSize, batchWindowMs: definition?.batchWindowMs, fromBeginning: definition?.fromBeginning,
      timeoutMs: definition?.timeoutMs, eventSource: definition?.eventSource,
    }),
    ...defined({
      batchSize: numberOf(flags['batch-size']), batchWindowMs: numberOf(flags['batch-window-ms']), maxBatchBytes: numberOf(flags['max-batch-bytes']),
      maxRetries: numberOf(flags['max-retries']), backoffBaseMs: numberOf(flags['backoff-base-ms']), backoffMaxMs: numberOf(flags['backoff-max-ms']),
      eventSource: flags['event-source'] as RunnerConfigInput['eventSource'], deadLetterTopic: flags['dead-letter-topic'],
      fromBeginning: position === undefined ? undefined : position === 'TRIM_HORIZON' ? true : position === 'LATEST' ? false : (position as unknown as boolean),
      concurrency: numberOf(flags.concurrency), timeoutMs: numberOf(flags['timeout-ms']), sessionTimeoutMs: numberOf(flags['session-timeout-ms']),
      fetchMinBytes: numberOf(flags['fetch-min-bytes']), metricsPort: numberOf(flags['metrics-port']), metricsHost: flags['metrics-host'],
    }),
    brokers: brokers ?? [],
    functionName,
    handler,
    topics: [...(flags.topic ?? definition?.topics ?? [])],
    groupId: flags.group ?? definition?.groupId ?? `vgpu-control-${functionName}`,
  };
}
