import type { KafkaMessage } from 'kafkajs';
import { AppError } from '../../core/errors.ts';
import { strictUtf8 } from '../../middleware/bytes.ts';
import { CONTENT_ENCODING, decodeContent } from '../../middleware/content-encoding.ts';
import { truncate } from '../../middleware/shorten.ts';

type Header = NonNullable<KafkaMessage['headers']>[string];

/** A header's text: the last value when it repeats. */
function headerText(header: Header): string | undefined {
  const last = Array.isArray(header) ? header.at(-1) : header;
  return last === undefined ? undefined : last.toString();
}

/**
 * The JSON value of a message read with kafkajs, gunzipped first when its `content-encoding` header says
 * gzip (as the node-agent sends gpu-metrics): what tools and tests read values with, so none parses a
 * gzipped value as text. A null value (tombstone) is `null`. Throws `INVALID_INPUT` naming what is wrong.
 */
export function messageJson(message: Pick<KafkaMessage, 'value' | 'headers' | 'offset'>): unknown {
  if (message.value === null) return null;
  const encoding = headerText(message.headers?.[CONTENT_ENCODING.header]);
  const content = decodeContent(message.value, encoding);
  const fail = (field: string, rule: string, received?: string): never => {
    throw new AppError('INVALID_INPUT', `message at offset ${message.offset}: ${field} must ${rule}${received === undefined ? '' : `, got ${JSON.stringify(received)}`}`);
  };
  if (!content.ok) return content.part === 'header' ? fail(`header ${CONTENT_ENCODING.header}`, content.rule, encoding) : fail('value', content.rule);
  const text = strictUtf8(content.bytes) ?? fail('value', 'be UTF-8 text');
  try {
    return JSON.parse(text);
  } catch {
    return fail('value', 'be JSON', truncate(text));
  }
}
