import type { LogEntry, logCreator } from 'kafkajs';

/** Log levels, most severe first. */
export const KAFKA_LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/** One line from kafkajs, flattened: level, kafkajs namespace (`Producer`, `Connection`), message, extra fields. */
export interface KafkaLogEntry {
  readonly level: (typeof KAFKA_LOG_LEVELS)[number];
  readonly namespace: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Where kafkajs's log lines go: a small sink, so the runner and Lambda choose the format. */
export interface KafkaLogger {
  log(entry: KafkaLogEntry): void;
}

/** Writes one JSON line per entry to stderr (CloudWatch and kubectl logs both read it). */
export const stderrKafkaLogger: KafkaLogger = {
  log: (entry) => console.error(JSON.stringify({ source: 'kafkajs', ...entry })),
};

// kafkajs levels: NOTHING 0, ERROR 1, WARN 2, INFO 4, DEBUG 5 (kafkajs src/loggers/index.js).
const levelOf = (level: number): KafkaLogEntry['level'] => (level <= 1 ? 'error' : level === 2 ? 'warn' : level === 4 ? 'info' : 'debug');

/** Fields of a kafkajs log line that the entry carries elsewhere (or the sink adds). */
const OWN_FIELDS: ReadonlySet<string> = new Set(['message', 'timestamp', 'logger']);

/** A kafkajs `logCreator` that routes every line to `logger`. */
export function toLogCreator(logger: KafkaLogger): logCreator {
  return () => (entry: LogEntry) => {
    const fields = Object.fromEntries(Object.entries(entry.log).filter(([name]) => !OWN_FIELDS.has(name)));
    logger.log({ level: levelOf(entry.level), namespace: entry.namespace, message: entry.log.message, fields });
  };
}
