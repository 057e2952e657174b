// serverless.yml, checked offline with osls (no AWS credentials, an empty HOME): `print` for the
// resolved configuration, `package` for the CloudFormation it generates. `package` bundles every
// handler with serverless-esbuild, so it runs in a temporary copy of the service: the real handlers where
// they exist (with shared/ beside them), stubs for those still to come (never written into the repository).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const exec = promisify(execFile);
const REPO = join(import.meta.dirname, '..', '..');
const STAGE = 'test';
const KAFKA_FUNCTIONS = {
  'sync-inventory': 'gpu-inventory', 'allocate-gpus': 'cluster-events', 'release-grey-slots': 'cluster-events', 'recommend-resources': 'gpu-metrics',
} as const;
/** Records per invocation at most: 100 (Lambda's default) except gpu-metrics, whose backlog packs many intervals into one write per workload. */
const BATCH_SIZES: Record<keyof typeof KAFKA_FUNCTIONS, number> = { 'sync-inventory': 100, 'allocate-gpus': 100, 'release-grey-slots': 100, 'recommend-resources': 2000 };
const FUNCTIONS = ['admit-pod', ...Object.keys(KAFKA_FUNCTIONS), 'run-runbook'];
const DYNAMODB_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query',
  'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem'];
const SASL_SECRET = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:vgpu-control/kafka-sasl';
const OSLS_MS = 90_000;
/** Functions serverless.yml declares ahead of their handler (functions/README.md lists them as planned). */
const PLANNED_FUNCTIONS = ['run-runbook'];
/** Functions whose handler is in the repository (bundled for real); the planned ones are packaged as stubs. */
const REAL_HANDLERS = FUNCTIONS.filter((name) => existsSync(join(REPO, 'functions', name, 'handler.ts')));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- osls output is walked ad hoc in assertions
interface Statement { Effect: string; Action: string | string[]; Resource: unknown }

const work = mkdtempSync(join(tmpdir(), 'vgpu-osls-'));
const home = join(work, 'home');
const copy = join(work, 'service');

