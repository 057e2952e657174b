/** A structured log line with a level (JSON on stderr in production): the functions' and the node-agent's. */
export type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: Readonly<Record<string, unknown>>) => void;
