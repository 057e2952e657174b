import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  autoScalingConfigSchema, autoSetReplicasSchema, autoSetResourcesSchema, cronScalingRuleSchema, externalScalerSchema,
  resourceAmountsSchema, resourcesSchema,
} from './autoscaling-config.ts';

/** The issues of a parse that must fail, with inputs reported. */
function issuesOf(schema: z.ZodType, input: unknown): readonly z.core.$ZodIssue[] {
  const result = schema.safeParse(input, { reportInput: true });
  expect(result.success).toBe(false);
  return result.error?.issues ?? [];
}

describe('Schema: resourceAmountsSchema and resourcesSchema', () => {
  it('converts each amount to its integer unit', () => {
    expect(resourceAmountsSchema.parse({ tflops: '10', compute: 50, vram: '4Gi' }))
      .toStrictEqual({ tflops: 10_000, compute: 50_000, vram: 4_294_967_296 });
  });

  it('parses requests and limits', () => {
    expect(resourcesSchema.parse({ requests: { tflops: 5 }, limits: { vram: '1Gi' } }))
      .toStrictEqual({ requests: { tflops: 5000 }, limits: { vram: 1_073_741_824 } });
  });

  it.each([
    { name: 'unknown amount', input: { requests: { memory: '1Gi' } }, path: ['requests'], fragment: 'memory' },
    { name: 'unknown section', input: { request: {} }, path: [], fragment: 'request' },
  ])('rejects $name', ({ input, path, fragment }) => {
    const [found] = issuesOf(resourcesSchema, input);
    expect(found).toMatchObject({ code: 'unrecognized_keys', path, keys: [fragment] });
    expect(found?.message).toContain(fragment);
  });

  it('rejects a percent over 100 at its path', () => {
    const [found] = issuesOf(resourcesSchema, { limits: { compute: '150' } });
    expect(found).toMatchObject({ code: 'custom', path: ['limits', 'compute'], input: '150' });
    expect(found?.message).toContain('be a percentage from 0 to 100');
  });
});

describe('Schema: autoSetResourcesSchema', () => {
  it('accepts the current field names', () => {
    const input = {
      enable: true, targetResource: 'all', targetComputePercentile: '0.95', lowerBoundComputePercentile: '0.5',
      upperBoundComputePercentile: 0.99, targetVRAMPercentile: '0.9', lowerBoundVRAMPercentile: '0.5',
      upperBoundVRAMPercentile: '1', marginFraction: '0.15', updateThreshold: '0.1', historyDataPeriod: '2h',
      minVRAMResourcesRatio: '0.2', maxVRAMResourcesRatio: '5', minComputeResourcesRatio: '0.1', maxComputeResourcesRatio: '10',
      initialDelayPeriod: '30m', interval: '1m',
    };
    expect(autoSetResourcesSchema.parse(input)).toStrictEqual({
      enable: true, targetResource: 'all', targetComputePercentile: 0.95, lowerBoundComputePercentile: 0.5,
      upperBoundComputePercentile: 0.99, targetVRAMPercentile: 0.9, lowerBoundVRAMPercentile: 0.5,
      upperBoundVRAMPercentile: 1, marginFraction: 0.15, updateThreshold: 0.1, historyDataPeriod: 7_200_000,
      minVRAMResourcesRatio: 0.2, maxVRAMResourcesRatio: 5, minComputeResourcesRatio: 0.1, maxComputeResourcesRatio: 10,
      initialDelayPeriod: 1_800_000, interval: 60_000,
    });
  });

  it('accepts the v1 field names the seed docs use', () => {
    const input = {
      enable: true, targetResource: 'tflops', targettflopspercentile: '0.9', lowerboundtflopspercentile: '0.5',
      upperboundtflopspercentile: '0.95', targetvrampercentile: '0.9', lowerboundvrampercentile: '0.5',
      upperboundvrampercentile: '0.95', requestMarginFraction: '0.15', confidenceInterval: '24h',
      historyLength: '168h', historyResolution: '1m',
    };
    expect(autoSetResourcesSchema.parse(input)).toStrictEqual({
      enable: true, targetResource: 'tflops', targettflopspercentile: 0.9, lowerboundtflopspercentile: 0.5,
      upperboundtflopspercentile: 0.95, targetvrampercentile: 0.9, lowerboundvrampercentile: 0.5,
      upperboundvrampercentile: 0.95, requestMarginFraction: 0.15, confidenceInterval: 86_400_000,
      historyLength: 604_800_000, historyResolution: 60_000,
    });
  });

  it.each([
    { name: 'compute', targetResource: 'compute' },
    { name: 'vram', targetResource: 'vram' },
    { name: 'empty (recommend only)', targetResource: '' },
  ])('accepts targetResource $name', ({ targetResource }) => {
    expect(autoSetResourcesSchema.parse({ targetResource })).toStrictEqual({ targetResource });
  });

  it.each([
    { name: 'unknown field', input: { targetPercentile: '0.9' }, code: 'unrecognized_keys', path: [], fragment: 'targetPercentile' },
    { name: 'v1 name in camel case', input: { targetTflopsPercentile: '0.9' }, code: 'unrecognized_keys', path: [], fragment: 'targetTflopsPercentile' },
    { name: 'bad targetResource', input: { targetResource: 'gpu' }, code: 'invalid_value', path: ['targetResource'], fragment: 'be one of compute, vram, all (tflops is the v1 name of compute), or empty' },
    { name: 'percentile above 1', input: { targetComputePercentile: '1.5' }, code: 'custom', path: ['targetComputePercentile'], fragment: 'be target compute percentile from 0 to 1' },
    { name: 'v1 percentile above 1', input: { targettflopspercentile: 2 }, code: 'custom', path: ['targettflopspercentile'], fragment: 'be target TFLOPS (v1) percentile from 0 to 1' },
    { name: 'ratio above 1000', input: { maxVRAMResourcesRatio: '1001' }, code: 'custom', path: ['maxVRAMResourcesRatio'], fragment: 'be maximum VRAM ratio from 0 to 1000' },
    { name: 'bad duration', input: { interval: '1d' }, code: 'custom', path: ['interval'], fragment: 'be a duration like 30s' },
    { name: 'enable as a string', input: { enable: 'true' }, code: 'invalid_type', path: ['enable'], fragment: 'expected boolean' },
  ])('rejects $name', ({ input, code, path, fragment }) => {
    const issues = issuesOf(autoSetResourcesSchema, input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path });
    expect(issues[0]?.message).toContain(fragment);
  });

  it('reports every bad field at once', () => {
    const issues = issuesOf(autoSetResourcesSchema, { targetResource: 'x', marginFraction: '-1', interval: '5', extra: 1 });
    expect(issues.map((found) => found.code).sort()).toStrictEqual(['custom', 'custom', 'invalid_value', 'unrecognized_keys']);
  });
});

