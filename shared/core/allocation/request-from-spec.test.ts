import { describe, expect, it } from 'vitest';
import { parseCatalogueConfig, extendCatalogue } from '../catalogue/catalogue-config.ts';
import { builtinCatalogue } from '../catalogue/gpu-catalogue.ts';
import type { WorkloadSpec } from '../model/workload-spec.ts';
import { allowedModelNames, DEFAULT_MAX_WORKERS_PER_NODE, requestFromSpec } from './request-from-spec.ts';

const GIB = 2 ** 30;
const NONE = { tflopsMilli: 0, computePercentMilli: 0, vramBytes: 0 };

function spec(overrides: Partial<WorkloadSpec>): WorkloadSpec {
  const requests = { tflopsMilli: 10_000, computePercentMilli: 0, vramBytes: 4 * GIB };
  return {
    enabled: true, workload: 'pytorch', profile: undefined, pool: 'default-pool', requests, limits: requests,
    totals: { requests, limits: requests }, qos: 'medium', gpuCount: 2, gpuIndices: undefined, gpuModels: [], vendor: undefined,
    dedicatedGpu: false, isLocalGpu: true, standaloneWorker: false, isolation: 'soft', partitionId: undefined, injectContainers: [],
    disabledFeatures: [], enabledReplicas: undefined, replicas: undefined,
    autoScaling: { autoSetResources: { enable: false, targetResource: undefined, settings: {} }, autoSetReplicas: { enable: false, settings: {} }, cronScalingRules: [] },
    origins: {}, ...overrides,
  };
}

describe('Function: allowedModelNames()', () => {
  it.each([
    { name: 'nothing for no models', models: [], expected: [] },
    { name: 'a catalogue model with its id and aliases', models: ['V100M16'], expected: ['v100m16', 'v100_16g', 'v100', 'v100-sxm2-16gb', 'v100-pcie-16gb'] },
    { name: 'an unknown name as given, normalised', models: ['NVIDIA Mystery X'], expected: ['mystery x'] },
  ])('gives $name', ({ models, expected }) => {
    expect(allowedModelNames(models)).toEqual(expected);
  });

  it('uses the catalogue it is given (the openb G2 from configuration)', () => {
    const parsed = parseCatalogueConfig({ models: [{ model: 'G2', fp16Tflops: 125, vram: '32Gi', aliases: ['openb-g2'] }] });
    const catalogue = extendCatalogue(builtinCatalogue, parsed.ok ? parsed.models : []);
    expect(allowedModelNames(['g2'], catalogue)).toEqual(['g2', 'openb-g2']);
  });
});

describe('Function: requestFromSpec()', () => {
  it('takes the per-GPU requests, count, models, vendor, dedicated flag and pool, with defaults for the rest', () => {
    expect(requestFromSpec(spec({ gpuModels: ['T4'], vendor: 'NVIDIA', dedicatedGpu: true }))).toEqual({
      perGpu: { tflopsMilli: 10_000, computePercentMilli: 0, vramBytes: 4 * GIB, vramPercentMilli: 0 },
      gpuCount: 2, gpuModels: ['t4'], vendor: 'NVIDIA', dedicatedGpu: true, pool: 'default-pool', nodeSelector: {},
      requiredNodeAffinity: [], tolerations: [], cpuMilli: 0, memoryMiB: 0, maxWorkersPerNode: DEFAULT_MAX_WORKERS_PER_NODE, maxWorkersPerGpu: 0,
    });
  });

  it('takes what the spec does not say from the options', () => {
    const request = requestFromSpec(spec({ requests: { ...NONE, computePercentMilli: 50_000 } }), {
      nodeSelector: { zone: 'a' }, cpuMilli: 4000, memoryMiB: 8192, maxWorkersPerNode: 16, maxWorkersPerGpu: 4,
      requiredNodeAffinity: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }], tolerations: [{ operator: 'Exists' }],
    });
    expect(request).toMatchObject({
      perGpu: { tflopsMilli: 0, computePercentMilli: 50_000, vramBytes: 0, vramPercentMilli: 0 },
      nodeSelector: { zone: 'a' }, cpuMilli: 4000, memoryMiB: 8192, maxWorkersPerNode: 16, maxWorkersPerGpu: 4,
      requiredNodeAffinity: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }], tolerations: [{ operator: 'Exists' }],
    });
  });
});
