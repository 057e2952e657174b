// The few serverless.yml variable sources the runner needs to read a function's Kafka trigger
// (https://www.serverless.com/framework/docs/guides/variables): self, sls/opt stage, env and param, each
// with an optional fallback (`${env:X, 'default'}`). Anything else is refused, naming the reference.
import { AppError } from '../../shared/core/errors.ts';

/** What references resolve against. */
export interface VariableContext {
  /** The whole parsed serverless.yml, for `${self:...}`. */
  readonly root: unknown;
  readonly stage: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const REFERENCE = /\$\{([^${}]*)\}/;
const WHOLE = /^\$\{([^${}]*)\}$/;
const MAX_DEPTH = 10;

/** The value at a dotted path (`custom.kafka.topics.gpuMetrics`), or undefined. */
function at(root: unknown, path: string): unknown {
  let value = root;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** A fallback literal: a quoted string, a number or a boolean. */
function literal(text: string): unknown {
  const quoted = /^(['"])(.*)\1$/.exec(text);
  if (quoted !== null) return quoted[2];
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return undefined;
}

function lookup(source: string, address: string, context: VariableContext): unknown {
  if (source === 'self') return at(context.root, address);
  if ((source === 'sls' || source === 'opt') && address === 'stage') return context.stage;
  if (source === 'env') return context.env[address];
  if (source === 'param') return at(context.root, `params.${context.stage}.${address}`) ?? at(context.root, `params.default.${address}`);
  throw new AppError('INVALID_INPUT', `serverless variable source ${source} is not supported by the runner`);
}

/** The value of one reference body (`self:custom.x, 'fallback'`). */
function resolveReference(body: string, context: VariableContext): unknown {
  const comma = body.indexOf(',');
  const [reference, fallback] = comma < 0 ? [body.trim(), undefined] : [body.slice(0, comma).trim(), body.slice(comma + 1).trim()];
  const colon = reference.indexOf(':');
  if (colon < 0) throw new AppError('INVALID_INPUT', `serverless variable \${${body}} must be source:address`);
  const value = lookup(reference.slice(0, colon), reference.slice(colon + 1), context);
  if (value !== undefined) return value;
  const fallbackValue = fallback === undefined ? undefined : literal(fallback);
  if (fallbackValue === undefined) throw new AppError('INVALID_INPUT', `serverless variable \${${body}} resolves to nothing`);
  return fallbackValue;
}

/**
 * `value` with every `${source:address, fallback}` in it resolved, innermost first. A string that is
 * exactly one reference takes the referenced value's type (`${self:custom.kafka.batchSize}` → 100).
 * Throws `INVALID_INPUT` naming a reference it cannot resolve.
 */
export function resolveVariables(value: unknown, context: VariableContext, depth = 0): unknown {
  if (typeof value !== 'string' || !REFERENCE.test(value)) return value;
  if (depth > MAX_DEPTH) throw new AppError('INVALID_INPUT', `serverless variable ${value} refers to itself`);
  const whole = WHOLE.exec(value);
  if (whole !== null) return resolveVariables(resolveReference(whole[1] ?? '', context), context, depth + 1);
  const replaced = value.replace(REFERENCE, (_match, body: string) => String(resolveVariables(resolveReference(body, context), context, depth + 1)));
  return resolveVariables(replaced, context, depth + 1);
}
