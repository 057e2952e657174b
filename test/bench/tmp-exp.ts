import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync, readdirSync } from 'node:fs';
import { readEndpoints } from '../../infra/local/endpoints.ts';
import { createTestTable } from '../fixtures/handlers/harness.ts';
import { putRequest } from '../../shared/adapters/dynamodb/state-expressions.ts';
import { concurrently } from '../../functions/recommend-resources/concurrently.ts';
const record = JSON.parse(readFileSync('/tmp/exp/record.json', 'utf8'));
const stack = readEndpoints()!;
const port = new URL(stack.dynamodb.endpoint).port;
function dynCpu(): number { for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) { try { const c = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); if (!c.includes('dynalite') || !c.includes(`--port\u0000${port}`)) continue; const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) / 100; } catch { continue; } } return NaN; }
const table = await createTestTable(stack.dynamodb.endpoint);
const N = 1500;
const keys = Array.from({ length: 250 }, (_, i) => ({ pk: `w${i}`, sk: 'autoscaling' }));
const versions = new Map<string, number | 'absent'>();
for (const variant of ['map-allnew', 'map-none', 'string-none', 'map-allnew', 'string-allnew', 'string-none', 'map-none']) {
  const [form, ret] = variant.split('-');
  const data = form === 'map' ? { record } : { record: JSON.stringify(record) };
  const ops = Array.from({ length: N }, (_, i) => keys[i % keys.length]!);
  const cpu = process.cpuUsage(); const d0 = dynCpu(); const t0 = performance.now();
  for (let start = 0; start < N; start += 250) {
    await concurrently(ops.slice(start, start + 250), Number(process.argv[2] ?? 16), async (key) => {
      const id = key.pk + variant;
      const expected = versions.get(id) ?? 'absent';
      const req = putRequest({ pk: id, sk: key.sk, data }, expected, 0);
      await table.client.send(new UpdateCommand({ TableName: table.name, Key: { pk: id, sk: key.sk }, ...req, ReturnValues: ret === 'allnew' ? 'ALL_NEW' : 'NONE' }));
      versions.set(id, (expected === 'absent' ? 0 : expected) + 1);
    });
  }
  const wall = performance.now() - t0; const used = process.cpuUsage(cpu); const dyn = dynCpu() - d0;
  console.log(variant.padEnd(14), `${(wall / N * 1000).toFixed(0)} µs wall/write`, `client ${((used.user + used.system) / N).toFixed(0)} µs CPU/write`, `dynalite ${(dyn / N * 1e6).toFixed(0)} µs CPU/write`);
}
table.client.destroy();
process.exit(0);
