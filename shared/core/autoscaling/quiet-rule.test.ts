import { describe, expect, it } from 'vitest';
import { lastActivity, quietFactor, type QuietRule } from './quiet-rule.ts';

const MINUTE = 60_000;
// Quiet after 10 idle minutes; idle means at most 1 %; 30 % of the limit kept while quiet.
const rule: QuietRule = { afterMs: 10 * MINUTE, share: 0.3, idleAtMost: 1 };

describe('Function: lastActivity()', () => {
  it.each([
    { name: 'a busy sample moves it to the sample', value: 5, atMs: 7 * MINUTE, expected: 7 * MINUTE },
    { name: 'an idle sample (0) leaves it', value: 0, atMs: 7 * MINUTE, expected: 2 * MINUTE },
    { name: 'a sample exactly at the idle level is idle', value: 1, atMs: 7 * MINUTE, expected: 2 * MINUTE },
    { name: 'just above the idle level is work', value: 1.01, atMs: 7 * MINUTE, expected: 7 * MINUTE },
    { name: 'a busy sample older than the last activity does not move it back', value: 50, atMs: MINUTE, expected: 2 * MINUTE },
  ])('$name', ({ value, atMs, expected }) => {
    expect(lastActivity(2 * MINUTE, { value, atMs }, rule)).toBe(expected);
  });
});

describe('Function: quietFactor()', () => {
  it.each([
    { name: 'working: idle for less than afterMs keeps the whole limit', idleMs: 10 * MINUTE - 1, r: rule, expected: 1 },
    { name: 'quiet: idle for exactly afterMs keeps the share', idleMs: 10 * MINUTE, r: rule, expected: 0.3 },
    { name: 'quiet: idle for longer keeps the share', idleMs: 5 * 60 * MINUTE, r: rule, expected: 0.3 },
    { name: 'a share of 0 drops the limit to nothing (the floor applies later)', idleMs: 20 * MINUTE, r: { ...rule, share: 0 }, expected: 0 },
    { name: 'afterMs 0 turns the rule off', idleMs: 20 * MINUTE, r: { ...rule, afterMs: 0 }, expected: 1 },
  ])('$name', ({ idleMs, r, expected }) => {
    expect(quietFactor(100 * MINUTE, 100 * MINUTE + idleMs, r)).toBe(expected);
  });
});
