import { describe, expect, it } from 'vitest';
import {
  ANNOTATION_KEYS as K, DOMAIN, ENABLED_LABEL, RESOURCE_KEYS, SYSTEM_KEYS, UNSUPPORTED_KEYS,
} from './annotation-keys.ts';
import { annotationsSchema, AUTOSCALE_TARGETS, FEATURES, ISOLATION_MODES, QOS_LEVELS } from './annotations.ts';

interface ValidCase { readonly name: string; readonly key: string; readonly value: string; readonly expected: unknown }
interface InvalidCase { readonly name: string; readonly key: string; readonly value: string; readonly rule: string }

const RULE = {
  tflopsSyntax: 'be a TFLOPS amount like 10, 2.5 or 500m',
  tflopsEmpty: 'be a TFLOPS amount like 10 or 500m, not empty',
  vramSyntax: 'use Gi, not GB',
  vramEmpty: 'be a byte quantity like 4Gi or 512Mi, not empty',
  percentSyntax: 'be a percentage from 0 to 100 like 50',
  percentRange: 'be a percentage from 0 to 100',
  percentEmpty: 'be a percentage from 0 to 100, not empty',
  negative: 'not be negative',
  boolean: 'be "true" or "false"',
  objectName: 'be a Kubernetes object name',
  containers: 'be a comma list of container names with no empty entries or repeats',
  qos: 'be one of low, medium, high, critical',
  gpuCount: 'be a whole number from 1 to 128',
  gpuModel: 'be a GPU model like A100, or a comma list of allowed models',
  replicas: 'be a whole number of replicas, 0 or more',
  features: 'list only gpu-limiter, gpu-opt, mem-manager, start-worker (comma separated, no repeats)',
  target: 'be one of compute, vram, all',
  indices: 'be a comma list of distinct GPU indices like 0,1',
  vendor: 'be a vendor name like NVIDIA',
  isolation: 'be one of shared, soft, hard, partitioned',
  partition: 'be a partition template id',
} as const;

const BOOLEAN_KEYS = [K.isLocalGpu, K.dedicatedGpu, K.autoResources, K.autoReplicas, K.standaloneWorkerMode, K.autoscale, K.sidecarWorker];
const NAME_KEYS = [K.gpuPool, K.workload, K.workloadProfile];
const TARGET_KEYS = [K.autoscaleTarget, K.autoScaleTargetResource];

/** Bad quantity texts per amount key, with the rule fragment each one breaks. */
const QUANTITY_INVALID: readonly InvalidCase[] = [
  ...[K.tflopsRequest, K.tflopsLimit].flatMap((key) => [
    { name: `${key} 4GB`, key, value: '4GB', rule: RULE.tflopsSyntax },
    { name: `${key} -1`, key, value: '-1', rule: RULE.negative },
    { name: `${key} abc`, key, value: 'abc', rule: RULE.tflopsSyntax },
    { name: `${key} empty`, key, value: '', rule: RULE.tflopsEmpty },
  ]),
  ...[K.vramRequest, K.vramLimit].flatMap((key) => [
    { name: `${key} 4GB`, key, value: '4GB', rule: RULE.vramSyntax },
    { name: `${key} -1`, key, value: '-1', rule: RULE.negative },
    { name: `${key} abc`, key, value: 'abc', rule: RULE.vramSyntax },
    { name: `${key} empty`, key, value: '', rule: RULE.vramEmpty },
  ]),
  ...[K.computePercentRequest, K.computePercentLimit].flatMap((key) => [
    { name: `${key} 4GB`, key, value: '4GB', rule: RULE.percentSyntax },
    { name: `${key} -1`, key, value: '-1', rule: RULE.negative },
    { name: `${key} abc`, key, value: 'abc', rule: RULE.percentSyntax },
    { name: `${key} empty`, key, value: '', rule: RULE.percentEmpty },
    { name: `${key} above 100`, key, value: '101', rule: RULE.percentRange },
  ]),
];

