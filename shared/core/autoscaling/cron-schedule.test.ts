import { describe, expect, it } from 'vitest';
import { dayMatches, parseCron } from './cron-schedule.ts';

describe('Function: parseCron()', () => {
  it.each([
    {
      name: 'stars everywhere',
      text: '* * * * *',
      expected: { minutes: Array.from({ length: 60 }, (_, i) => i), hours: Array.from({ length: 24 }, (_, i) => i), anyDay: true },
    },
    { name: 'lists, ranges and steps', text: '0,30 9-17/4 * * 1-5', expected: { minutes: [0, 30], hours: [9, 13, 17], anyDay: true } },
    { name: 'a start with a step runs to the maximum', text: '50/5 22 * * *', expected: { minutes: [50, 55], hours: [22] } },
    { name: 'a star with a step is not a bare star', text: '0 0 */10 * 0', expected: { anyDay: false } },
    { name: '? is a star', text: '0 0 ? * MON', expected: { anyDay: true } },
    { name: 'extra spaces', text: '  5   4 * * *  ', expected: { minutes: [5], hours: [4] } },
  ])('$name', ({ text, expected }) => {
    const parsed = parseCron(text);
    expect(parsed).toMatchObject({ ok: true, schedule: expected });
  });

  it.each([
    { name: 'month and weekday names', text: '0 0 1 jan-MAR SUN,sat', months: [1, 2, 3], daysOfWeek: [0, 6] },
    { name: 'days of month with a step', text: '0 0 1-31/10 * *', months: Array.from({ length: 12 }, (_, i) => i + 1), daysOfWeek: [0, 1, 2, 3, 4, 5, 6] },
  ])('$name', ({ text, months, daysOfWeek }) => {
    const parsed = parseCron(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect([...parsed.schedule.months]).toEqual(months);
    expect([...parsed.schedule.daysOfWeek]).toEqual(daysOfWeek);
  });

  it.each([
    { name: 'four fields', text: '0 9 * *', message: '"0 9 * *" must have five fields (minute hour day-of-month month day-of-week)' },
    { name: 'a minute out of range', text: '60 9 * * *', message: 'minute "60" must lie within 0-59' },
    { name: 'a reversed range', text: '0 17-9 * * *', message: 'hour "17-9" must lie within 0-23' },
    { name: 'weekday 7', text: '0 9 * * 7', message: 'day of week "7" must lie within 0-6' },
    { name: 'an unknown name', text: '0 9 * FOO *', message: 'month "FOO" must lie within 1-12' },
    { name: 'a range of three', text: '0 1-2-3 * * *', message: 'hour "1-2-3" must lie within 0-23' },
    { name: 'a zero step', text: '*/0 * * * *', message: 'minute step in "*/0" must be a whole number from 1' },
    { name: 'two steps', text: '*/2/3 * * * *', message: 'minute step in "*/2/3" must be a whole number from 1' },
  ])('rejects $name', ({ text, message }) => {
    expect(parseCron(text)).toEqual({ ok: false, message });
  });
});

describe('Function: dayMatches()', () => {
  const schedule = (text: string) => {
    const parsed = parseCron(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.schedule;
  };
  it.each([
    { name: 'a weekday rule on a Monday', text: '0 9 * * 1-5', date: { month: 6, day: 3, weekday: 1 }, expected: true },
    { name: 'a weekday rule on a Saturday', text: '0 9 * * 1-5', date: { month: 6, day: 8, weekday: 6 }, expected: false },
    { name: 'another month', text: '0 9 * 7 *', date: { month: 6, day: 3, weekday: 1 }, expected: false },
    { name: 'both day fields set: the day of month alone', text: '0 0 15 * 1', date: { month: 6, day: 15, weekday: 6 }, expected: true },
    { name: 'both day fields set: the weekday alone', text: '0 0 15 * 1', date: { month: 6, day: 3, weekday: 1 }, expected: true },
    { name: 'both day fields set: neither', text: '0 0 15 * 1', date: { month: 6, day: 4, weekday: 2 }, expected: false },
  ])('$name', ({ text, date, expected }) => {
    expect(dayMatches(schedule(text), date)).toBe(expected);
  });
});
