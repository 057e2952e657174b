import type { KubeHttp } from '../../shared/adapters/kubernetes/informers/kube-http.ts';
import { createInformer, type Informer } from '../../shared/adapters/kubernetes/informers/informer.ts';
import type { AppError } from '../../shared/core/errors.ts';
import type { Clock } from '../../shared/ports/clock.ts';
import { createChangeTracker, type ChangeTracker, type PendingChange } from './change-tracker.ts';
import type { MessageSink } from '../../shared/adapters/kafka/message-sink.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { renderAgentMetrics } from './agent-metrics.ts';
import { startPublishLoop, type PublishLoop } from './publish-loop.ts';
import { createStateJournal, type SentState } from './state-journal.ts';
import { watchedKind, type KindName, type WatchScope } from './watched-kinds.ts';

/** Everything a cluster-agent needs. */
export interface ClusterAgentOptions {
  readonly clusterId: string;
  readonly http: KubeHttp;
  readonly sink: MessageSink;
  readonly topic: string;
  readonly kinds: readonly KindName[];
  readonly scope: WatchScope;
  /** The journal of published state (see `state-journal.ts`). */
  readonly stateFile: string;
  /** At most this many objects wait for Kafka; then the informers are held back. */
  readonly bufferSize: number;
  readonly batchSize: number;
  readonly watchTimeoutSeconds: number;
  readonly clock: Clock;
  readonly log: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

/** A running cluster-agent. */
export interface ClusterAgent {
  /** Resolves once every informer has handed on its first list. */
  readonly synced: Promise<void>;
  metrics(): string;
  ready(): { readonly ok: boolean; readonly reason?: string };
  /** Stop watching, publish what is buffered (for `drainMs` at most), and stop. */
  stop(drainMs: number): Promise<void>;
}

/** A send stuck longer than this makes the agent not ready (Kafka is likely down). */
export const STALLED_SEND_MS = 30_000;

/** The parts of a running agent that its metrics and readiness read. */
export interface AgentParts {
  readonly informers: ReadonlyMap<KindName, Informer>;
  readonly outbox: Outbox<PendingChange>;
  readonly tracker: ChangeTracker;
  readonly publisher: PublishLoop;
  readonly bufferSize: number;
  /** How many objects the agent knows as published (deletes are forgotten once acknowledged). */
  readonly knownObjects: () => number;
}

function readiness(parts: AgentParts, synced: () => boolean): { ok: boolean; reason?: string } {
  if (!synced()) return { ok: false, reason: 'informers have not listed yet' };
  const since = parts.publisher.stats().sendingSinceMs;
  if (since !== undefined && Date.now() - since > STALLED_SEND_MS) return { ok: false, reason: `a Kafka send has been waiting for ${Math.round((Date.now() - since) / 1000)} s` };
  return { ok: true };
}

/**
 * Start a cluster-agent: one informer per kind feeding the change tracker, which queues changed objects
 * in the coalescing outbox, which the publish loop sends to `topic`. The published state is loaded from
 * `stateFile` first, so the first lists resend only what changed while the agent was away, and report
 * what was deleted meanwhile.
 */
export function startClusterAgent(options: ClusterAgentOptions): ClusterAgent {
  const journal = createStateJournal(options.stateFile);
  const known = journal.load();
  const outbox = createOutbox<PendingChange>(options.bufferSize);
  const stamp = () => ({ clusterId: options.clusterId, time: options.clock.now().toISOString(), source: 'cluster-agent' });
  const tracker = createChangeTracker({ known, outbox, stamp, onInvalid: (error) => options.log('warn', 'an object breaks its event contract; not published', { error: error.message }) });
  const onError = (error: AppError) => options.log('warn', 'publishing to Kafka failed; retrying', { code: error.code, error: error.message, buffered: outbox.size() });
  // A delete Kafka acknowledged is forgotten (unless a newer state replaced it), so churn does not grow the map.
  const onAcked = (states: readonly SentState[]) => { for (const { key, state } of states) if (state.deleted && known.get(key) === state) known.delete(key); };
  const publisher = startPublishLoop({ outbox, journal, sink: options.sink, topic: options.topic, batchSize: options.batchSize, onError, onAcked });
  const informers = new Map(options.kinds.map((name) => {
    const kind = watchedKind(name, options.scope);
    const informer = createInformer({
      http: options.http, resource: kind.resource, handler: tracker.handlerFor(kind), watchTimeoutSeconds: options.watchTimeoutSeconds,
      onError: (error) => options.log('warn', `watching ${name} failed`, { code: error.code, error: error.message }),
    });
    return [name, informer] as const;
  }));
  let synced = false;
  const parts: AgentParts = { informers, outbox, tracker, publisher, bufferSize: options.bufferSize, knownObjects: () => known.size };
  const all = Promise.all([...informers.values()].map((informer) => informer.synced)).then(() => { synced = true; });
  options.log('info', 'watching', { kinds: options.kinds, namespace: options.scope.namespace ?? '(all)', known: known.size });
  return {
    synced: all,
    metrics: () => renderAgentMetrics(parts),
    ready: () => readiness(parts, () => synced),
    async stop(drainMs) {
      await Promise.all([...informers.values()].map((informer) => informer.stop()));
      await publisher.stop(drainMs);
      journal.compactIfLarge();
    },
  };
}
