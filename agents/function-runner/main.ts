// node agents/function-runner/main.ts --function allocate-gpus
// node agents/function-runner/main.ts --handler test/fixtures/handlers/x.ts#handler --topic t --group g
// Runs one Kafka-triggered function off AWS (README.md). Exits 0 after SIGTERM/SIGINT once the batch in
// flight is committed, 1 when the consumer cannot go on, 2 on bad options.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { AppError, hasErrorCode } from '../../shared/core/errors.ts';
import { parseFlags, toRunnerConfigInput, USAGE } from './cli-options.ts';
import { parseRunnerConfig, type RunnerConfig } from './config.ts';
import type { KafkaHandler } from './invoke.ts';
import { loadFunction } from './load-function.ts';
import { startMetricsServer, type MetricsServer } from './metrics-server.ts';
import { createFunctionRunner, type FunctionRunner } from './runner.ts';

const DEFAULT_SERVERLESS = fileURLToPath(new URL('../../serverless.yml', import.meta.url));

const log = (level: string, message: string, fields: Record<string, unknown> = {}): void =>
  console.error(JSON.stringify({ source: 'function-runner', level, message, ...fields }));

/** Import the handler module and take its export; `NOT_FOUND` without the module, `INVALID_INPUT` when the export is not a function. */
async function importHandler(reference: RunnerConfig['handler']): Promise<KafkaHandler> {
  const path = resolve(reference.module);
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `handler module ${reference.module} does not exist`);
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const handler = module[reference.exportName];
  if (typeof handler !== 'function') throw new AppError('INVALID_INPUT', `${reference.module} has no function export ${reference.exportName}`);
  return handler as KafkaHandler;
}

/** The options from the command line (and serverless.yml when `--function` names one). */
function configFrom(argv: readonly string[]): RunnerConfig {
  const flags = parseFlags(argv);
  const definition = flags.function === undefined ? undefined
    : loadFunction(flags.serverless ?? DEFAULT_SERVERLESS, { functionName: flags.function, stage: flags.stage ?? 'dev', env: process.env });
  return parseRunnerConfig(toRunnerConfigInput(flags, definition, readEndpoints()?.kafka.bootstrap));
}

/** Stop once, on the first signal or fatal error: finish the batch in flight, commit, close the metrics server. */
function onceStopper(runner: FunctionRunner, server: () => MetricsServer | undefined): (code: number) => void {
  let stopping = false;
  return (code) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping: finishing the batch in flight');
    runner.stop()
      .then(() => server()?.close())
      .then(() => log('info', 'stopped'), (error: unknown) => log('error', 'stop failed', { error: String(error) }))
      .finally(() => process.exit(code));
  };
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const config = configFrom(argv);
  const handler = await importHandler(config.handler);
  let server: MetricsServer | undefined;
  let stopWith: (code: number) => void = (code) => process.exit(code);
  const runner = createFunctionRunner({ config, handler, onFatal: (error) => { log('error', 'the consumer failed and will not restart', { code: error.code, error: error.message }); stopWith(1); } });
  stopWith = onceStopper(runner, () => server);
  process.once('SIGTERM', () => stopWith(0));
  process.once('SIGINT', () => stopWith(0));
  if (config.metricsPort !== undefined) {
    server = await startMetricsServer({ port: config.metricsPort, host: config.metricsHost, metrics: runner.metrics, lag: () => runner.lag(), healthy: () => runner.healthy() });
  }
  await runner.start();
  log('info', 'running', { function: config.functionName, topics: config.topics, groupId: config.groupId, brokers: config.brokers, metricsPort: server?.port });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const code = hasErrorCode(error, 'INVALID_INPUT') ? 2 : 1;
  log('error', error instanceof Error ? error.message : String(error), error instanceof AppError ? { code: error.code } : {});
  process.exit(code);
});
