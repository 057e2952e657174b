import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../ports.ts';

/** Loopback ports of the single KRaft node: clients use `broker`, the Raft quorum uses `controller`. */
export interface KafkaPorts {
  readonly broker: number;
  readonly controller: number;
}

/** What must stay the same across restarts of one broker on one state folder. */
export interface KafkaNodeState {
  readonly ports: KafkaPorts;
  readonly clusterId: string;
  readonly nodeId: number;
}

const STATE_FILE = 'kafka-node.json';

/**
 * Kafka's cluster id: 16 random bytes as unpadded base64url, never starting with `-` (the same rule
 * as `org.apache.kafka.common.Uuid.randomUuid`, so the id also works as a command-line argument).
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-') && id !== 'AAAAAAAAAAAAAAAAAAAAAA') return id;
  }
}

/**
 * The node's ports and cluster id, saved in `stateDir` the first time, so a restart on the same
 * folder keeps its address and its data. `ports` is used only when nothing is saved yet.
 */
export async function loadOrCreateNodeState(options: { stateDir: string; ports?: KafkaPorts }): Promise<KafkaNodeState> {
  const file = join(options.stateDir, STATE_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as KafkaNodeState;
  const ports = options.ports ?? { broker: await freePort(), controller: await freePort() };
  const state: KafkaNodeState = { ports, clusterId: newClusterId(), nodeId: 1 };
  mkdirSync(options.stateDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  return state;
}

/**
 * `server.properties` for one combined broker + controller on 127.0.0.1. The quorum is the Kafka 4.x
 * dynamic form (`controller.quorum.bootstrap.servers`, storage formatted with `--standalone`, KIP-853);
 * every internal topic has replication factor 1 because there is one node, and the offsets topic has one
 * partition, so the ready check in ready.ts covers every group's coordinator.
 */
export function serverProperties(options: { state: KafkaNodeState; dataDir: string }): string {
  const { ports, nodeId } = options.state;
  const entries: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': nodeId,
    'controller.quorum.bootstrap.servers': `127.0.0.1:${ports.controller}`,
    'listeners': `PLAINTEXT://127.0.0.1:${ports.broker},CONTROLLER://127.0.0.1:${ports.controller}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${ports.broker},CONTROLLER://127.0.0.1:${ports.controller}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': options.dataDir,
    'num.partitions': 1,
    'auto.create.topics.enable': false,
    'group.initial.rebalance.delay.ms': 0,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'num.network.threads': 2,
    'num.io.threads': 4,
  };
  return `${Object.entries(entries).map(([key, value]) => `${key}=${String(value)}`).join('\n')}\n`;
}

/**
 * A log4j2 configuration that writes the broker's log to `<logDir>/server.log` (INFO; request logs at WARN).
 * log4j2's own shutdown hook is off so Kafka's shutdown hook can still log its controlled shutdown.
 */
export function log4j2Config(logDir: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN" shutdownHook="disable">
  <Appenders>
    <File name="server" fileName="${escapeXml(join(logDir, 'server.log'))}" append="true">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </File>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="server"/></Root>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="org.apache.kafka.clients" level="WARN"/>
  </Loggers>
</Configuration>
`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
