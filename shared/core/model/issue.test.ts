import { describe, expect, it } from 'vitest';
import { formatIssue, issue } from './issue.ts';

describe('Function: issue()', () => {
  it.each([
    { name: 'undefined received is left out', received: undefined, expected: { code: 'INVALID_INPUT', field: 'f', rule: 'r' } },
    { name: 'null received is kept', received: null, expected: { code: 'INVALID_INPUT', field: 'f', rule: 'r', received: null } },
    { name: 'empty string received is kept', received: '', expected: { code: 'INVALID_INPUT', field: 'f', rule: 'r', received: '' } },
    { name: 'zero received is kept', received: 0, expected: { code: 'INVALID_INPUT', field: 'f', rule: 'r', received: 0 } },
  ])('$name', ({ received, expected }) => {
    const found = issue('INVALID_INPUT', 'f', { rule: 'r', received: received });
    expect(found).toStrictEqual(expected);
    expect('received' in found).toBe(received !== undefined);
  });

  it('leaves received out when the argument is omitted', () => {
    expect('received' in issue('NOT_FOUND', 'tensor-fusion.ai/workload-profile', { rule: 'name an existing WorkloadProfile' })).toBe(false);
  });
});

describe('Function: formatIssue()', () => {
  it.each([
    {
      name: 'string received is JSON-quoted',
      found: issue('INVALID_INPUT', 'tensor-fusion.ai/vram-request', { rule: 'be a quantity like 4Gi', received: '4GB' }),
      text: 'tensor-fusion.ai/vram-request must be a quantity like 4Gi, got "4GB"',
    },
    {
      name: 'number received',
      found: issue('INVALID_INPUT', 'WorkloadProfile spec.gpuCount', { rule: 'be at least 1', received: 0 }),
      text: 'WorkloadProfile spec.gpuCount must be at least 1, got 0',
    },
    {
      name: 'object received',
      found: issue('INVALID_INPUT', 'spec.resources', { rule: 'be a map of quantities', received: { vram: 4 } }),
      text: 'spec.resources must be a map of quantities, got {"vram":4}',
    },
    {
      name: 'null received',
      found: issue('INVALID_INPUT', 'spec.pool', { rule: 'be a pool name', received: null }),
      text: 'spec.pool must be a pool name, got null',
    },
    {
      name: 'no received value',
      found: issue('NOT_FOUND', 'tensor-fusion.ai/pool', { rule: 'name an existing pool' }),
      text: 'tensor-fusion.ai/pool must name an existing pool',
    },
  ])('$name', ({ found, text }) => {
    expect(formatIssue(found)).toBe(text);
  });
});
