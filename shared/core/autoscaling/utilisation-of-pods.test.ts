import { describe, expect, it } from 'vitest';
import { utilisationOfPods, type ListedPod, type PodReadiness } from './utilisation-of-pods.ts';

// Target 80 % of the TFLOPS limits: a ratio over 1 asks to scale up, under 1 to scale down.
const config = { targetTFlopsOfLimits: 0.8 };
const listed = (pods: Record<string, PodReadiness>): ListedPod[] => Object.entries(pods).map(([name, readiness]) => ({ name, readiness }));

describe('Function: utilisationOfPods()', () => {
  it.each([
    { name: 'every pod reported: the readings\' mean', readings: { a: 1.2, b: 0.4 }, pods: { a: 'ready', b: 'ready' }, utilisation: 0.8 },
    { name: 'a reading counts whatever the listing says (pending, gone or not listed)', readings: { a: 1.2, b: 2, c: 0.4 }, pods: { a: 'unready', b: 'gone' }, utilisation: 1.2 },
    { name: 'scale-up: a ready pod without readings counts as 0', readings: { a: 1.6, b: 1.6 }, pods: { a: 'ready', b: 'ready', c: 'ready' }, utilisation: 3.2 / 3 },
    { name: 'scale-up: a pod not ready yet counts as 0', readings: { a: 2 }, pods: { a: 'ready', b: 'unready' }, utilisation: 1 },
    { name: 'scale-up: a pod being deleted is left out', readings: { a: 2 }, pods: { a: 'ready', b: 'gone' }, utilisation: 2 },
    { name: 'scale-down: a ready pod without readings counts as fully used', readings: { a: 0.2 }, pods: { a: 'ready', b: 'ready' }, utilisation: 0.6 },
    { name: 'scale-down: a pod not ready yet is left out', readings: { a: 0.2 }, pods: { a: 'ready', b: 'unready', c: 'gone' }, utilisation: 0.2 },
    { name: 'exactly on target: silent pods change nothing', readings: { a: 0.8 }, pods: { a: 'ready', b: 'ready', c: 'unready' }, utilisation: 0.8 },
    {
      name: 'scale-up turned into scale-down by the silent pods: held', readings: { a: 1 }, pods: { a: 'ready', b: 'ready', c: 'unready' }, utilisation: 1 / 3,
      hold: 'utilisation 1.00 over target 0.8, but 0.33 under it with the 2 pods that sent no readings',
    },
    {
      name: 'scale-down turned into scale-up by the silent pods: held', readings: { a: 0.6 }, pods: { a: 'ready', b: 'ready', c: 'ready' }, utilisation: 2.6 / 3,
      hold: 'utilisation 0.60 under target 0.8, but 0.87 over it with the 2 pods that sent no readings',
    },
  ] as const)('$name', ({ readings, pods, utilisation, ...rest }) => {
    const counted = utilisationOfPods(new Map(Object.entries(readings)), listed(pods), config);
    expect(counted?.utilisation).toBeCloseTo(utilisation, 12);
    expect(counted?.hold).toBe('hold' in rest ? rest.hold : undefined);
  });

  it('has nothing to say without a reading', () => {
    expect(utilisationOfPods(new Map(), listed({ a: 'ready' }), config)).toBeUndefined();
  });
});
