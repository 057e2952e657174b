import type { Issue } from '../core/model/issue.ts';

/** `text` shortened to `max` characters with an ellipsis, for messages. */
export const truncate = (text: string, max = 120): string => (text.length <= max ? text : `${text.slice(0, max)}…`);

/**
 * `found` with a large received value replaced by the start of its JSON text, so a message that quotes
 * it stays readable (and a dead letter small) when a whole object had the wrong shape.
 */
export function compactIssue(found: Issue, max = 120): Issue {
  if (!('received' in found)) return found;
  const json = JSON.stringify(found.received) ?? String(found.received);
  return json.length <= max ? found : { ...found, received: truncate(json, max) };
}
