import { describe, expect, it } from 'vitest';
import { configFromSettings } from './config-from-settings.ts';
import { defaultConfigSchema, tensorfusionConfigSchema, vpaConfigSchema } from './recommender-config.ts';
import { replicaConfigSchema } from './replica-config.ts';

const FIELD = 'autoScalingConfig.autoSetResources';

describe('Function: configFromSettings()', () => {
  it.each([
    {
      name: 'tensorfusion: the defaults its code applies',
      schema: tensorfusionConfigSchema, settings: {},
      expected: {
        targetComputePercentile: 0.95, lowerBoundComputePercentile: 0.5, upperBoundComputePercentile: 0.99, targetVRAMPercentile: 0.98,
        lowerBoundVRAMPercentile: 0.5, upperBoundVRAMPercentile: 0.99, marginFraction: 0.15, updateThreshold: 0.1, historyDataPeriod: 7_200_000,
        minVRAMResourcesRatio: 0.2, maxVRAMResourcesRatio: 5, minComputeResourcesRatio: 0.1, maxComputeResourcesRatio: 10, initialDelayPeriod: 1_800_000,
        interval: 30_000, minComputeTflops: 1, minVRAMBytes: 1024 ** 3, vramAggregationInterval: 86_400_000, computeLimitNeverBelowOriginal: true,
      },
    },
    {
      name: 'default: a setting overrides its default, unknown settings are ignored',
      schema: defaultConfigSchema, settings: { marginFraction: 0.2, historyLength: 86_400_000 },
      expected: expect.objectContaining({ marginFraction: 0.2, computeBurstWindow: 5_400_000, computeBurstMargin: 0.05, computeQuietAfter: 600_000, computeQuietShare: 0, computeIdleAtMost: 0, vramBurstWindow: 14_400_000, vramBurstMargin: 0.3, vramFloorWindow: 86_400_000, vramWholeAbove: 0.9 }),
    },
    {
      name: 'vpa: VPA defaults',
      schema: vpaConfigSchema, settings: {},
      expected: expect.objectContaining({ targetPercentile: 0.9, lowerBoundPercentile: 0.5, upperBoundPercentile: 0.95, halfLife: 86_400_000, interval: 60_000, podLifetimeUpdateThreshold: 43_200_000 }),
    },
    {
      name: 'replicas: HPA-like defaults and no maximum',
      schema: replicaConfigSchema, settings: { maxReplicas: 4 },
      expected: { targetTFlopsOfLimits: 0.8, tolerance: 0.1, evaluationPeriod: 60_000, scaleUpStep: 2, scaleDownStep: 1, scaleUpCoolDownTime: 60_000, scaleDownCoolDownTime: 300_000, minReplicas: 1, maxReplicas: 4 },
    },
  ])('$name', ({ schema, settings, expected }) => {
    expect(configFromSettings(schema, settings, FIELD)).toEqual({ ok: true, config: expected });
  });

  it.each([
    {
      name: 'every issue, each naming its setting',
      schema: tensorfusionConfigSchema, settings: { marginFraction: -1, targetComputePercentile: 0.3, minVRAMResourcesRatio: 6 },
      expected: [
        { code: 'INVALID_INPUT', field: `${FIELD}.marginFraction`, rule: 'not be negative', received: -1 },
        { code: 'INVALID_INPUT', field: `${FIELD}.targetComputePercentile`, rule: 'lie between its lower-bound and upper-bound percentiles', received: 0.3 },
        { code: 'INVALID_INPUT', field: `${FIELD}.minVRAMResourcesRatio`, rule: 'not exceed maxVRAMResourcesRatio', received: 6 },
      ],
    },
    {
      name: 'the VRAM percentiles and compute ratios too',
      schema: defaultConfigSchema, settings: { targetVRAMPercentile: 1, minComputeResourcesRatio: 11, historyDataPeriod: 40 * 86_400_000 },
      expected: [
        { code: 'INVALID_INPUT', field: `${FIELD}.historyDataPeriod`, rule: 'not exceed 30 days', received: 40 * 86_400_000 },
        { code: 'INVALID_INPUT', field: `${FIELD}.minComputeResourcesRatio`, rule: 'not exceed maxComputeResourcesRatio', received: 11 },
        { code: 'INVALID_INPUT', field: `${FIELD}.targetVRAMPercentile`, rule: 'lie between its lower-bound and upper-bound percentiles', received: 1 },
      ],
    },
    {
      name: 'replicas: a minimum over the maximum',
      schema: replicaConfigSchema, settings: { minReplicas: 5, maxReplicas: 2 },
      expected: [{ code: 'INVALID_INPUT', field: 'autoScalingConfig.autoSetReplicas.minReplicas', rule: 'not exceed maxReplicas', received: 5 }],
      field: 'autoScalingConfig.autoSetReplicas',
    },
  ])('reports $name', ({ schema, settings, expected, ...rest }) => {
    expect(configFromSettings(schema, settings, rest.field ?? FIELD)).toEqual({ ok: false, issues: expected });
  });
});
