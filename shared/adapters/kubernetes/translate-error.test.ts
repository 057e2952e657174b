import * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { orAbsent, translateKubernetesError } from './translate-error.ts';

const api = (code: number, message = 'boom') => new k8s.ApiException(code, 'failed', JSON.stringify({ kind: 'Status', reason: 'R', message }), {});

describe('Adapter: kubernetes translateKubernetesError()', () => {
  it.each([
    { name: '404 is NOT_FOUND', error: api(404), code: 'NOT_FOUND' },
    { name: '409 is VERSION_CONFLICT', error: api(409), code: 'VERSION_CONFLICT' },
    { name: '429 is THROTTLED', error: api(429), code: 'THROTTLED' },
    { name: '422 is INVALID_INPUT', error: api(422), code: 'INVALID_INPUT' },
    { name: '400 is INVALID_INPUT', error: api(400), code: 'INVALID_INPUT' },
    { name: '403 naming a quota is QUOTA_EXCEEDED', error: api(403, 'exceeded quota: gpu'), code: 'QUOTA_EXCEEDED' },
    { name: 'other 403 is INTERNAL', error: api(403, 'forbidden'), code: 'INTERNAL' },
    { name: '503 is DEPENDENCY_UNAVAILABLE', error: api(503), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: '418 is INTERNAL', error: api(418), code: 'INTERNAL' },
    { name: 'a network error is DEPENDENCY_UNAVAILABLE', error: new Error('ECONNREFUSED'), code: 'DEPENDENCY_UNAVAILABLE' },
    { name: 'a thrown string is DEPENDENCY_UNAVAILABLE', error: 'down', code: 'DEPENDENCY_UNAVAILABLE' },
  ])('$name', ({ error, code }) => {
    const translated = translateKubernetesError(error, 'patch pod');
    expect(translated.code).toBe(code);
    expect(translated.message).toContain('patch pod');
    expect(translated.cause).toBe(error);
  });

  it('keeps the Status message and reason', () => {
    const translated = translateKubernetesError(api(409, 'the object has been modified'), 'update owner');
    expect(translated.message).toBe('update owner: the object has been modified');
    expect(translated.details).toMatchObject({ status: 409, reason: 'R' });
  });

  it('passes an AppError through', () => {
    const original = new AppError('THROTTLED', 'slow down');
    expect(translateKubernetesError(original, 'x')).toBe(original);
  });

  it('copes with a body that is not JSON', () => {
    const translated = translateKubernetesError(new k8s.ApiException(500, 'failed', 'not json', {}), 'list');
    expect(translated.message).toBe('list: HTTP 500');
  });
});

describe('Adapter: kubernetes orAbsent()', () => {
  it.each([
    { name: 'a value comes back as is', run: async () => 'pod', expected: 'pod' },
    { name: 'a 404 is undefined', run: async () => { throw api(404); }, expected: undefined },
  ])('$name', async ({ run, expected }) => {
    expect(await orAbsent('get pod ml/a', run)).toBe(expected);
  });

  it.each([
    { name: 'a 409 is translated', error: api(409), code: 'VERSION_CONFLICT' },
    { name: 'a network error is translated', error: new Error('ECONNREFUSED'), code: 'DEPENDENCY_UNAVAILABLE' },
  ])('$name', async ({ error, code }) => {
    await expect(orAbsent('get pod ml/a', async () => { throw error; })).rejects.toSatisfy((thrown) => thrown instanceof AppError && thrown.code === code && thrown.message.includes('get pod ml/a'));
  });
});