describe('Schema: autoSetReplicasSchema', () => {
  it('parses every field', () => {
    const input = {
      enable: true, targetTFlopsOfLimits: '0.8', evaluationPeriod: '5m', scaleUpStep: 2, scaleDownStep: 1,
      scaleUpCoolDownTime: '1m', scaleDownCoolDownTime: '10m', minReplicas: 0, maxReplicas: 10,
    };
    expect(autoSetReplicasSchema.parse(input)).toStrictEqual({
      enable: true, targetTFlopsOfLimits: 0.8, evaluationPeriod: 300_000, scaleUpStep: 2, scaleDownStep: 1,
      scaleUpCoolDownTime: 60_000, scaleDownCoolDownTime: 600_000, minReplicas: 0, maxReplicas: 10,
    });
  });

  it.each([
    { name: 'target share above 1', input: { targetTFlopsOfLimits: '1.2' }, code: 'custom', path: ['targetTFlopsOfLimits'], fragment: 'be target share of the TFLOPS limit from 0 to 1' },
    { name: 'negative step', input: { scaleUpStep: -1 }, code: 'too_small', path: ['scaleUpStep'], fragment: 'not be negative' },
    { name: 'fractional replicas', input: { maxReplicas: 1.5 }, code: 'invalid_type', path: ['maxReplicas'], fragment: 'be a whole number' },
    { name: 'replicas as a string', input: { minReplicas: '1' }, code: 'invalid_type', path: ['minReplicas'], fragment: 'be a whole number' },
    { name: 'unknown field', input: { targetReplicas: 3 }, code: 'unrecognized_keys', path: [], fragment: 'targetReplicas' },
  ])('rejects $name', ({ input, code, path, fragment }) => {
    const issues = issuesOf(autoSetReplicasSchema, input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path });
    expect(issues[0]?.message).toContain(fragment);
  });
});

