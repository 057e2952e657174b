// A function's handler and Kafka trigger, read from serverless.yml: the runner runs what Lambda would.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../shared/core/errors.ts';
import { parseOptions } from '../../shared/middleware/parse-options.ts';
import type { EVENT_SOURCES } from './config.ts';
import { resolveVariables, type VariableContext } from './serverless-variables.ts';

/** Which module and export to call. */
export interface HandlerReference {
  readonly module: string;
  readonly exportName: string;
}

/** What serverless.yml says about one Kafka-triggered function, in the runner's terms. */
export interface FunctionDefinition {
  readonly functionName: string;
  readonly handler: HandlerReference;
  readonly topics: readonly string[];
  readonly eventSource: (typeof EVENT_SOURCES)[number];
  readonly groupId?: string;
  readonly batchSize?: number;
  readonly batchWindowMs?: number;
  readonly fromBeginning?: boolean;
  readonly timeoutMs?: number;
}

/** Where to read it from. */
export interface LoadFunctionOptions {
  readonly functionName: string;
  /** Stage for `${sls:stage}` and `params.<stage>`; `dev` as serverless defaults it. */
  readonly stage?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const triggerSchema = z.object({
  topic: z.string({ error: 'be a topic name' }).min(1, { error: 'be a topic name' }),
  consumerGroupId: z.string({ error: 'be text' }).min(1, { error: 'not be empty' }).optional(),
  batchSize: z.int({ error: 'be a whole number' }).min(1, { error: 'be 1 or more' }).optional(),
  maximumBatchingWindow: z.number({ error: 'be a number of seconds' }).min(0, { error: 'be 0 or more' }).optional(),
  startingPosition: z.enum(['TRIM_HORIZON', 'LATEST'], { error: 'be TRIM_HORIZON or LATEST' }).optional(),
});
const TRIGGER_FIELDS = ['enabled', 'topic', 'consumerGroupId', 'batchSize', 'maximumBatchingWindow', 'startingPosition'] as const;

/** `functions/x/handler.handler` (serverless's `path.export`) → module `functions/x/handler.ts`, export `handler`. */
export function parseHandlerReference(reference: string): HandlerReference {
  const dot = reference.lastIndexOf('.');
  if (dot <= 0 || dot === reference.length - 1) throw new AppError('INVALID_INPUT', `handler must be path/to/module.export, got ${JSON.stringify(reference)}`);
  return { module: `${reference.slice(0, dot)}.ts`, exportName: reference.slice(dot + 1) };
}

/** `--handler path/to/module.ts#export` (export `handler` when left out). */
export function parseHandlerOverride(reference: string): HandlerReference {
  const [module = '', exportName = 'handler', ...rest] = reference.split('#');
  if (module === '' || exportName === '' || rest.length > 0) throw new AppError('INVALID_INPUT', `--handler must be path/to/module.ts#export, got ${JSON.stringify(reference)}`);
  return { module, exportName };
}

/** The first `kafka` (self-managed) or `msk` event that is not switched off, its fields resolved. */
function kafkaTrigger(events: unknown, context: VariableContext, where: string): { eventSource: FunctionDefinition['eventSource']; fields: Record<string, unknown> } {
  for (const event of Array.isArray(events) ? events : []) {
    for (const [kind, eventSource] of [['kafka', 'SelfManagedKafka'], ['msk', 'aws:kafka']] as const) {
      const body: unknown = (event as Record<string, unknown> | null)?.[kind];
      if (typeof body !== 'object' || body === null) continue;
      const fields = Object.fromEntries(TRIGGER_FIELDS.map((name) => [name, resolveVariables((body as Record<string, unknown>)[name], context)]));
      if (fields['enabled'] === false || fields['enabled'] === 'false') continue;
      return { eventSource, fields };
    }
  }
  throw new AppError('NOT_FOUND', `${where} has no enabled kafka or msk event`);
}

/** The definition of `options.functionName` in a parsed serverless.yml `document`. Throws INVALID_INPUT or NOT_FOUND naming the place. */
export function functionDefinitionOf(document: unknown, options: LoadFunctionOptions): FunctionDefinition {
  const context: VariableContext = { root: document, stage: options.stage ?? 'dev', env: options.env ?? {} };
  const where = `serverless.yml functions.${options.functionName}`;
  const definition: unknown = (document as { functions?: Record<string, unknown> } | null)?.functions?.[options.functionName];
  if (typeof definition !== 'object' || definition === null) throw new AppError('NOT_FOUND', `${where} does not exist`);
  const { handler, events, timeout } = definition as Record<string, unknown>;
  const { eventSource, fields } = kafkaTrigger(events, context, where);
  const trigger = parseOptions(`${where} kafka event`, triggerSchema, fields);
  const timeoutSeconds = resolveVariables(timeout ?? (document as { provider?: { timeout?: unknown } }).provider?.timeout, context);
  return {
    functionName: options.functionName,
    handler: parseHandlerReference(String(resolveVariables(handler, context))),
    topics: [trigger.topic],
    eventSource,
    ...(trigger.consumerGroupId === undefined ? {} : { groupId: trigger.consumerGroupId }),
    ...(trigger.batchSize === undefined ? {} : { batchSize: trigger.batchSize }),
    ...(trigger.maximumBatchingWindow === undefined ? {} : { batchWindowMs: Math.round(trigger.maximumBatchingWindow * 1000) }),
    ...(trigger.startingPosition === undefined ? {} : { fromBeginning: trigger.startingPosition === 'TRIM_HORIZON' }),
    ...(typeof timeoutSeconds === 'number' ? { timeoutMs: timeoutSeconds * 1000 } : {}),
  };
}

/** Read `file` (serverless.yml) and define `options.functionName`, its handler module made absolute (relative to the file). */
export function loadFunction(file: string, options: LoadFunctionOptions): FunctionDefinition {
  // Unknown CloudFormation tags (!GetAtt, !Sub) parse as plain values; the runner never reads them.
  const document: unknown = parse(readFileSync(file, 'utf8'), { logLevel: 'silent' });
  const definition = functionDefinitionOf(document, options);
  return { ...definition, handler: { ...definition.handler, module: resolve(dirname(file), definition.handler.module) } };
}
