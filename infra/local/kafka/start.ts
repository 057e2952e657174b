import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startProcess, stopProcess, type Started } from '../processes.ts';
import { loadOrCreateNodeState, log4j2Config, serverProperties, type KafkaNodeState, type KafkaPorts } from './config.ts';
import { ensureKafkaJars } from './install.ts';
import { waitForKafka } from './ready.ts';

const exec = promisify(execFile);

/** A running single-node Kafka (KRaft broker + controller) on loopback. */
export interface KafkaBroker {
  /** `127.0.0.1:<port>`, for kafkajs `brokers: [bootstrap]`. */
  readonly bootstrap: string;
  readonly process: Started;
  readonly version: string;
  /** How long each part of the start took: jar resolution, storage format (0 when already formatted), JVM start to ready. */
  readonly timingsMs: { readonly jars: number; readonly format: number; readonly ready: number };
}

/** Where the broker keeps its data and logs, and how long to wait for it. */
export interface StartKafkaOptions {
  /** Data, config and saved ports; starting again on the same folder restarts the same node with its data. */
  readonly stateDir: string;
  readonly logDir: string;
  /** Ports for a new node; ignored once `stateDir` holds a node. Default: free ports chosen by the kernel. */
  readonly ports?: KafkaPorts;
  readonly readyTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/**
 * Start Apache Kafka from the Maven-resolved jars: write `server.properties` and a log4j2 config,
 * format the storage once (KRaft, `--standalone`), run `kafka.Kafka` detached, and wait until an
 * admin `describeCluster()` and the group coordinator answer (ready.ts). Prints how long each part took.
 */
export async function startKafka(options: StartKafkaOptions): Promise<KafkaBroker> {
  const log = options.log ?? ((line: string): void => console.log(line));
  const jars = await ensureKafkaJars();
  const state = await loadOrCreateNodeState({ stateDir: options.stateDir, ...(options.ports === undefined ? {} : { ports: options.ports }) });
  const files = writeConfig({ stateDir: options.stateDir, logDir: options.logDir, state });
  const java = javaCommand({ classpathDir: jars.classpathDir, log4j2: files.log4j2, logDir: options.logDir });
  const formatStarted = performance.now();
  if (!existsSync(join(files.dataDir, 'meta.properties'))) {
    await exec(java.command, [...java.args, 'kafka.tools.StorageTool', 'format', '--config', files.serverProperties,
      '--cluster-id', state.clusterId, '--standalone'], { timeout: 120_000 });
  }
  const format = Math.round(performance.now() - formatStarted);
  const readyStarted = performance.now();
  const started = startProcess({ name: 'kafka', command: java.command, args: [...java.args, 'kafka.Kafka', files.serverProperties], log: join(options.logDir, 'kafka.out') });
  const bootstrap = `127.0.0.1:${state.ports.broker}`;
  await waitForKafka({ bootstrap, pid: started.pid, log: started.log, timeoutMs: options.readyTimeoutMs ?? 120_000 })
    .catch(async (error: unknown) => { await stopProcess(started.pid, 5_000); throw error; });
  const timingsMs = { jars: jars.ms, format, ready: Math.round(performance.now() - readyStarted) };
  log(`kafka ${jars.version} ready at ${bootstrap}: jars ${timingsMs.jars} ms, format ${format} ms, start-to-ready ${timingsMs.ready} ms`);
  return { bootstrap, process: started, version: jars.version, timingsMs };
}

/** Stop the broker gracefully (SIGTERM runs Kafka's controlled shutdown, so the next start skips log recovery). */
export async function stopKafka(broker: KafkaBroker): Promise<void> {
  await stopProcess(broker.process.pid, 30_000);
}

function writeConfig(options: { stateDir: string; logDir: string; state: KafkaNodeState }): { serverProperties: string; log4j2: string; dataDir: string } {
  const dataDir = join(options.stateDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(options.logDir, { recursive: true });
  const files = { serverProperties: join(options.stateDir, 'server.properties'), log4j2: join(options.stateDir, 'log4j2.xml'), dataDir };
  writeFileSync(files.serverProperties, serverProperties({ state: options.state, dataDir }));
  writeFileSync(files.log4j2, log4j2Config(options.logDir));
  return files;
}

/**
 * `java` (from `$JAVA_HOME` when set) with a small heap, the jar folder as classpath, and the log4j2 config.
 * Serial GC and C1-only JIT start the JVM faster than G1 and C2 on a small, busy machine; throughput is
 * ample for local and test traffic. (No recorded measurement of the difference; `startKafka` logs its own
 * start-up time.)
 */
function javaCommand(options: { classpathDir: string; log4j2: string; logDir: string }): { command: string; args: string[] } {
  const javaHome = process.env['JAVA_HOME'];
  return {
    command: javaHome === undefined ? 'java' : join(javaHome, 'bin', 'java'),
    args: ['-Xmx512m', '-Xms256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${options.log4j2}`, `-Dkafka.logs.dir=${options.logDir}`,
      '-cp', `${join(options.classpathDir, '*')}`],
  };
}