const VALID: readonly ValidCase[] = [
  { name: 'tflops-request whole', key: K.tflopsRequest, value: '5', expected: 5000 },
  { name: 'tflops-request milli', key: K.tflopsRequest, value: '500m', expected: 500 },
  { name: 'tflops-limit decimal', key: K.tflopsLimit, value: '15.5', expected: 15_500 },
  { name: 'vram-request Gi', key: K.vramRequest, value: '4Gi', expected: 4_294_967_296 },
  { name: 'vram-limit Mi', key: K.vramLimit, value: '512Mi', expected: 536_870_912 },
  { name: 'compute-percent-request', key: K.computePercentRequest, value: '50', expected: 50_000 },
  { name: 'compute-percent-limit at the cap', key: K.computePercentLimit, value: '100', expected: 100_000 },
  { name: 'inject-container single', key: K.injectContainer, value: 'main', expected: ['main'] },
  { name: 'inject-container trims', key: K.injectContainer, value: 'a, b', expected: ['a', 'b'] },
  ...QOS_LEVELS.map((level) => ({ name: `qos ${level}`, key: K.qos, value: level, expected: level })),
  ...BOOLEAN_KEYS.flatMap((key) => [
    { name: `${key} true`, key, value: 'true', expected: true },
    { name: `${key} false`, key, value: 'false', expected: false },
  ]),
  { name: 'gpu-count 1', key: K.gpuCount, value: '1', expected: 1 },
  { name: 'gpu-count 128', key: K.gpuCount, value: '128', expected: 128 },
  ...NAME_KEYS.map((key) => ({ name: `${key} dns name`, key, value: 'default-pool.v1', expected: 'default-pool.v1' })),
  { name: 'gpu-model one', key: K.gpuModel, value: 'A100', expected: ['A100'] },
  { name: 'gpu-model list', key: K.gpuModel, value: 'A100,H100', expected: ['A100', 'H100'] },
  { name: 'gpu-model product name', key: K.gpuModel, value: 'NVIDIA H100 80GB HBM3', expected: ['NVIDIA H100 80GB HBM3'] },
  { name: 'enabled-replicas 0', key: K.enabledReplicas, value: '0', expected: 0 },
  { name: 'enabled-replicas 3', key: K.enabledReplicas, value: '3', expected: 3 },
  {
    name: 'disable-features three', key: K.disableFeatures, value: 'gpu-limiter,gpu-opt,mem-manager',
    expected: ['gpu-limiter', 'gpu-opt', 'mem-manager'],
  },
  { name: 'disable-features start-worker', key: K.disableFeatures, value: 'start-worker', expected: ['start-worker'] },
  ...TARGET_KEYS.flatMap((key) => [
    { name: `${key} tflops is compute`, key, value: 'tflops', expected: 'compute' },
    ...AUTOSCALE_TARGETS.map((target) => ({ name: `${key} ${target}`, key, value: target, expected: target })),
  ]),
  { name: 'gpu-indices list', key: K.gpuIndices, value: '0,1', expected: [0, 1] },
  { name: 'gpu-indices one, trimmed', key: K.gpuIndices, value: ' 3 ', expected: [3] },
  { name: 'vendor NVIDIA', key: K.vendor, value: 'NVIDIA', expected: 'NVIDIA' },
  { name: 'vendor with dash and digits', key: K.vendor, value: 'huawei-ascend_910', expected: 'huawei-ascend_910' },
  { name: 'vendor 63 characters', key: K.vendor, value: 'V'.repeat(63), expected: 'V'.repeat(63) },
  ...ISOLATION_MODES.map((mode) => ({ name: `isolation ${mode}`, key: K.isolation, value: mode, expected: mode })),
  { name: 'partition-id', key: K.partitionId, value: '1g.10gb', expected: '1g.10gb' },
  { name: 'partition-id 253 characters', key: K.partitionId, value: 'p'.repeat(253), expected: 'p'.repeat(253) },
];

