import { describe, expect, it } from 'vitest';
import { DEFAULT_POOL_ANNOTATION, gpuPoolSchema, gpuPoolSpecSchema, isDefaultPool, PLACEMENT_MODES } from './gpu-pool.ts';

/** A GPUPool with the given spec and annotations. */
function pool(spec?: Record<string, unknown>, annotations?: Record<string, string>): Record<string, unknown> {
  return {
    apiVersion: 'tensor-fusion.ai/v1',
    kind: 'GPUPool',
    metadata: annotations === undefined ? { name: 'default-pool' } : { name: 'default-pool', annotations },
    ...(spec === undefined ? {} : { spec }),
  };
}

describe('Schema: gpuPoolSchema', () => {
  it('defaults a missing spec to {}', () => {
    expect(gpuPoolSchema.parse(pool()).spec).toStrictEqual({});
  });

  it('parses every spec field', () => {
    const spec = {
      isDefault: true, defaultUsingLocalGPU: false, qosConfig: { defaultQoS: 'high' }, placement: { mode: 'BestFit' },
      nodeManagerConfig: { defaultVendor: 'NVIDIA', nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [] }] } },
    };
    expect(gpuPoolSchema.parse(pool(spec)).spec).toStrictEqual(spec);
  });

  it.each(PLACEMENT_MODES.map((mode) => ({ name: mode, mode })))('accepts placement mode $name', ({ mode }) => {
    expect(gpuPoolSpecSchema.parse({ placement: { mode } })).toStrictEqual({ placement: { mode } });
  });

  it('defaults the placement mode to FragmentationAware', () => {
    expect(gpuPoolSpecSchema.parse({ placement: {} })).toStrictEqual({ placement: { mode: 'FragmentationAware' } });
  });

  it('leaves placement absent when not given', () => {
    expect(gpuPoolSpecSchema.parse({})).toStrictEqual({});
  });

  it.each([
    { name: 'wrong apiVersion', input: { ...pool(), apiVersion: 'v1' }, code: 'invalid_value', path: ['apiVersion'], fragment: 'be tensor-fusion.ai/v1' },
    { name: 'wrong kind', input: { ...pool(), kind: 'WorkloadProfile' }, code: 'invalid_value', path: ['kind'], fragment: 'be GPUPool' },
    { name: 'missing metadata', input: { apiVersion: 'tensor-fusion.ai/v1', kind: 'GPUPool' }, code: 'invalid_type', path: ['metadata'], fragment: 'expected object' },
    { name: 'unknown spec field', input: pool({ capacity: {} }), code: 'unrecognized_keys', path: ['spec'], fragment: 'capacity' },
    { name: 'bad default QoS', input: pool({ qosConfig: { defaultQoS: 'urgent' } }), code: 'invalid_value', path: ['spec', 'qosConfig', 'defaultQoS'], fragment: 'be one of low, medium, high, critical' },
    { name: 'bad placement mode', input: pool({ placement: { mode: 'Random' } }), code: 'invalid_value', path: ['spec', 'placement', 'mode'], fragment: 'be one of FragmentationAware, CompactFirst' },
    { name: 'empty default vendor', input: pool({ nodeManagerConfig: { defaultVendor: '' } }), code: 'too_small', path: ['spec', 'nodeManagerConfig', 'defaultVendor'], fragment: '>=1' },
    { name: 'isDefault as a string', input: pool({ isDefault: 'true' }), code: 'invalid_type', path: ['spec', 'isDefault'], fragment: 'expected boolean' },
  ])('rejects $name', ({ input, code, path, fragment }) => {
    const issues = gpuPoolSchema.safeParse(input, { reportInput: true }).error?.issues ?? [];
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path });
    expect(issues[0]?.message).toContain(fragment);
  });
});

describe('Function: isDefaultPool()', () => {
  it.each([
    { name: 'spec.isDefault true', spec: { isDefault: true }, annotations: undefined, expected: true },
    { name: 'annotation "true"', spec: undefined, annotations: { [DEFAULT_POOL_ANNOTATION]: 'true' }, expected: true },
    { name: 'both', spec: { isDefault: true }, annotations: { [DEFAULT_POOL_ANNOTATION]: 'true' }, expected: true },
    { name: 'spec false but annotation true', spec: { isDefault: false }, annotations: { [DEFAULT_POOL_ANNOTATION]: 'true' }, expected: true },
    { name: 'spec.isDefault false', spec: { isDefault: false }, annotations: undefined, expected: false },
    { name: 'annotation "false"', spec: undefined, annotations: { [DEFAULT_POOL_ANNOTATION]: 'false' }, expected: false },
    { name: 'annotation "True" is not true', spec: undefined, annotations: { [DEFAULT_POOL_ANNOTATION]: 'True' }, expected: false },
    { name: 'other annotations only', spec: undefined, annotations: { 'tensor-fusion.ai/other': 'true' }, expected: false },
    { name: 'no spec and no annotations', spec: undefined, annotations: undefined, expected: false },
  ])('$name', ({ spec, annotations, expected }) => {
    expect(isDefaultPool(gpuPoolSchema.parse(pool(spec, annotations)))).toBe(expected);
  });
});