describe('Schema: cronScalingRuleSchema', () => {
  const rule = { name: 'office-hours', start: '0 9 * * 1-5', end: '0 18 * * 1-5' };

  it('parses a rule with desired resources as quantities', () => {
    const input = {
      ...rule, enable: true, desiredReplicas: 2,
      desiredResources: { requests: { tflops: '20', vram: '8Gi' }, limits: { tflops: 40, compute: '75' } },
    };
    expect(cronScalingRuleSchema.parse(input)).toStrictEqual({
      ...rule, enable: true, desiredReplicas: 2,
      desiredResources: { requests: { tflops: 20_000, vram: 8_589_934_592 }, limits: { tflops: 40_000, compute: 75_000 } },
    });
  });

  it.each([
    { name: 'empty name', input: { ...rule, name: '' }, code: 'too_small', path: ['name'], fragment: 'not be empty' },
    { name: 'missing name', input: { start: rule.start, end: rule.end }, code: 'invalid_type', path: ['name'], fragment: 'expected string' },
    { name: 'four-field start', input: { ...rule, start: '0 9 * *' }, code: 'custom', path: ['start'], fragment: 'be a five-field cron expression' },
    { name: 'macro end', input: { ...rule, end: '@daily' }, code: 'custom', path: ['end'], fragment: 'be a five-field cron expression' },
    {
      name: 'bad desired vram', input: { ...rule, desiredResources: { requests: { vram: '8GB' } } }, code: 'custom',
      path: ['desiredResources', 'requests', 'vram'], fragment: 'use Gi, not GB',
    },
    { name: 'negative desired replicas', input: { ...rule, desiredReplicas: -1 }, code: 'too_small', path: ['desiredReplicas'], fragment: 'not be negative' },
    { name: 'unknown field', input: { ...rule, timezone: 'UTC' }, code: 'unrecognized_keys', path: [], fragment: 'timezone' },
  ])('rejects $name', ({ input, code, path, fragment }) => {
    const issues = issuesOf(cronScalingRuleSchema, input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path });
    expect(issues[0]?.message).toContain(fragment);
  });
});

describe('Schema: externalScalerSchema', () => {
  it('parses a full scaler', () => {
    const input = {
      enable: true, url: 'https://scaler.example.com/recommend', apiKeySecretRef: { name: 'key', namespace: 'ops' },
      initialDelayPeriod: '1m', interval: '30s',
    };
    expect(externalScalerSchema.parse(input)).toStrictEqual({ ...input, initialDelayPeriod: 60_000, interval: 30_000 });
  });

  it.each([
    { name: 'not a url', input: { url: 'not a url' }, code: 'invalid_format', path: ['url'], fragment: 'be an http(s) URL' },
    { name: 'scheme without host', input: { url: 'http://' }, code: 'invalid_format', path: ['url'], fragment: 'be an http(s) URL' },
    { name: 'secret ref without name', input: { apiKeySecretRef: {} }, code: 'invalid_type', path: ['apiKeySecretRef', 'name'], fragment: 'expected string' },
    { name: 'secret ref extra field', input: { apiKeySecretRef: { name: 'k', key: 'x' } }, code: 'unrecognized_keys', path: ['apiKeySecretRef'], fragment: 'key' },
    { name: 'bad interval', input: { interval: '30' }, code: 'custom', path: ['interval'], fragment: 'be a duration' },
  ])('rejects $name', ({ input, code, path, fragment }) => {
    const issues = issuesOf(externalScalerSchema, input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path });
    expect(issues[0]?.message).toContain(fragment);
  });
});

describe('Schema: autoScalingConfigSchema', () => {
  it('accepts an empty config (the seed profile writes {})', () => {
    expect(autoScalingConfigSchema.parse({})).toStrictEqual({});
  });

  it('parses every section together', () => {
    const input = {
      autoSetResources: { enable: true, targetResource: 'compute' },
      autoSetReplicas: { enable: false, minReplicas: 1 },
      cronScalingRules: [{ name: 'night', start: '0 22 * * *', end: '0 6 * * *', desiredReplicas: 0 }],
      externalScaler: { enable: false },
      autoSetLimits: { enable: true, anything: 'kept' },
      autoSetRequests: { enable: false },
    };
    expect(autoScalingConfigSchema.parse(input)).toStrictEqual(input);
  });

  it('reports issues at their full path inside the rule list', () => {
    const issues = issuesOf(autoScalingConfigSchema, {
      cronScalingRules: [{ name: 'ok', start: '* * * * *', end: '* * * * *' }, { name: 'bad', start: 'never', end: '* * * * *' }],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'custom', path: ['cronScalingRules', 1, 'start'], input: 'never' });
    expect(issues[0]?.message).toContain('be a five-field cron expression');
  });

  it('rejects an unknown section', () => {
    const [found] = issuesOf(autoScalingConfigSchema, { autoSetResource: {} });
    expect(found).toMatchObject({ code: 'unrecognized_keys', keys: ['autoSetResource'] });
    expect(found?.message).toContain('autoSetResource');
  });
});

describe('Schema: autoScalingConfig — inputs that once slipped through', () => {
  it.each([
    { name: 'an ftp URL is not an http(s) URL', config: { externalScaler: { url: 'ftp://example.com' } }, ok: false },
    { name: 'a mailto URL is not an http(s) URL', config: { externalScaler: { url: 'mailto:a@b' } }, ok: false },
    { name: 'an https URL is', config: { externalScaler: { url: 'https://scaler.example.com/recommend' } }, ok: true },
    { name: 'a tiny YAML number in range is a decimal', config: { autoSetResources: { marginFraction: 1e-7 } }, ok: true },
  ])('$name', ({ config, ok }) => {
    expect(autoScalingConfigSchema.safeParse(config).success).toBe(ok);
  });
});
