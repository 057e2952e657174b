import type { InformerStats } from '../../shared/adapters/kubernetes/informers/informer.ts';
import type { AgentParts } from './cluster-agent.ts';
import { renderFamilies, single, type Family } from '../shared/prometheus.ts';

const PREFIX = 'vgpu_cluster_agent';

function perKind(parts: AgentParts, pick: (stats: InformerStats) => number): Family['series'] {
  return [...parts.informers].map(([kind, informer]) => ({ labels: { kind }, value: pick(informer.stats()) }));
}

/** The cluster-agent's `/metrics` text: events published, relists, buffer depth, and what was skipped or refused. */
export function renderAgentMetrics(parts: AgentParts): string {
  const publish = parts.publisher.stats();
  const outbox = parts.outbox.stats();
  const sendingSeconds = publish.sendingSinceMs === undefined ? 0 : (Date.now() - publish.sendingSinceMs) / 1000;
  return renderFamilies([
    { name: `${PREFIX}_events_published_total`, type: 'counter', help: 'Cluster events Kafka acknowledged, by kind.',
      series: [...parts.informers.keys()].map((kind) => ({ labels: { kind }, value: publish.published.get(kind) ?? 0 })) },
    { name: `${PREFIX}_relists_total`, type: 'counter', help: 'Full lists after the first (after 410 Gone or repeated watch failures), by kind.', series: perKind(parts, (s) => s.relists) },
    { name: `${PREFIX}_watch_failures_total`, type: 'counter', help: 'List and watch failures, by kind.', series: perKind(parts, (s) => s.failures) },
    single(`${PREFIX}_buffer_depth`, 'gauge', 'Objects waiting to be published (latest state per object).')(parts.outbox.size()),
    single(`${PREFIX}_known_objects`, 'gauge', 'Objects published and not deleted (the state a restart compares its lists with).')(parts.knownObjects()),
    single(`${PREFIX}_buffer_capacity`, 'gauge', 'Objects the buffer holds before the informers are held back.')(parts.bufferSize),
    single(`${PREFIX}_buffer_coalesced_total`, 'counter', 'Buffered states replaced by a newer state of the same object before being sent.')(outbox.coalesced),
    single(`${PREFIX}_buffer_full_waits_total`, 'counter', 'Times an informer waited because the buffer was full.')(outbox.waited),
    single(`${PREFIX}_unchanged_skipped_total`, 'counter', 'Upserts not sent because the object was unchanged (same resourceVersion or content).')(parts.tracker.counts.skipped),
    single(`${PREFIX}_deletes_from_list_total`, 'counter', 'Deletes found by comparing a list with the published state.')(parts.tracker.counts.deletesFromList),
    single(`${PREFIX}_invalid_objects_total`, 'counter', 'Objects the event contract refused (not published).')(parts.tracker.counts.invalid),
    single(`${PREFIX}_dropped_total`, 'counter', 'Messages Kafka refused on their own (too large), dropped so the rest could go.')(publish.dropped),
    single(`${PREFIX}_publish_failures_total`, 'counter', 'Kafka sends that failed and were retried.')(publish.failures),
    single(`${PREFIX}_publish_waiting_seconds`, 'gauge', 'How long the Kafka send in progress has been waiting.')(sendingSeconds),
  ]);
}