const INVALID: readonly InvalidCase[] = [
  ...QUANTITY_INVALID,
  { name: 'compute-percent-limit 100.5', key: K.computePercentLimit, value: '100.5', rule: RULE.percentRange },
  { name: 'inject-container empty entry', key: K.injectContainer, value: 'a,,b', rule: RULE.containers },
  { name: 'inject-container repeat', key: K.injectContainer, value: 'a,a', rule: RULE.containers },
  { name: 'inject-container bad name', key: K.injectContainer, value: 'Bad_Name', rule: RULE.containers },
  { name: 'qos urgent', key: K.qos, value: 'urgent', rule: RULE.qos },
  ...BOOLEAN_KEYS.flatMap((key) => ['True', 'yes', '1'].map((value) => ({ name: `${key} ${value}`, key, value, rule: RULE.boolean }))),
  ...['0', '129', '1.5', '+1', ' 2'].map((value) => ({ name: `gpu-count "${value}"`, key: K.gpuCount, value, rule: RULE.gpuCount })),
  ...NAME_KEYS.map((key) => ({ name: `${key} Default_Pool`, key, value: 'Default_Pool', rule: RULE.objectName })),
  { name: 'gpu-model repeat', key: K.gpuModel, value: 'A100,A100', rule: RULE.gpuModel },
  { name: 'gpu-model punctuation', key: K.gpuModel, value: 'A100!', rule: RULE.gpuModel },
  { name: 'gpu-model trailing comma', key: K.gpuModel, value: 'A100,', rule: RULE.gpuModel },
  { name: 'enabled-replicas -1', key: K.enabledReplicas, value: '-1', rule: RULE.replicas },
  { name: 'enabled-replicas word', key: K.enabledReplicas, value: 'two', rule: RULE.replicas },
  { name: 'disable-features turbo', key: K.disableFeatures, value: 'turbo', rule: RULE.features },
  { name: 'disable-features repeat', key: K.disableFeatures, value: 'gpu-opt,gpu-opt', rule: RULE.features },
  { name: 'disable-features one bad among good', key: K.disableFeatures, value: 'gpu-opt,turbo', rule: RULE.features },
  ...TARGET_KEYS.map((key) => ({ name: `${key} gpu`, key, value: 'gpu', rule: RULE.target })),
  { name: 'gpu-indices not a number', key: K.gpuIndices, value: '0,x', rule: RULE.indices },
  { name: 'gpu-indices repeat', key: K.gpuIndices, value: '1,1', rule: RULE.indices },
  { name: 'gpu-indices negative', key: K.gpuIndices, value: '-1', rule: RULE.indices },
  { name: 'gpu-indices empty', key: K.gpuIndices, value: '', rule: RULE.indices },
  { name: 'vendor digit first', key: K.vendor, value: '1vendor', rule: RULE.vendor },
  { name: 'vendor empty', key: K.vendor, value: '', rule: RULE.vendor },
  { name: 'vendor 64 characters', key: K.vendor, value: 'V'.repeat(64), rule: RULE.vendor },
  { name: 'vendor space', key: K.vendor, value: 'NVIDIA Corp', rule: RULE.vendor },
  { name: 'isolation strict', key: K.isolation, value: 'strict', rule: RULE.isolation },
  { name: 'partition-id empty', key: K.partitionId, value: '', rule: RULE.partition },
  { name: 'partition-id 254 characters', key: K.partitionId, value: 'p'.repeat(254), rule: RULE.partition },
];

