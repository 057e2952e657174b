import { createTestTable } from '../../fixtures/handlers/harness.ts';
import { dynaliteCpuSeconds } from './dynalite-cpu-seconds.ts';
import { ingestRate, type IngestSettings } from './ingest-rate.ts';
import type { Load } from './loads.ts';
import { requestCounter } from './request-counter.ts';

/** The ingest rate on the stack's dynalite (a fresh table each pass), with the DynamoDB requests sent and the CPU dynalite itself used. */
export async function dynaliteRate(endpoint: string, load: Load, settings: IngestSettings) {
  const port = new URL(endpoint).port;
  const tables: Awaited<ReturnType<typeof createTestTable>>[] = [];
  let counted = 0;
  const requests: { count: () => number }[] = [];
  const found = await ingestRate(async () => {
    const table = await createTestTable(endpoint);
    tables.push(table);
    requests.push(requestCounter(table.client));
    return table.store;
  }, load, { ...settings, serverCpuSeconds: dynaliteCpuSeconds(port) });
  for (const table of tables) table.client.destroy();
  for (const counter of requests) counted += counter.count();
  return { ...found, dynamoRequests: counted };
}