/** Run osls in `cwd` with no AWS credentials, Kafka or cluster settings from this environment. */
async function osls(cwd: string, args: readonly string[]): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) =>
    !/^(AWS_|KAFKA_|MSK_|SLS_|SERVERLESS_|CLUSTER_ID$)/.test(name)));
  const { stdout } = await exec(process.execPath, [join(REPO, 'node_modules', 'osls', 'bin', 'serverless.js'), ...args, '--stage', STAGE],
    { cwd, env: { ...env, HOME: home }, timeout: OSLS_MS, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

function serviceCopy(): void {
  mkdirSync(join(copy, 'infra'), { recursive: true });
  for (const file of ['serverless.yml', 'package.json', 'tsconfig.json']) cpSync(join(REPO, file), join(copy, file));
  cpSync(join(REPO, 'infra', 'dynamodb'), join(copy, 'infra', 'dynamodb'), { recursive: true });
  cpSync(join(REPO, 'infra', 'topics.ts'), join(copy, 'infra', 'topics.ts'));
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'), 'dir');
  cpSync(join(REPO, 'shared'), join(copy, 'shared'), { recursive: true });
  for (const name of FUNCTIONS) {
    if (REAL_HANDLERS.includes(name)) {
      cpSync(join(REPO, 'functions', name), join(copy, 'functions', name), { recursive: true });
      continue;
    }
    mkdirSync(join(copy, 'functions', name), { recursive: true });
    writeFileSync(join(copy, 'functions', name, 'handler.ts'), 'export const handler = async (): Promise<null> => null;\n');
  }
}

const actions = (statement: Statement): string[] => [statement.Action].flat();
const resources = (statement: Statement): unknown[] => [statement.Resource].flat();

let printed: Json;
let flipped: Json;
let template: Json;

beforeAll(async () => {
  mkdirSync(home, { recursive: true });
  serviceCopy();
  const [print, printMsk] = await Promise.all([
    osls(REPO, ['print', '--format', 'json']),
    osls(REPO, ['print', '--format', 'json', '--param=msk=true', '--param=selfManagedKafka=false']),
    osls(copy, ['package']),
  ]);
  printed = JSON.parse(print) as Json;
  flipped = JSON.parse(printMsk) as Json;
  template = JSON.parse(readFileSync(join(copy, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')) as Json;
}, 3 * OSLS_MS);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Config: serverless.yml (osls print)', () => {
  it('declares exactly the six functions, with handler paths functions/<name>/handler.handler', () => {
    expect(Object.keys(printed['functions'] as Json).sort()).toEqual([...FUNCTIONS].sort());
    for (const name of FUNCTIONS) expect(printed['functions'][name].handler).toBe(`functions/${name}/handler.handler`);
    expect(printed['provider']).toMatchObject({ runtime: 'nodejs24.x', architecture: 'arm64' });
  });

  it('serves admission on the HTTP API route POST /mutate-v1-pod, and runbooks by direct invoke only', () => {
    expect(printed['functions']['admit-pod'].events).toEqual([{ httpApi: { method: 'POST', path: '/mutate-v1-pod' } }]);
    expect(printed['functions']['run-runbook'].events ?? []).toEqual([]);
  });

  it('names the five Kafka topics', () => {
    expect(Object.values(printed['custom'].kafka.topics as Json).sort())
      .toEqual(['cluster-events', 'dead-letter', 'decisions', 'gpu-inventory', 'gpu-metrics']);
  });

  it.each(Object.entries(KAFKA_FUNCTIONS).map(([name, topic]) => ({ name, topic, batchSize: BATCH_SIZES[name as keyof typeof KAFKA_FUNCTIONS] })))(
    'triggers $name from $topic by self-managed Kafka (on) and MSK (off), batches of up to $batchSize', ({ name, topic, batchSize }) => {
      const events = printed['functions'][name].events as Json[];
      expect(events).toHaveLength(2);
      const common = { topic, consumerGroupId: `vgpu-control-${name}`, startingPosition: 'TRIM_HORIZON', batchSize, maximumBatchingWindow: 1 };
      expect(events[0]?.['kafka']).toMatchObject({ ...common, enabled: true, accessConfigurations: { saslScram512Auth: [SASL_SECRET] } });
      expect(events[0]?.['kafka'].bootstrapServers).toEqual([expect.stringMatching(/^[\w.-]+:\d+$/)]);
      expect(events[1]?.['msk']).toMatchObject({ ...common, enabled: false, arn: { Ref: 'MskClusterArn' } });
    });

  it('switches variants with --param (CLI strings become booleans)', () => {
    for (const name of Object.keys(KAFKA_FUNCTIONS)) {
      const events = flipped['functions'][name].events as Json[];
      expect([events[0]?.['kafka'].enabled, events[1]?.['msk'].enabled]).toEqual([false, true]);
    }
    expect(flipped['resources'].Conditions.UseMsk).toEqual({ 'Fn::Equals': ['enabled-true', 'enabled-true'] });
  });

  it('deploys the state table exactly as infra/dynamodb/table.yml defines it', () => {
    const fromFile = parse(readFileSync(join(REPO, 'infra', 'dynamodb', 'table.yml'), 'utf8')) as Json;
    const table = printed['resources'].Resources.StateTable;
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.Properties).toEqual({ ...fromFile, TableName: `vgpu-control-${STAGE}` });
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{ IndexName: 'gsi1', Projection: { ProjectionType: 'ALL' },
        KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }] }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('grants exactly the allowed DynamoDB actions, on the table and its index only', () => {
    const statements = printed['provider'].iam.role.statements as Statement[];
    const dynamodb = statements.filter((statement) => actions(statement).some((action) => action.startsWith('dynamodb:')));
    expect(dynamodb).toHaveLength(1);
    expect(actions(dynamodb[0] as Statement).sort()).toEqual([...DYNAMODB_ACTIONS].sort());
    expect(resources(dynamodb[0] as Statement)).toEqual([
      { 'Fn::GetAtt': ['StateTable', 'Arn'] },
      { 'Fn::Join': ['/', [{ 'Fn::GetAtt': ['StateTable', 'Arn'] }, 'index', 'gsi1']] },
    ]);
  });
});

describe('Config: serverless.yml (osls package)', () => {
  const mappings = (): [string, Json][] =>
    Object.entries(template['Resources'] as Json).filter(([, resource]) => resource.Type === 'AWS::Lambda::EventSourceMapping');

  it('generates a self-managed and an MSK event source mapping per Kafka function, all with ReportBatchItemFailures', () => {
    const found = mappings();
    expect(found.map(([id]) => id).sort()).toEqual([
      'AllocateDashgpusEventSourceMappingKafkaClusterevents', 'AllocateDashgpusEventSourceMappingMSKMskClusterArnClusterevents',
      'RecommendDashresourcesEventSourceMappingKafkaGpumetrics', 'RecommendDashresourcesEventSourceMappingMSKMskClusterArnGpumetrics',
      'ReleaseDashgreyDashslotsEventSourceMappingKafkaClusterevents', 'ReleaseDashgreyDashslotsEventSourceMappingMSKMskClusterArnClusterevents',
      'SyncDashinventoryEventSourceMappingKafkaGpuinventory', 'SyncDashinventoryEventSourceMappingMSKMskClusterArnGpuinventory',
    ]);
    for (const [, mapping] of found) expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
  });

  it('gives every mapping its function\'s batch size and the 1 s batching window', () => {
    for (const [id, mapping] of mappings()) {
      expect(mapping.Properties).toMatchObject({ BatchSize: id.startsWith('RecommendDashresources') ? 2000 : 100, MaximumBatchingWindowInSeconds: 1 });
    }
  });

  it('creates each variant only under its condition, the self-managed one enabled by default', () => {
    for (const [id, mapping] of mappings()) {
      const selfManaged = id.includes('EventSourceMappingKafka');
      expect(mapping.Condition).toBe(selfManaged ? 'UseSelfManagedKafka' : 'UseMsk');
      expect(mapping.Properties.Enabled).toBe(selfManaged);
      expect(mapping.Properties.StartingPosition).toBe('TRIM_HORIZON');
    }
    expect(template['Conditions']).toEqual({
      UseSelfManagedKafka: { 'Fn::Equals': ['enabled-true', 'enabled-true'] },
      UseMsk: { 'Fn::Equals': ['enabled-false', 'enabled-true'] },
    });
    expect(template['Resources'].MskConsumerPolicy.Condition).toBe('UseMsk');
  });

  it('gives the Lambda role no DynamoDB wildcard and reads only the SASL secret', () => {
    const statements = template['Resources'].IamRoleLambdaExecution.Properties.Policies[0].PolicyDocument.Statement as Statement[];
    const allActions = statements.flatMap(actions);
    expect(allActions).not.toContain('*');
    expect(allActions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([...DYNAMODB_ACTIONS].sort());
    for (const statement of statements.filter((s) => actions(s).some((action) => action.startsWith('dynamodb:')))) {
      expect(JSON.stringify(resources(statement))).not.toContain('*');
    }
    const secrets = statements.filter((statement) => actions(statement).includes('secretsmanager:GetSecretValue'));
    expect(new Set(secrets.flatMap(resources))).toEqual(new Set([SASL_SECRET]));
  });

  it('stubs only the functions still planned (a declared function whose handler went missing fails here)', () => {
    expect(FUNCTIONS.filter((name) => !REAL_HANDLERS.includes(name))).toEqual(PLANNED_FUNCTIONS);
  });

  it('bundles each real handler with its dependencies', () => {
    expect(REAL_HANDLERS).toEqual(expect.arrayContaining(['admit-pod', 'release-grey-slots', 'sync-inventory', 'allocate-gpus', 'recommend-resources']));
    for (const name of REAL_HANDLERS) expect(statSync(join(copy, '.serverless', `${name}.zip`)).size, name).toBeGreaterThan(100_000);
  });

  it('points every function at its handler on nodejs24.x / arm64 and passes the table name', () => {
    const functions = Object.values(template['Resources'] as Json).filter((resource) => resource.Type === 'AWS::Lambda::Function');
    expect(functions.map((fn) => fn.Properties.Handler).sort()).toEqual(FUNCTIONS.map((name) => `functions/${name}/handler.handler`).sort());
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
      expect(fn.Properties.Environment.Variables.STATE_TABLE_NAME).toBe(`vgpu-control-${STAGE}`);
      expect(fn.Properties.Environment.Variables.CLUSTER_ID).toBe('');
    }
  });
});
