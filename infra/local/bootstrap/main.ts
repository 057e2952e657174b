// npm start: the local control plane. Brings the stack up (table on disk), provisions the Kafka
// topics, applies the CRDs and the example GPUPool, creates the table, registers GPU nodes from the
// openb fleet, then resolves the seed's example manifests with vgpuctl. Stop it with `npm run stack -- down`.
// Options: --nodes <n> (default 16) --fleet <openb node csv>.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createTableInput } from '../../dynamodb/table-definition.ts';
import { createDynamoDbClient } from '../../../shared/adapters/dynamodb/client.ts';
import { createStateTable } from '../../../shared/adapters/dynamodb/create-table.ts';
import { createKafkaClient } from '../../../shared/adapters/kafka/client.ts';
import { provisionTopics } from '../../../shared/adapters/kafka/provision-topics.ts';
import { run as vgpuctl } from '../../../cli/vgpuctl/main.ts';
import { registerGpuNodes } from '../kubernetes/nodes.ts';
import { up } from '../stack.ts';
import { applyManifests, waitForCrds } from './apply-manifests.ts';
import { readOpenbFleet } from './openb-fleet.ts';
import { loadKubeConfig } from '../../../shared/adapters/kubernetes/kube-config.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
export const LOCAL_TABLE = 'vgpu-control-local';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { nodes: { type: 'string', default: '16' }, fleet: { type: 'string' } } });
  const stack = await up({ persist: true });
  const topics = await provisionTopics(createKafkaClient({ brokers: [stack.kafka.bootstrap], clientId: 'vgpu-local' }), { replicationFactor: 1 });
  console.log(`topics: ${topics.created.length} created, ${topics.existing.length} existing`);
  const config = loadKubeConfig({ kind: 'kubeconfig-file', path: stack.kubernetes.kubeconfig });
  await applyManifests(config, [join(ROOT, 'infra/crds/workloadprofiles.tensor-fusion.ai.yaml'), join(ROOT, 'infra/crds/gpupools.tensor-fusion.ai.yaml')]);
  await waitForCrds(config, ['workloadprofiles.tensor-fusion.ai', 'gpupools.tensor-fusion.ai']);
  await applyManifests(config, [join(ROOT, 'examples/default-pool.yaml')]);
  const dynamo = createDynamoDbClient({ endpoint: stack.dynamodb.endpoint, region: stack.dynamodb.region });
  await createStateTable(dynamo, createTableInput(LOCAL_TABLE));
  const fleet = readOpenbFleet(values.fleet ?? join(ROOT, '..', 'shared', 'data', 'openb', 'openb_node_list_gpu_node.csv'), { limit: Number(values.nodes), pool: 'default-pool' });
  await registerGpuNodes(stack.kubernetes.kubeconfig, fleet);
  console.log(`table ${LOCAL_TABLE} ready; ${fleet.length} GPU nodes registered from the openb fleet`);
  const io = { stdout: (text: string) => { process.stdout.write(text); }, stderr: (text: string) => { process.stderr.write(text); } };
  const code = await vgpuctl(['resolve', '-f', 'examples/seed-deployment.yaml', '-f', 'examples/seed-profile.yaml', '-f', 'examples/default-pool.yaml'], io);
  console.log(`\nlocal control plane up. kubectl --kubeconfig ${stack.kubernetes.kubeconfig} get nodes,gpupools\nstop with: npm run stack -- down`);
  return code;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
