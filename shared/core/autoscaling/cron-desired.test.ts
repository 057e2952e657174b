import { describe, expect, it } from 'vitest';
import type { CronRule } from '../model/workload-spec.ts';
import { activeCronRule, replicaFloor, withCronFloor } from './cron-desired.ts';
import { replicaConfigSchema } from './replica-config.ts';

const GIB = 1024 ** 3;
const A100 = { vramBytes: 40 * GIB, tflops: 312 };
const rule = (name: string, window: string, extra: Partial<CronRule> = {}): CronRule => {
  const [start = '', end = ''] = window.split(' to ');
  return { name, enable: true, start, end, ...extra };
};
const night = rule('night', '0 22 * * * to 0 6 * * *');
const office = rule('office', '0 9 * * 1-5 to 0 17 * * 1-5');

describe('Function: activeCronRule()', () => {
  it.each([
    { name: 'none active', rules: [night, office], at: '2024-06-03T20:00:00Z', zone: 'UTC', expected: { ok: true } },
    { name: 'across midnight, after it', rules: [night, office], at: '2024-06-04T01:00:00Z', zone: 'UTC', expected: { ok: true, rule: night } },
    { name: 'office hours, Berlin summer time', rules: [night, office], at: '2024-07-01T07:30:00Z', zone: 'Europe/Berlin', expected: { ok: true, rule: office } },
    { name: 'the night clocks go forward in Berlin: 02:00-03:00 never happens, the window still holds', rules: [rule('n', '0 1 * * * to 30 3 * * *')], at: '2024-03-31T01:10:00Z', zone: 'Europe/Berlin', expected: { ok: true, rule: rule('n', '0 1 * * * to 30 3 * * *') } },
    { name: 'a disabled rule is not considered', rules: [{ ...night, enable: false }], at: '2024-06-04T01:00:00Z', zone: 'UTC', expected: { ok: true } },
  ])('$name', ({ rules, at, zone, expected }) => {
    expect(activeCronRule(rules, { instantMs: Date.parse(at), timeZone: zone })).toEqual(expected);
  });

  it.each([
    { name: 'two active rules', rules: [night, rule('late', '0 23 * * * to 0 5 * * *')], fragment: 'more than one cron rule is active: night, late' },
    { name: 'a rule that cannot be read', rules: [rule('same', '0 1 * * * to 0 1 * * *')], fragment: 'cron rule same: start and end must differ' },
  ])('$name is an error', ({ rules, fragment }) => {
    const found = activeCronRule(rules, { instantMs: Date.parse('2024-06-04T01:00:00Z'), timeZone: 'UTC' });
    expect(found.ok).toBe(false);
    expect(found.ok ? '' : found.message).toContain(fragment);
  });
});

describe('Function: withCronFloor()', () => {
  const base = { requests: { computePercent: 10, vramBytes: 4 * GIB }, limits: { computePercent: 20, vramBytes: 8 * GIB } };
  it.each([
    { name: 'raises what the rule asks more of', extra: { requests: { tflopsMilli: 62_400, vramBytes: 2 * GIB } }, expected: { requests: { computePercent: 20, vramBytes: 4 * GIB }, limits: { computePercent: 20, vramBytes: 8 * GIB } } },
    { name: 'limits too, in percent', extra: { limits: { computePercentMilli: 50_000, vramBytes: 16 * GIB } }, expected: { requests: base.requests, limits: { computePercent: 50, vramBytes: 16 * GIB } } },
    { name: 'a rule with no resources changes nothing', extra: {}, expected: base },
    { name: 'a limit never ends below its request', extra: { requests: { computePercentMilli: 30_000, vramBytes: 10 * GIB } }, expected: { requests: { computePercent: 30, vramBytes: 10 * GIB }, limits: { computePercent: 30, vramBytes: 10 * GIB } } },
  ])('$name', ({ extra, expected }) => {
    expect(withCronFloor(base, rule('r', '0 1 * * * to 0 2 * * *', extra), A100)).toEqual(expected);
  });
});

describe('Function: replicaFloor()', () => {
  const config = replicaConfigSchema.parse({ minReplicas: 2, maxReplicas: 6 });
  it.each([
    { name: 'no active rule leaves the config as is', active: undefined, expected: { minReplicas: 2, maxReplicas: 6 } },
    { name: 'a rule without desiredReplicas leaves the config as is', active: rule('r', '0 1 * * * to 0 2 * * *'), expected: { minReplicas: 2, maxReplicas: 6 } },
    { name: 'a higher desiredReplicas raises the floor', active: rule('r', '0 1 * * * to 0 2 * * *', { desiredReplicas: 4 }), expected: { minReplicas: 4, maxReplicas: 6 } },
    { name: 'a lower desiredReplicas keeps the configured floor', active: rule('r', '0 1 * * * to 0 2 * * *', { desiredReplicas: 1 }), expected: { minReplicas: 2, maxReplicas: 6 } },
    { name: 'the floor stays within maxReplicas', active: rule('r', '0 1 * * * to 0 2 * * *', { desiredReplicas: 9 }), expected: { minReplicas: 6, maxReplicas: 6 } },
  ])('$name', ({ active, expected }) => {
    expect(replicaFloor(config, active)).toMatchObject(expected);
  });

  it('without maxReplicas the floor is the rule\'s', () => {
    expect(replicaFloor(replicaConfigSchema.parse({}), rule('r', '0 1 * * * to 0 2 * * *', { desiredReplicas: 12 })).minReplicas).toBe(12);
  });
});
