import type { z } from 'zod';
import { AppError } from '../core/errors.ts';
import { formatIssue } from '../core/model/issue.ts';
import { dotPath, formatZodIssues } from '../schemas/format-issues.ts';

/**
 * Validate a middleware factory's options when the handler is built, so a wiring mistake fails at cold
 * start with every issue named (`deadLetter option publisher must be ...`), not on the first record.
 * Throws `AppError` `INVALID_INPUT`.
 */
export function parseOptions<S extends z.ZodType>(middleware: string, schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issues = formatZodIssues(parsed.error.issues, (path) => `${middleware} option${path.length === 0 ? 's' : ` ${dotPath(path)}`}`);
  throw new AppError('INVALID_INPUT', issues.map(formatIssue).join('; '), { details: { issues } });
}

/** Whether `value` has a callable `name` property: how options accept ports and zod schemas without knowing their class. */
export function hasMethod(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[name] === 'function';
}