describe('Schema: annotationsSchema', () => {
  it('has a valid and an invalid case for every known key', () => {
    const keys = Object.values(K).sort();
    expect([...new Set(VALID.map((c) => c.key))].sort()).toStrictEqual(keys);
    expect([...new Set(INVALID.map((c) => c.key))].sort()).toStrictEqual(keys);
  });

  it.each(VALID)('parses $name', ({ key, value, expected }) => {
    expect(annotationsSchema.parse({ [key]: value })).toStrictEqual({ [key]: expected });
  });

  it.each(INVALID)('rejects $name', ({ key, value, rule }) => {
    const result = annotationsSchema.safeParse({ [key]: value }, { reportInput: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({ code: 'custom', path: [key], input: value });
    expect(result.error?.issues[0]?.message).toContain(rule);
  });

  it.each(Object.values(K).map((key) => ({ name: key, key })))('rejects a non-string value for $name', ({ key }) => {
    const result = annotationsSchema.safeParse({ [key]: 1 }, { reportInput: true });
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({ code: 'invalid_type', expected: 'string', path: [key], input: 1 });
    expect(result.error?.issues[0]?.message).toContain('expected string');
  });

  it('reports every bad key at once, and none for the good ones', () => {
    const raw = {
      [K.vramRequest]: '4GB', [K.gpuCount]: '0', [K.qos]: 'urgent', [K.isLocalGpu]: 'yes',
      [K.tflopsRequest]: '5', [K.gpuIndices]: '0,1',
    };
    const result = annotationsSchema.safeParse(raw, { reportInput: true });
    const found = (result.error?.issues ?? []).map((issue) => ({ path: issue.path, input: issue.input, message: issue.message }));
    expect(found.sort((a, b) => String(a.path[0]).localeCompare(String(b.path[0])))).toStrictEqual([
      { path: [K.gpuCount], input: '0', message: RULE.gpuCount },
      { path: [K.isLocalGpu], input: 'yes', message: RULE.boolean },
      { path: [K.qos], input: 'urgent', message: RULE.qos },
      { path: [K.vramRequest], input: '4GB', message: expect.stringContaining(RULE.vramSyntax) as unknown },
    ]);
  });

  it('strips keys it does not know, including other tensor-fusion.ai keys', () => {
    const raw = {
      app: 'web', 'kubernetes.io/psp': 'x', [`${DOMAIN}is-default-pool`]: 'true', [`${DOMAIN}gang-enabled`]: 'bad',
      [`${DOMAIN}unknown`]: 'y', [K.qos]: 'high',
    };
    expect(annotationsSchema.parse(raw)).toStrictEqual({ [K.qos]: 'high' });
  });

  it('parses an empty map to an empty object', () => {
    expect(annotationsSchema.parse({})).toStrictEqual({});
  });

  it('parses the seed example annotations together', () => {
    const raw = {
      [K.tflopsRequest]: '20', [K.tflopsLimit]: '40', [K.vramRequest]: '4Gi', [K.vramLimit]: '4Gi',
      [K.injectContainer]: 'python', [K.qos]: 'medium', [K.isLocalGpu]: 'true',
    };
    expect(annotationsSchema.parse(raw)).toStrictEqual({
      [K.tflopsRequest]: 20_000, [K.tflopsLimit]: 40_000, [K.vramRequest]: 4_294_967_296, [K.vramLimit]: 4_294_967_296,
      [K.injectContainer]: ['python'], [K.qos]: 'medium', [K.isLocalGpu]: true,
    });
  });

  it.each([
    { name: 'null', input: null },
    { name: 'array', input: ['x'] },
    { name: 'string', input: 'tensor-fusion.ai/qos=high' },
  ])('rejects $name instead of a map', ({ input }) => {
    const result = annotationsSchema.safeParse(input, { reportInput: true });
    expect(result.error?.issues[0]).toMatchObject({ code: 'invalid_type', expected: 'object', path: [] });
    expect(result.error?.issues[0]?.message).toContain('expected object');
  });
});

describe('Consts: annotation value lists', () => {
  it.each([
    { name: 'QoS levels, lowest first', list: QOS_LEVELS, expected: ['low', 'medium', 'high', 'critical'] },
    { name: 'isolation modes', list: ISOLATION_MODES, expected: ['shared', 'soft', 'hard', 'partitioned'] },
    { name: 'features', list: FEATURES, expected: ['gpu-limiter', 'gpu-opt', 'mem-manager', 'start-worker'] },
    { name: 'autoscale targets', list: AUTOSCALE_TARGETS, expected: ['compute', 'vram', 'all'] },
  ])('$name', ({ list, expected }) => {
    expect(list).toStrictEqual(expected);
  });
});

describe('Consts: annotation key sets', () => {
  const known = new Set<string>(Object.values(K));

  it.each([
    { name: 'known keys', keys: [...known] },
    { name: 'system keys', keys: [...SYSTEM_KEYS] },
    { name: 'unsupported keys', keys: [...UNSUPPORTED_KEYS] },
    { name: 'resource keys', keys: [...RESOURCE_KEYS] },
    { name: 'enabled label', keys: [ENABLED_LABEL] },
  ])('$name are all under the tensor-fusion.ai/ domain', ({ keys }) => {
    for (const key of keys) expect(key.startsWith(DOMAIN)).toBe(true);
  });

  it.each([
    { name: 'system keys', keys: [...SYSTEM_KEYS] },
    { name: 'unsupported keys', keys: [...UNSUPPORTED_KEYS] },
  ])('$name never overlap the keys the schema parses', ({ keys }) => {
    expect(keys.filter((key) => known.has(key))).toStrictEqual([]);
  });

  it('lists the six size keys as resource keys, all known', () => {
    expect(RESOURCE_KEYS).toHaveLength(6);
    expect(RESOURCE_KEYS.every((key) => known.has(key))).toBe(true);
  });
});

describe('Schema: annotations — inputs that once slipped through', () => {
  it.each([
    { name: 'qos "constructor" (an Object.prototype name) is not a level', key: 'tensor-fusion.ai/qos', value: 'constructor', fragment: 'be one of low, medium, high, critical' },
    { name: 'isolation "toString"', key: 'tensor-fusion.ai/isolation', value: 'toString', fragment: 'be one of shared, soft, hard, partitioned' },
    { name: 'autoscale-target "__proto__"', key: 'tensor-fusion.ai/autoscale-target', value: '__proto__', fragment: 'be one of compute, vram, all' },
    { name: 'gpu-indices "0,00" names GPU 0 twice', key: 'tensor-fusion.ai/gpu-indices', value: '0,00', fragment: 'distinct GPU indices' },
    { name: 'gpu-indices "1,01" names GPU 1 twice', key: 'tensor-fusion.ai/gpu-indices', value: '1,01', fragment: 'distinct GPU indices' },
  ])('$name', ({ key, value, fragment }) => {
    const result = annotationsSchema.safeParse({ [key]: value }, { reportInput: true });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(fragment);
    expect(result.error?.issues[0]?.path).toEqual([key]);
  });

  it('accepts GPU index 1023 and rejects 1024', () => {
    expect(annotationsSchema.safeParse({ 'tensor-fusion.ai/gpu-indices': '1023' }).success).toBe(true);
    expect(annotationsSchema.safeParse({ 'tensor-fusion.ai/gpu-indices': '1024' }).success).toBe(false);
  });
});
